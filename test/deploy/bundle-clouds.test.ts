import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";
import { bundleClouds, leftOutConnectors, notInBundleMessage } from "../../src/deploy/bundle-clouds.ts";
import type { ProviderName } from "../../src/domain/index.ts";
import { allDescriptors, connectorOf } from "../../src/providers/index.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";

const SOURCE = join(REPO_ROOT, "config/schedules.yaml");

const ALIBABA_GROUP =
  "  - { name: ali-dev, provider: alibaba, regions: [cn-hangzhou, cn-shanghai], tags: { team: ali }, stop: '0 21 * * *', timezone: Asia/Shanghai";

/** The repository's config with groups (or a section) added before `calendars:`, and the deploy section edited. */
async function config(edit: (text: string) => string = (text) => text): Promise<ScheduleConfig> {
  return parseScheduleConfig(edit(await readFile(SOURCE, "utf8")), SOURCE);
}
const withGroups =
  (...lines: string[]) =>
  (text: string) =>
    text.replace("\ncalendars:", `\n${lines.join("\n")}\ncalendars:`);
const withAccounts = (line: string) => (text: string) => `${text}\naccounts:\n${line}\n`;
const withAwsDeploy = (line: string) => (text: string) =>
  text.replace("    logRetentionDays: 14", `    logRetentionDays: 14\n${line}`);

describe("Function: bundleClouds", () => {
  it.each<[string, (text: string) => string, ProviderName[], ProviderName[]]>([
    ["the repository's config: each platform its own cloud", (text) => text, ["tencent"], ["aws"]],
    ["an Alibaba group (deploys on SCF by default)", withGroups(`${ALIBABA_GROUP} }`), ["tencent", "alibaba"], ["aws"]],
    [
      "an Alibaba group with platform aws",
      withGroups(`${ALIBABA_GROUP}, platform: aws }`),
      ["tencent"],
      ["aws", "alibaba"],
    ],
    [
      "Alibaba groups on both platforms",
      withGroups(`${ALIBABA_GROUP} }`, `${ALIBABA_GROUP.replace("ali-dev", "ali-dev-2")}, platform: aws }`),
      ["tencent", "alibaba"],
      ["aws", "alibaba"],
    ],
    [
      "a disabled Alibaba group (its bundle still carries it: enabling it needs no other change)",
      withGroups(`${ALIBABA_GROUP}, enabled: false }`),
      ["tencent", "alibaba"],
      ["aws"],
    ],
    [
      "an Alibaba account (its cloud's platform carries it, for events that name the account)",
      withAccounts("  - { name: ali-prod, provider: alibaba, roleArn: 'acs:ram::1234567890123456:role/powercron' }"),
      ["tencent", "alibaba"],
      ["aws"],
    ],
    [
      "an AWS account (Lambda carries AWS anyway)",
      withAccounts("  - { name: aws-prod, provider: aws, roleArn: 'arn:aws:iam::123456789012:role/powercron' }"),
      ["tencent"],
      ["aws"],
    ],
    [
      "deploy.aws.extraClouds: [tencent, alibaba] (clouds only events name)",
      withAwsDeploy("    extraClouds: [tencent, alibaba]"),
      ["tencent"],
      ["tencent", "aws", "alibaba"],
    ],
  ])("%s → SCF %j, Lambda %j", async (_, edit, scf, aws) => {
    const parsed = await config(edit);
    expect(bundleClouds("scf", parsed)).toEqual(scf);
    expect(bundleClouds("aws", parsed)).toEqual(aws);
  });

  it("refuses an extraClouds entry that names no cloud, naming the field and the value", async () => {
    await expect(config(withAwsDeploy("    extraClouds: [azure]"))).rejects.toThrow(/deploy\.aws\.extraClouds.*azure/s);
  });
});

describe("Function: notInBundleMessage", () => {
  it.each<[ProviderName, "scf" | "aws", string]>([
    [
      "alibaba",
      "scf",
      "Alibaba Cloud ECS is not in this scf bundle: its config has no group of that cloud; add one (or deploy.scf.extraClouds: [alibaba]) and rebuild",
    ],
    [
      "tencent",
      "aws",
      "Tencent CVM is not in this aws bundle: its config has no group of that cloud; add one (or deploy.aws.extraClouds: [tencent]) and rebuild",
    ],
    [
      "aws",
      "scf",
      "AWS EC2 is not in this scf bundle: its config has no group of that cloud; add one (or deploy.scf.extraClouds: [aws]) and rebuild",
    ],
  ])("%s in the %s bundle", (provider, platform, message) => {
    expect(notInBundleMessage(platform, provider)).toBe(message);
  });
});

describe("Function: leftOutConnectors", () => {
  it("stubs exactly the connectors of the clouds not carried, each with its cloud and message", () => {
    expect(leftOutConnectors("scf", ["tencent", "alibaba"])).toEqual([
      {
        file: "src/providers/aws/aws-connector.ts",
        exportName: "AwsConnector",
        message: notInBundleMessage("scf", "aws"),
        provider: "aws",
      },
    ]);
    expect(leftOutConnectors("aws", ["aws"]).map((module) => module.provider)).toEqual(["tencent", "alibaba"]);
    expect(leftOutConnectors("aws", ["tencent", "aws", "alibaba"])).toEqual([]);
  });

  it("names, for every cloud, the module and class its connector really is", async () => {
    for (const descriptor of allDescriptors()) {
      const module = (await import(pathToFileURL(join(REPO_ROOT, descriptor.connector.file)).href)) as Record<
        string,
        unknown
      >;
      const exported = module[descriptor.connector.exportName];
      expect(typeof exported, descriptor.connector.file).toBe("function");
      expect(await connectorOf(descriptor.name)).toBeInstanceOf(exported as new () => unknown);
    }
  });
});
