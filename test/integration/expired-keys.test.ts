/**
 * Temporary keys the cloud refuses as expired before their stated expiry (a revoked session, a skewed clock): the
 * role is assumed again once and the run goes on, so instances that stopped are reported stopped, not
 * `failed NotConfirmed`. The local STS ends the sessions mid-run, right after the stop call was answered.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeConfigFile } from "../support/config-file.ts";
import { awsId, fleetOf, type Harness, startHarness, tencentId } from "./support/local-cloud-run.ts";

const A = "222222222222";
const B_UIN = "100000000002";
const ROLE_A = `arn:aws:iam::${A}:role/PowercronSpoke`;
const ROLE_B = `qcs::cam::uin/${B_UIN}:roleName/PowercronSpoke`;
const TEAM_A = Array.from({ length: 6 }, (_, i) => awsId("a", i));
const TEAM_B = Array.from({ length: 6 }, (_, i) => tencentId("b", i));

const CONFIG = `
accounts:
  - {name: team-a, provider: aws, roleArn: "${ROLE_A}"}
  - {name: team-b, provider: tencent, roleArn: "${ROLE_B}"}
groups:
  - {name: team-a-nightly, provider: aws, account: team-a, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
  - {name: team-b-nightly, provider: tencent, account: team-b, region: ap-guangzhou, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`;

function configFile(): string {
  return writeConfigFile(CONFIG, "powercron-expired-");
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Resolves once a call matching `found` is in the call log. */
async function callSeen(h: Harness, found: (action: string, result: string) => boolean): Promise<void> {
  while (!h.calls().some((call) => found(call.action, call.result))) await new Promise((r) => setTimeout(r, 5));
}

describe("temporary keys refused as expired before their stated expiry", () => {
  it.each([
    {
      group: "team-a-nightly",
      role: ROLE_A,
      ids: TEAM_A,
      stop: "StopInstances",
      expired: "RequestExpired",
      after: "stopped",
    },
    {
      group: "team-b-nightly",
      role: ROLE_B,
      ids: TEAM_B,
      stop: "StopInstances",
      expired: "AuthFailure.TokenFailure",
      after: "STOPPED",
    },
  ])("are replaced by assuming the role once more, and the run confirms its stops: $group", async (row) => {
    const h = await startHarness(
      {
        instances: [
          ...fleetOf("aws", "us-east-1", TEAM_A, { account: A }),
          ...fleetOf("tencent", "ap-guangzhou", TEAM_B, { account: B_UIN }),
        ],
      },
      { sts: { roles: [{ arn: ROLE_A }, { arn: ROLE_B }] }, transitionMs: 400 },
    );
    harness = h;
    const running = h.run("stop", { group: row.group, options: { wait: true } }, { POWER_CONFIG: configFile() });
    // The stop was answered: the session (stated to live an hour) is revoked before the confirming looks.
    await callSeen(h, (action, result) => action === row.stop && result === "ok");
    expect(h.cloud.expireStsSessions(row.role)).toBe(1);
    const report = await running;

    expect(report.instances.map((r) => [r.instanceId, r.outcome, r.code])).toEqual(
      row.ids.map((id) => [id, "stopped", undefined]),
    );
    const provider = row.group === "team-a-nightly" ? "aws" : "tencent";
    const region = provider === "aws" ? "us-east-1" : "ap-guangzhou";
    for (const id of row.ids) expect(h.cloud.instance(provider, region, id)?.state).toBe(row.after);
    // Refused as expired at least once, the role assumed exactly once more, the stop sent once.
    expect(h.calls((call) => call.result === row.expired).length).toBeGreaterThanOrEqual(1);
    expect(h.calls((call) => call.action === "AssumeRole").map((call) => call.result)).toEqual(["ok", "ok"]);
    expect(h.calls((call) => call.action === row.stop)).toHaveLength(1);
  });

  it("are replaced only once: keys refused again are the call's failure", async () => {
    const h = await startHarness(
      { instances: fleetOf("aws", "us-east-1", TEAM_A, { account: A }) },
      { sts: { roles: [{ arn: ROLE_A }], maxSessionMs: 1 } },
    );
    harness = h;
    const report = await h.run("stop", { group: "team-a-nightly" }, { POWER_CONFIG: configFile() });
    expect(new Set(report.instances.map((r) => [r.outcome, r.code].join(" ")))).toEqual(
      new Set(["failed RequestExpired"]),
    );
    expect(h.calls((call) => call.action === "StopInstances")).toHaveLength(0);
  });
});
