/**
 * `npm run infra`: writes infra/<cloud>/*.json from the schedule config (POWER_CONFIG or config/schedules.yaml), as
 * the registries declare them: each platform's policy files (SCF: the CAM policies of its execution role, its trust,
 * and the deployer) and each cloud's spoke files (the role each other account installs). They follow the management
 * tag, the groups' regions, the SCF region, namespace and role: run it after changing any of them; a test fails until
 * you do.
 */
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { defaultConfigFile, REPO_ROOT } from "../src/deploy/bundle.ts";
import { infraFiles } from "../src/deploy/infra-files.ts";
import { loadScheduleConfig } from "../src/schedule/config.ts";

const configFile = defaultConfigFile();
const config = await loadScheduleConfig(configFile);
const written: string[] = [];
for (const [file, document] of Object.entries(infraFiles(config))) {
  const path = join(REPO_ROOT, "infra", file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
  written.push(path);
  console.log(`wrote ${relative(REPO_ROOT, path)} (from ${relative(REPO_ROOT, configFile)})`);
}
// The repository's own formatting, so that `npm run lint` stays green.
execFileSync(join(REPO_ROOT, "node_modules/.bin/biome"), ["format", "--write", ...written], { stdio: "ignore" });
