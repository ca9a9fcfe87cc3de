/**
 * `npm run infra`: writes infra/tencent/*.json (the CAM policies of the SCF execution role, its trust, and the
 * deployer) from the schedule config (POWER_CONFIG or config/schedules.yaml): the management tag, the Tencent
 * groups' regions, the SCF region, namespace and role. Run it after changing any of them; a test fails until you do.
 */
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { awsSpokeTemplate } from "../src/deploy/account-roles.ts";
import { defaultConfigFile, REPO_ROOT } from "../src/deploy/bundle.ts";
import { camPolicyFiles } from "../src/deploy/tencent-cam.ts";
import { loadScheduleConfig } from "../src/schedule/config.ts";

const configFile = defaultConfigFile();
const config = await loadScheduleConfig(configFile);
const written: string[] = [];
for (const [file, policy] of Object.entries(camPolicyFiles(config))) {
  const path = join(REPO_ROOT, "infra/tencent", file);
  await writeFile(path, `${JSON.stringify(policy, null, 2)}\n`);
  written.push(path);
  console.log(`wrote ${relative(REPO_ROOT, path)} (from ${relative(REPO_ROOT, configFile)})`);
}
// The AWS spoke role template (CloudFormation), from the same management tag.
const spoke = join(REPO_ROOT, "infra/aws/spoke-role.json");
await mkdir(join(REPO_ROOT, "infra/aws"), { recursive: true });
await writeFile(spoke, `${JSON.stringify(awsSpokeTemplate(config), null, 2)}\n`);
written.push(spoke);
console.log(`wrote ${relative(REPO_ROOT, spoke)} (from ${relative(REPO_ROOT, configFile)})`);
// The repository's own formatting, so that `npm run lint` stays green.
execFileSync(join(REPO_ROOT, "node_modules/.bin/biome"), ["format", "--write", ...written], { stdio: "ignore" });
