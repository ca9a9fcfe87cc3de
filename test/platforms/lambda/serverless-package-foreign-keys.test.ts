/**
 * `serverless package` with a group of a cloud that hosts no functions (Alibaba ECS) on Lambda: the functions get
 * their own role's keys only, so the deploy copies that cloud's key pair from the shell into both functions'
 * environment; unset, `package` warns and names it (and `serverless deploy` refuses: the same preflight,
 * src/deploy/preflight.ts, run by scripts/serverless-build-plugin.cjs with dryRun off).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../src/deploy/bundle.ts";
import { resourcesOf, slsPackage } from "./support/sls-package.ts";

const ALIBABA_GROUP =
  "  - { name: ali-dev, provider: alibaba, platform: aws, region: cn-hangzhou, tags: { team: ali }, stop: '0 21 * * *', timezone: Asia/Shanghai }";
const KEYS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIforeignkeys0002",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "alibaba-s3cr3t-0002",
};

let workDir: string;
let config: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "powercron-sls-foreign-keys-"));
  const text = await readFile(join(REPO_ROOT, "config/schedules.yaml"), "utf8");
  expect(text).toContain("\ncalendars:");
  config = join(workDir, "alibaba-on-lambda.yaml");
  await writeFile(config, text.replace("\ncalendars:", `\n${ALIBABA_GROUP}\ncalendars:`));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function variablesOf(template: Parameters<typeof resourcesOf>[0]): Record<string, string>[] {
  return resourcesOf(template, "AWS::Lambda::Function").map(
    (fn) => (fn.Properties.Environment as { Variables: Record<string, string> }).Variables,
  );
}

describe("Function: serverless package with an Alibaba group on Lambda", () => {
  it("names the unset key pair and says a deploy refuses, and packages functions without it", async () => {
    const packaged = await slsPackage(workDir, "no-keys", [], { config });
    expect(packaged.output).toContain(
      "Alibaba Cloud keys: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET not set in the deploy's environment",
    );
    expect(packaged.output).toContain("a deploy to AWS Lambda refuses (exit 2) until the above is fixed");
    const environments = variablesOf(packaged.template);
    expect(environments).toHaveLength(2);
    for (const variables of environments) expect(variables).not.toHaveProperty("ALIBABA_CLOUD_ACCESS_KEY_ID");
  }, 150_000);

  it("copies the pair from the shell into both functions' environment, without printing it", async () => {
    const packaged = await slsPackage(workDir, "keys", [], { config, env: KEYS });
    expect(packaged.output).not.toContain("Alibaba Cloud keys");
    for (const secret of Object.values(KEYS)) expect(packaged.output).not.toContain(secret);
    for (const variables of variablesOf(packaged.template)) expect(variables).toMatchObject(KEYS);
  }, 150_000);
});
