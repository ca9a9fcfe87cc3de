/**
 * One group across several accounts (`accounts: [..]` or `"*"`), through the real SDKs and the local STS: a fire runs
 * one target per account and region, each account through its own role, and `powercron status` describes each
 * account through its role too.
 */
import { afterEach, describe, expect, it } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { groupStatus } from "../../src/cli/status-command.ts";
import { cloudProviders } from "../../src/providers/index.ts";
import { findGroup, loadScheduleConfig } from "../../src/schedule/config.ts";
import { writeConfigFile } from "../support/config-file.ts";
import { awsId, fleetOf, type Harness, startHarness } from "./support/local-cloud-run.ts";

const ACCOUNT_IDS = { "team-a": "222222222222", "team-d": "444444444444", "team-e": "555555555555" } as const;
const roleOf = (id: string) => `arn:aws:iam::${id}:role/PowercronSpoke`;
const IDS = {
  own: [0, 1].map((i) => awsId("a", i)),
  "team-a": [0, 1, 2].map((i) => awsId("b", i)),
  "team-d": [0, 1].map((i) => awsId("d", i)),
  "team-e": [0, 1].map((i) => awsId("e", i)),
};
const FLEET = {
  instances: [
    ...fleetOf("aws", "us-east-1", IDS.own),
    ...fleetOf("aws", "us-east-1", IDS["team-a"], { account: ACCOUNT_IDS["team-a"] }),
    ...fleetOf("aws", "us-east-1", IDS["team-d"], { account: ACCOUNT_IDS["team-d"] }),
    ...fleetOf("aws", "eu-west-1", IDS["team-e"], { account: ACCOUNT_IDS["team-e"] }),
  ],
};

function config(accounts: string): string {
  return writeConfigFile(
    `
accounts:
  - {name: team-a, provider: aws, roleArn: "${roleOf(ACCOUNT_IDS["team-a"])}"}
  - {name: team-d, provider: aws, roleArn: "${roleOf(ACCOUNT_IDS["team-d"])}"}
  - {name: team-e, provider: aws, roleArn: "${roleOf(ACCOUNT_IDS["team-e"])}"}
groups:
  - {name: fleet-nightly, provider: aws, accounts: ${accounts}, regions: [us-east-1, eu-west-1], tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`,
    "powercron-across-",
  );
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(): Promise<Harness> {
  harness = await startHarness(FLEET, {
    sts: { roles: Object.values(ACCOUNT_IDS).map((id) => ({ arn: roleOf(id) })) },
  });
  return harness;
}

describe("a group across accounts", () => {
  it('accounts: "*" stops the tagged instances of every declared AWS account, each through its own role, once', async () => {
    const h = await start();
    const report = await h.run("stop", { group: "fleet-nightly" }, { POWER_CONFIG: config('"*"') });
    const rows = report.instances.map((row) => [row.account, row.instanceId, row.outcome]);
    expect(rows.sort()).toEqual(
      (["team-a", "team-d", "team-e"] as const)
        .flatMap((account) => IDS[account].map((id) => [account, id, "stopped"]))
        .sort(),
    );
    for (const id of IDS.own) expect(h.cloud.instance("aws", "us-east-1", id)?.state).toBe("running");
    // One role assumption per account, whatever the number of its regions.
    const assumed = h.calls((call) => call.action === "AssumeRole").map((call) => call.params.RoleArn);
    expect(assumed.sort()).toEqual(Object.values(ACCOUNT_IDS).map(roleOf).sort());
  });

  it("accounts: [team-d] reaches only that account", async () => {
    const h = await start();
    const report = await h.run("stop", { group: "fleet-nightly" }, { POWER_CONFIG: config("[team-d]") });
    expect(report.instances.map((row) => [row.account, row.outcome])).toEqual([
      ["team-d", "stopped"],
      ["team-d", "stopped"],
    ]);
    expect(h.calls((call) => call.action === "AssumeRole")).toHaveLength(1);
  });

  it("powercron status describes each account through its role and names the account on every row", async () => {
    const h = await start();
    const file = config('"*"');
    const loaded = await loadScheduleConfig(file);
    const group = findGroup(loaded, "fleet-nightly");
    const env = { ...localCloudEnv(h.cloud.url), POWER_CONFIG: file };
    const status = await groupStatus(
      group,
      loaded,
      cloudProviders(env, { accounts: loaded.accounts }),
      new Date("2026-12-02T20:00:00Z"),
    );
    const rows = status.instances.map((row) => [row.account, row.region, row.instanceId, row.drift]);
    expect(rows.sort()).toEqual(
      [
        ...IDS["team-a"].map((id) => ["team-a", "us-east-1", id, true]),
        ...IDS["team-d"].map((id) => ["team-d", "us-east-1", id, true]),
        ...IDS["team-e"].map((id) => ["team-e", "eu-west-1", id, true]),
      ].sort(),
    );
    expect(status.summary).toBe("7 instances: 7 running; 7 drifted");
  });
});
