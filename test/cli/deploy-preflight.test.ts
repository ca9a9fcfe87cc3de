/**
 * What `powercron deploy scf` checks besides the config, through the real CLI: a committed infra/ policy that is out
 * of date with the config (a group added in a new region), and the alert channels' variables, which the deploy
 * copies from its own environment into the functions' (secrets masked wherever it prints them). A dry run warns; a
 * deploy refuses with exit 2 before any call.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { runCli } from "./support/cli-process.ts";

const dir = mkdtempSync(join(tmpdir(), "powercron-preflight-"));
const SAMPLE = readFileSync("config/schedules.yaml", "utf8");
const GUANGZHOU_GROUP = "    region: ap-guangzhou\n    tags: { team: search";

function configFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The sample config with the search-dev group moved to ap-beijing: the committed CAM policy allows only the old regions. */
const beijing = configFile(
  "beijing.yaml",
  (() => {
    expect(SAMPLE).toContain(GUANGZHOU_GROUP);
    return SAMPLE.replace(GUANGZHOU_GROUP, "    region: ap-beijing\n    tags: { team: search");
  })(),
);

/** A WeCom robot (its key in the URL) and a signed DingTalk robot whose secret's variable is not named like one. */
const withAlerts = configFile(
  "alerts.yaml",
  `${SAMPLE}
notify:
  channels:
    - { name: team, type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=\${WECOM_KEY}" }
    - { type: dingtalk, url: "\${DING_URL}", secret: "\${DING_SIGN}" }
`,
);

const WECOM_KEY = "wecom0123456789abcdef";
const DING_URL = "https://oapi.dingtalk.com/robot/send?access_token=ding0123456789";
const DING_SIGN = "SECdingsign0123456789";
const NO_KEYS = { TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined };
/** Keys, and an endpoint nothing listens on: a call would fail with exit 1, not 2. */
const UNREACHABLE = {
  TENCENTCLOUD_SECRET_ID: "AKIDLOCALCLOUD",
  TENCENTCLOUD_SECRET_KEY: "local-secret",
  TENCENTCLOUD_SCF_ENDPOINT: "http://127.0.0.1:9",
};

function environmentsOf(stdout: string): Record<string, string>[] {
  return [...stdout.matchAll(/"Environment":(\{"Variables":\{[^}]*\}\})/g)].map(
    (match) => (JSON.parse(match[1] ?? "{}") as { Variables: Record<string, string> }).Variables,
  );
}

describe("powercron deploy scf, a stale CAM policy", () => {
  it("warns on a dry run, naming the file, what it lacks and `npm run infra`, and plans the deploy", async () => {
    const result = await runCli(["deploy", "scf", "--dry-run", "--config", beijing], NO_KEYS);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `warning: infra/tencent/scf-execution-policy.json is out of date with ${beijing}: it lacks "qcs::cvm:ap-beijing::instance/*" and still has "qcs::cvm:ap-guangzhou::instance/*"; run \`POWER_CONFIG=${beijing} npm run infra\``,
    );
    expect(result.stdout).toContain("warning: a deploy to Tencent SCF refuses (exit 2) until the above is fixed");
    expect(result.stdout).toMatch(/would call CreateFunction/);
  }, 60_000);

  it("refuses the deploy with exit 2, before building or calling anything", async () => {
    const result = await runCli(["deploy", "scf", "--config", beijing], UNREACHABLE);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^powercron: Cannot deploy to Tencent SCF:\n {2}- infra\/tencent\/scf-execution-policy\.json is out of date/,
    );
    expect(result.stderr).toContain("npm run infra");
    expect(result.stdout).not.toMatch(/^built /m);
  });

  it("says nothing of infra/ for the config it was generated from", async () => {
    const result = await runCli(["deploy", "scf", "--dry-run"], NO_KEYS);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("infra/");
  }, 60_000);
});

describe("powercron deploy scf, the alert channels' variables", () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud({ fleet: { instances: [] }, scfSettleMs: 0 });
  });
  afterAll(async () => {
    await cloud?.close();
  });

  it("shows them in a dry run with the secrets masked, the others as they are", async () => {
    const result = await runCli(["deploy", "scf", "--dry-run", "--config", withAlerts], {
      ...NO_KEYS,
      WECOM_KEY,
      DING_URL,
      DING_SIGN,
      POWER_NOTIFY_ON: "failure,misfire",
    });
    expect(result.code, result.stderr).toBe(0);
    const environments = environmentsOf(result.stdout);
    expect(environments).toHaveLength(2);
    for (const variables of environments) {
      expect(variables).toMatchObject({
        WECOM_KEY: "***",
        DING_URL: "***",
        DING_SIGN: "***",
        POWER_NOTIFY_ON: "failure,misfire",
      });
    }
    for (const secret of [WECOM_KEY, DING_URL, DING_SIGN]) expect(result.stdout + result.stderr).not.toContain(secret);
  }, 60_000);

  it("names a variable that is not set: a dry run warns, a deploy refuses with exit 2", async () => {
    const env = { ...NO_KEYS, WECOM_KEY, DING_URL };
    const dryRun = await runCli(["deploy", "scf", "--dry-run", "--config", withAlerts], env);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain(
      "warning: notify.channels[1].secret: ${DING_SIGN} is not set in the deploy's environment: export it before deploying",
    );
    const deploy = await runCli(["deploy", "scf", "--config", withAlerts], { ...env, ...UNREACHABLE });
    expect(deploy.code).toBe(2);
    expect(deploy.stderr).toContain("notify.channels[1].secret: ${DING_SIGN} is not set");
    expect(deploy.stderr).not.toContain(WECOM_KEY);
  }, 60_000);

  it("deploys them into both functions' environment, through the SCF API", async () => {
    const result = await runCli(["deploy", "scf", "--stage", "alerts", "--config", withAlerts], {
      TENCENTCLOUD_SECRET_ID: "AKIDLOCALCLOUD",
      TENCENTCLOUD_SECRET_KEY: "local-secret",
      TENCENTCLOUD_SCF_ENDPOINT: cloud.url,
      WECOM_KEY,
      DING_URL,
      DING_SIGN,
    });
    expect(result.code, result.stderr).toBe(0);
    for (const secret of [WECOM_KEY, DING_URL, DING_SIGN]) expect(result.stdout + result.stderr).not.toContain(secret);
    const deployed = cloud.scf.list().filter((entry) => entry.function.FunctionName.startsWith("powercron-alerts-"));
    expect(deployed).toHaveLength(2);
    for (const { function: fn } of deployed) {
      const variables = Object.fromEntries(fn.Environment.map(({ Key, Value }) => [Key, Value]));
      expect(variables).toMatchObject({ WECOM_KEY, DING_URL, DING_SIGN });
    }
  }, 60_000);
});
