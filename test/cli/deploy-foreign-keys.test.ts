/**
 * `powercron deploy scf` with a group of a cloud that hosts no functions (Alibaba ECS) on SCF, through the real CLI
 * and the SCF API of the local cloud: the functions get their own role's keys only, so the deploy copies that cloud's
 * key pair from the deployer's environment into both functions'. Missing, a dry run warns and a deploy refuses
 * (exit 2) before building or calling anything; set, they are deployed and shown masked.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { descriptorOf } from "../../src/providers/index.ts";
import { runCli } from "./support/cli-process.ts";

const dir = mkdtempSync(join(tmpdir(), "powercron-foreign-keys-"));
const SAMPLE = readFileSync("config/schedules.yaml", "utf8");
const ALIBABA_GROUP =
  "  - { name: ali-dev, provider: alibaba, platform: scf, region: cn-hangzhou, tags: { team: ali }, stop: '0 21 * * *', timezone: Asia/Shanghai }";
const config = join(dir, "alibaba-on-scf.yaml");
writeFileSync(
  config,
  (() => {
    expect(SAMPLE).toContain("\ncalendars:");
    return SAMPLE.replace("\ncalendars:", `\n${ALIBABA_GROUP}\ncalendars:`);
  })(),
);

const KEYS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIforeignkeys0001",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "alibaba-s3cr3t-0001",
};
/** None of the cloud's credential variables, whatever the shell running the tests has. */
const NO_ALIBABA_KEYS = Object.fromEntries(
  descriptorOf("alibaba").settings.credentials.map((setting) => [setting.name, undefined]),
);
const MISSING =
  "Alibaba Cloud keys: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET not set in the deploy's environment";

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ fleet: { instances: [] }, scfSettleMs: 0 });
});
afterAll(async () => {
  await cloud?.close();
});

/** Tencent keys and the local cloud's SCF API: a deploy that passes its checks really deploys. */
function tencent(): Record<string, string> {
  return {
    TENCENTCLOUD_SECRET_ID: "AKIDLOCALCLOUD",
    TENCENTCLOUD_SECRET_KEY: "local-secret",
    TENCENTCLOUD_SCF_ENDPOINT: cloud.url,
  };
}

function deployedFunctions(stage: string) {
  return cloud.scf.list().filter((entry) => entry.function.FunctionName.startsWith(`powercron-${stage}-`));
}

describe("powercron deploy scf with an Alibaba group, the copied keys", () => {
  it("warns on a dry run that the key pair is not set, and still plans the deploy", async () => {
    const result = await runCli(["deploy", "scf", "--dry-run", "--stage", "ali-dry", "--config", config], {
      ...NO_ALIBABA_KEYS,
      ...tencent(),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`warning: ${MISSING}`);
    expect(result.stdout).toContain("warning: a deploy to Tencent SCF refuses (exit 2) until the above is fixed");
    expect(result.stdout).toMatch(/would call CreateFunction/);
    expect(deployedFunctions("ali-dry")).toEqual([]);
  }, 60_000);

  it("refuses the deploy with exit 2 naming the pair, before building or creating anything", async () => {
    const result = await runCli(["deploy", "scf", "--stage", "ali-refused", "--config", config], {
      ...NO_ALIBABA_KEYS,
      ...tencent(),
    });
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toMatch(/^powercron: Cannot deploy to Tencent SCF:\n/);
    expect(result.stderr).toContain(MISSING);
    expect(result.stdout).not.toMatch(/^built /m);
    expect(deployedFunctions("ali-refused")).toEqual([]);
  }, 60_000);

  it("refuses a deploy that has only half the pair", async () => {
    const result = await runCli(["deploy", "scf", "--stage", "ali-half", "--config", config], {
      ...NO_ALIBABA_KEYS,
      ...tencent(),
      ALIBABA_CLOUD_ACCESS_KEY_ID: KEYS.ALIBABA_CLOUD_ACCESS_KEY_ID,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(MISSING);
    expect(result.stderr + result.stdout).not.toContain(KEYS.ALIBABA_CLOUD_ACCESS_KEY_ID);
  }, 60_000);

  it("with the pair set, deploys both functions with it in their environment, never printing it", async () => {
    const result = await runCli(["deploy", "scf", "--stage", "ali-keys", "--config", config], {
      ...NO_ALIBABA_KEYS,
      ...tencent(),
      ...KEYS,
    });
    expect(result.code, result.stderr).toBe(0);
    for (const secret of Object.values(KEYS)) expect(result.stdout + result.stderr).not.toContain(secret);
    const deployed = deployedFunctions("ali-keys");
    expect(deployed).toHaveLength(2);
    for (const { function: fn } of deployed) {
      const variables = Object.fromEntries(fn.Environment.map(({ Key, Value }) => [Key, Value]));
      expect(variables).toMatchObject(KEYS);
    }
  }, 90_000);
});
