import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { copiedEnvironment } from "../../src/platforms/cloud-keys-environment.ts";
import {
  allowedRegions,
  assertDeployable,
  deployedEnvironment,
  deployProblems,
  isSecretShapedName,
  maskedEnvironment,
  nodeOptions,
} from "../../src/platforms/deploy-check.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";

const SOURCE = join(REPO_ROOT, "config/schedules.yaml");

async function config(edit: (text: string) => string = (text) => text): Promise<ScheduleConfig> {
  return parseScheduleConfig(edit(await readFile(SOURCE, "utf8")), SOURCE);
}

const ALIBABA_GROUP =
  "  - { name: ali-dev, provider: alibaba, region: cn-hangzhou, tags: { team: ali }, stop: '0 21 * * *', timezone: Asia/Shanghai }";

describe("Function: isSecretShapedName", () => {
  it.each([
    ["DB_PASSWORD", true],
    ["TENCENTCLOUD_SECRET_KEY", true],
    ["AWS_SECRET_ACCESS_KEY", true],
    ["GITHUB_TOKEN", true],
    ["api_key", true],
    ["WEBHOOK_KEY", true],
    ["MySecretThing", true],
    ["POWER_TAGS", false],
    ["POWER_DRY_RUN", false],
    ["KEYBOARD", false],
    ["NODE_OPTIONS", false],
  ])("%s → %s", (name, expected) => {
    expect(isSecretShapedName(name)).toBe(expected);
  });
});

describe("Function: deployProblems", () => {
  it("finds none in the repository's config, on either platform", async () => {
    const repo = await config();
    expect(deployProblems(repo, "scf")).toEqual([]);
    expect(deployProblems(repo, "aws")).toEqual([]);
  });

  it.each([
    [
      "aws",
      (text: string) => text.replace("logRetentionDays: 14", "logRetentionDays: 10"),
      "deploy.aws.logRetentionDays: 10 is not a retention CloudWatch Logs accepts",
    ],
    [
      "aws",
      (text: string) => text.replace(/(  aws:\n(?:.*\n)*?    environment: )\{\}/, '$1{ SLACK_TOKEN: "x" }'),
      "deploy.aws.environment.SLACK_TOKEN: a secret-shaped variable is refused",
    ],
    [
      "aws",
      (text: string) =>
        text.replace(/(  aws:\n(?:.*\n)*?    environment: )\{\}/, '$1{ POWER_ALLOWED_REGIONS: "aws:us-east-1" }'),
      "deploy.aws.environment.POWER_ALLOWED_REGIONS: is set by the providers and regions",
    ],
    ["scf", (text: string) => text.replace(/    role: SCF_PowercronRole.*\n/, ""), "deploy.scf.role: missing"],
    [
      "scf",
      (text: string) => text.replace("runtime: Nodejs22.21", "runtime: Python3.9"),
      'deploy.scf.runtime: "Python3.9" is not a Node runtime',
    ],
  ] as const)("%s: %s", async (platform, edit, message) => {
    const problems = deployProblems(await config(edit), platform);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each([
    [
      "scf",
      "an aws group",
      (text: string) =>
        text.replace(
          "    provider: aws\n    region: us-east-1\n",
          "    provider: aws\n    platform: scf\n    region: us-east-1\n",
        ),
    ],
    ["scf", "an alibaba group", (text: string) => text.replace("\ncalendars:", `\n${ALIBABA_GROUP}\ncalendars:`)],
  ] as const)(
    "%s: lets %s deploy there (its bundle carries the cloud, the deploy copies its keys)",
    async (platform, _, edit) => {
      expect(deployProblems(await config(edit), platform)).toEqual([]);
    },
  );

  it("refuses a platform with no enabled group", async () => {
    const awsOnly = await config((text) =>
      text.replaceAll("provider: tencent", "provider: tencent\n    enabled: false"),
    );
    expect(deployProblems(awsOnly, "scf")).toEqual([expect.stringContaining("no enabled group has platform scf")]);
  });
});

describe("Function: copiedEnvironment, the other clouds' keys", () => {
  const withAlibaba = (text: string) => text.replace("\ncalendars:", `\n${ALIBABA_GROUP}\ncalendars:`);
  const KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIexample", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s3cr3t-value" };

  it("copies the key pair of a cloud whose group the platform hosts, and names them secret", async () => {
    const copied = copiedEnvironment(await config(withAlibaba), "scf", { ...KEYS, UNRELATED: "x" });
    expect(copied.variables).toMatchObject(KEYS);
    expect(copied.variables).not.toHaveProperty("UNRELATED");
    expect(copied.secretNames).toEqual(expect.arrayContaining(Object.keys(KEYS)));
    expect(copied.missing).toEqual([]);
  });

  it("names the missing pair, and copies no cloud keys where every group is the platform's own cloud", async () => {
    const missing = copiedEnvironment(await config(withAlibaba), "scf", { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIexample" });
    expect(missing.missing).toEqual([
      expect.stringMatching(
        /^Alibaba Cloud keys: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET not set in the deploy's environment/,
      ),
    ]);
    const own = copiedEnvironment(await config((text) => text), "scf", KEYS);
    expect(own.variables).not.toHaveProperty("ALIBABA_CLOUD_ACCESS_KEY_ID");
    expect(own.missing).toEqual([]);
  });
});

describe("Function: assertDeployable", () => {
  it("throws one InvalidInputError listing the stage problem and the config's", async () => {
    const bad = await config((text) => text.replace("logRetentionDays: 14", "logRetentionDays: 10"));
    let caught: unknown;
    try {
      assertDeployable(bad, "aws", "Prod");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).issues).toHaveLength(2);
    expect((caught as InvalidInputError).message).toMatch(/^Cannot deploy to AWS Lambda:\n {2}- stage: "Prod"/);
  });
});

describe("Function: deployedEnvironment", () => {
  it("sets the guard from the management tag and the groups' provider:region pairs, per platform", async () => {
    const repo = await config((text) =>
      text.replace(
        'managementTag: { key: "powercron:managed", value: "true" }',
        'managementTag: { key: "owner", value: "ops" }',
      ),
    );
    expect(allowedRegions(repo, "scf")).toBe("tencent:ap-guangzhou,tencent:ap-shanghai");
    expect(deployedEnvironment(repo, "aws", "0123456789abcdef")).toEqual({
      NODE_OPTIONS: nodeOptions(repo.deploy.aws.memoryMb),
      MALLOC_MMAP_THRESHOLD_: "131072",
      POWER_ALLOWED_TAG: "owner=ops",
      POWER_ALLOWED_REGIONS: "aws:eu-central-1,aws:us-east-1",
      POWERCRON_CONFIG_DIGEST: "0123456789abcdef",
    });
  });

  it.each([
    { memoryMb: 128, flags: "--enable-source-maps --max-semi-space-size=2 --max-old-space-size=79" },
    { memoryMb: 256, flags: "--enable-source-maps --max-semi-space-size=2 --max-old-space-size=158" },
    { memoryMb: 64, flags: "--enable-source-maps --max-semi-space-size=2 --max-old-space-size=64" },
  ])("gives a $memoryMb MB function a heap sized to it", ({ memoryMb, flags }) => {
    expect(nodeOptions(memoryMb)).toBe(flags);
  });

  it.each([
    { name: "POWER_TAGS", value: "env=test", shown: "env=test" },
    { name: "POWER_ALLOWED_REGIONS", value: "tencent:ap-shanghai", shown: "tencent:ap-shanghai" },
    { name: "POWER_ALLOWED_TAG", value: "powercron:managed=true", shown: "powercron:managed=true" },
    { name: "NODE_OPTIONS", value: "--x", shown: "--x" },
    { name: "POWER_NOTIFY_WEBHOOK_URL", value: "https://qyapi.weixin.qq.com/send?key=abcdefgh12", shown: "***" },
    { name: "POWER_NOTIFY_SECRET", value: "SECabcdefgh12", shown: "***" },
    { name: "MY_API_KEY", value: "abcdefgh12", shown: "***" },
    { name: "ALERT_HOOK", value: "https://hooks.example.com/x?access_token=abcdefgh12", shown: "***" },
    { name: "ALERT_HOOK", value: "https://user:pass@hooks.example.com/x", shown: "***" },
    {
      name: "ALERT_HOOK",
      value: "https://hooks.example.com/x?channel=ops",
      shown: "https://hooks.example.com/x?channel=ops",
    },
  ])("shows $name=$value as $shown", ({ name, value, shown }) => {
    expect(maskedEnvironment({ [name]: value })).toEqual({ [name]: shown });
  });
});
