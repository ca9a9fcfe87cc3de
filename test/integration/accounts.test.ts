import { afterEach, describe, expect, it } from "vitest";
import type { LocalCloudOptions } from "../../src/local-cloud/index.ts";
import { writeConfigFile } from "../support/config-file.ts";
import { awsId, fleetOf, type Harness, startHarness, tencentId } from "./support/local-cloud-run.ts";

const A = "222222222222";
const C = "333333333333";
const B_UIN = "100000000002";
const ROLE_A = `arn:aws:iam::${A}:role/PowercronSpoke`;
const ROLE_C = `arn:aws:iam::${C}:role/PowercronSpoke`;
const ROLE_B = `qcs::cam::uin/${B_UIN}:roleName/PowercronSpoke`;

const OWN_AWS = [0, 1, 2].map((i) => awsId("a", i));
const TEAM_A = [0, 1, 2].map((i) => awsId("b", i));
const TEAM_C = [0, 1].map((i) => awsId("c", i));
const OWN_TC = [0, 1].map((i) => tencentId("o", i));
const TEAM_B = [0, 1, 2].map((i) => tencentId("b", i));

const FLEET = {
  instances: [
    ...fleetOf("aws", "us-east-1", OWN_AWS),
    ...fleetOf("aws", "us-east-1", TEAM_A, { account: A }),
    ...fleetOf("aws", "us-east-1", TEAM_C, { account: C }),
    ...fleetOf("tencent", "ap-guangzhou", OWN_TC),
    ...fleetOf("tencent", "ap-guangzhou", TEAM_B, { account: B_UIN }),
  ],
};

const CONFIG = `
accounts:
  - {name: team-a, provider: aws, roleArn: "${ROLE_A}", externalId: ext-team-a}
  - {name: team-b, provider: tencent, roleArn: "${ROLE_B}", externalId: ext-team-b}
  - {name: team-c, provider: aws, roleArn: "${ROLE_C}", externalId: not-the-one}
groups:
  - {name: team-a-nightly, provider: aws, account: team-a, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
  - {name: team-b-nightly, provider: tencent, account: team-b, region: ap-guangzhou, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
  - {name: own-nightly, provider: aws, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`;

function configFile(): string {
  return writeConfigFile(CONFIG, "powercron-accounts-");
}

const STS: LocalCloudOptions["sts"] = {
  roles: [
    { arn: ROLE_A, externalId: "ext-team-a" },
    { arn: ROLE_B, externalId: "ext-team-b" },
    { arn: ROLE_C, externalId: "the-right-one" },
  ],
};

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: Omit<LocalCloudOptions, "fleet"> = {}): Promise<Harness> {
  harness = await startHarness(FLEET, { sts: STS, ...options });
  return harness;
}

const stateOf = (h: Harness, provider: "aws" | "tencent", region: string, id: string) =>
  h.cloud.instance(provider, region, id)?.state;

describe("many accounts, through the real SDKs and both clouds' STS", () => {
  it("a group in another account stops only that account's instances, with assumed-role credentials", async () => {
    const h = await start();
    const env = { POWER_CONFIG: configFile() };
    const report = await h.run("stop", { group: "team-a-nightly" }, env);
    expect(report.instances.map((row) => [row.instanceId, row.account, row.outcome])).toEqual(
      TEAM_A.map((id) => [id, "team-a", "stopped"]),
    );
    for (const id of TEAM_A) expect(stateOf(h, "aws", "us-east-1", id)).toMatch(/stopp/);
    for (const id of [...OWN_AWS, ...TEAM_C]) expect(stateOf(h, "aws", "us-east-1", id)).toBe("running");
    const assumes = h.calls((call) => call.action === "AssumeRole");
    expect(assumes).toHaveLength(1);
    expect(assumes[0]?.params).toMatchObject({ RoleArn: ROLE_A, RoleSessionName: "powercron-team-a-nightly" });
    // Every EC2 call went out under team-a's keys: none under the function's own.
    const ec2 = h.calls((call) => call.service === "ec2");
    // One describe page, one stop batch, one CreateTags of the stamps: the stamps too in the other account.
    expect(ec2.map((call) => call.action).sort()).toEqual(["CreateTags", "DescribeInstances", "StopInstances"]);
    expect(ec2.every((call) => call.account === A)).toBe(true);

    // The function's own group still reaches its own instances only, with no STS call.
    h.cloud.resetCalls();
    const own = await h.run("stop", { group: "own-nightly" }, env);
    expect(own.instances.map((row) => row.instanceId).sort()).toEqual([...OWN_AWS].sort());
    expect(own.instances.every((row) => row.account === undefined)).toBe(true);
    expect(h.calls((call) => call.action === "AssumeRole")).toHaveLength(0);
  });

  it("a Tencent group in another uin stops only that uin's instances", async () => {
    const h = await start();
    const report = await h.run("stop", { group: "team-b-nightly" }, { POWER_CONFIG: configFile() });
    expect(report.totals).toMatchObject({ instances: 3, stopped: 3 });
    for (const id of TEAM_B) expect(stateOf(h, "tencent", "ap-guangzhou", id)).toMatch(/STOPP/);
    for (const id of OWN_TC) expect(stateOf(h, "tencent", "ap-guangzhou", id)).toBe("RUNNING");
    const assumes = h.calls((call) => call.action === "AssumeRole");
    expect(assumes.map((call) => [call.provider, call.service, call.params.RoleSessionName])).toEqual([
      ["tencent", "sts", "powercron-team-b-nightly"],
    ]);
  });

  it("an account whose role is refused fails alone, with the STS code, and does not hold the others back", async () => {
    const h = await start({ latencyMs: 20 });
    const event = {
      targets: [
        { provider: "aws", region: "us-east-1", account: "team-a", tags: { env: "test" } },
        { provider: "aws", region: "us-east-1", account: "team-c", instanceIds: TEAM_C },
        { provider: "tencent", region: "ap-guangzhou", account: "team-b", tags: { env: "test" } },
        { provider: "aws", region: "us-east-1", instanceIds: [OWN_AWS[0]] },
      ],
    };
    const report = await h.run("stop", event, { POWER_CONFIG: configFile() });
    const byAccount = (account: string | undefined) => report.instances.filter((row) => row.account === account);
    expect(byAccount("team-c").map((row) => [row.instanceId, row.outcome, row.code])).toEqual(
      TEAM_C.map((id) => [id, "failed", "AccessDenied"]),
    );
    expect(byAccount("team-a").map((row) => row.outcome)).toEqual(["stopped", "stopped", "stopped"]);
    expect(byAccount("team-b").map((row) => row.outcome)).toEqual(["stopped", "stopped", "stopped"]);
    expect(byAccount(undefined).map((row) => [row.instanceId, row.outcome])).toEqual([[OWN_AWS[0], "stopped"]]);
    for (const id of TEAM_C) expect(stateOf(h, "aws", "us-east-1", id)).toBe("running");
    // One AssumeRole per account, the refused one not retried; nothing reached EC2 for team-c.
    const assumes = h.calls((call) => call.action === "AssumeRole");
    expect(assumes.map((call) => call.params.RoleArn ?? call.params.RoleArn).sort()).toEqual(
      [ROLE_A, ROLE_B, ROLE_C].sort(),
    );
    expect(assumes.find((call) => call.params.RoleArn === ROLE_C)?.result).toBe("AccessDenied");
    expect(h.calls((call) => call.account === C)).toHaveLength(0);
    expect(h.calls((call) => call.instanceIds.some((id) => TEAM_C.includes(id)))).toHaveLength(0);
  });

  it("an unknown account is an input error naming it, before any cloud call", async () => {
    const h = await start();
    const event = { provider: "aws", region: "us-east-1", account: "team-z", instanceIds: [OWN_AWS[0]] };
    await expect(h.run("stop", event, { POWER_CONFIG: configFile() })).rejects.toThrow(
      'account: "team-z" is not an account of the schedule config (accounts: team-a, team-b, team-c)',
    );
    const wrongCloud = {
      targets: [{ provider: "aws", region: "us-east-1", account: "team-b", tags: { env: "test" } }],
    };
    await expect(h.run("stop", wrongCloud, { POWER_CONFIG: configFile() })).rejects.toThrow(
      'account: "team-b" is a tencent account, but the target is aws',
    );
    expect(h.calls()).toHaveLength(0);
  });

  it("credentials expiring mid-run are renewed before they lapse", async () => {
    // Sessions live 600 ms; the run waits for the stops to complete (1.5 s transitions), so it outlives several.
    const h = await start({ sts: { ...STS, maxSessionMs: 600 }, transitionMs: 1500 });
    const event = {
      targets: [
        { provider: "aws", region: "us-east-1", account: "team-a", tags: { env: "test" } },
        { provider: "tencent", region: "ap-guangzhou", account: "team-b", tags: { env: "test" } },
      ],
      options: { wait: true },
    };
    const report = await h.run("stop", event, { POWER_CONFIG: configFile() });
    expect(report.totals).toMatchObject({ instances: 6, stopped: 6 });
    for (const id of TEAM_A) expect(stateOf(h, "aws", "us-east-1", id)).toBe("stopped");
    for (const id of TEAM_B) expect(stateOf(h, "tencent", "ap-guangzhou", id)).toBe("STOPPED");
    const assumes = h.calls((call) => call.action === "AssumeRole");
    const perRole = (arn: string) => assumes.filter((call) => call.params.RoleArn === arn).length;
    expect(perRole(ROLE_A)).toBeGreaterThanOrEqual(2);
    expect(perRole(ROLE_B)).toBeGreaterThanOrEqual(2);
    // Renewed in time: no call was ever refused for an expired token.
    expect(h.calls((call) => /Expired|TokenFailure/.test(call.result))).toHaveLength(0);
  });
});
