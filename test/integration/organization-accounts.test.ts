/**
 * A group whose accounts are found from the organisation at fire time (`accounts: {organization: {role}}`), through
 * the real SDKs and the local cloud's AWS Organizations, Tencent Cloud Organization and STS: one fire lists the
 * organisation once, assumes each member's spoke role once and stops every member's tagged instances, through
 * `powercron run` (a child process), the Lambda handler and the SCF handler. A listing that fails is a failed fire,
 * never a fire over no account; a member added between two fires is reached by the second, with no redeploy.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { groupStatus } from "../../src/cli/status-command.ts";
import { withOrganizationAccounts } from "../../src/cli/status-organization.ts";
import { generatedMemberIds, type LocalCloud, type LocalCloudOptions } from "../../src/local-cloud/index.ts";
import { SentAlerts } from "../../src/notify/sent-alerts.ts";
import { handler as lambdaStop } from "../../src/platforms/lambda/entry-stop.ts";
import { main_handler as scfStop } from "../../src/platforms/scf/entry-stop.ts";
import { cloudProviders } from "../../src/providers/index.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { invokePower } from "../../src/runtime/invoke-power.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { findGroup, loadScheduleConfig } from "../../src/schedule/config.ts";
import { type Receiver, startReceiver, webhookServer } from "../notify/support/receivers.ts";
import { writeConfigFile } from "../support/config-file.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { PLATFORM_EVENTS } from "../support/platform-events.ts";
import { awsId, fleetOf, type Harness, startHarness, tencentId } from "./support/local-cloud-run.ts";

const MEMBERS = 30;
const PER_ACCOUNT = 5;
const ROLE = "PowercronSpoke";
const members = generatedMemberIds(MEMBERS);
const awsIdsOf = (index: number) => Array.from({ length: PER_ACCOUNT }, (_, i) => awsId("a", index * 100 + i));
const tencentIdsOf = (index: number) => Array.from({ length: PER_ACCOUNT }, (_, i) => tencentId("t", index * 100 + i));
const OWN_AWS = [awsId("0", 1), awsId("0", 2)];

const FLEET = {
  instances: [
    ...members.flatMap((account, index) => fleetOf("aws", "us-east-1", awsIdsOf(index), { account })),
    ...members.flatMap((account, index) => fleetOf("tencent", "ap-guangzhou", tencentIdsOf(index), { account })),
    // The function's own account: the organisation group never reaches it.
    ...fleetOf("aws", "us-east-1", OWN_AWS),
  ],
};

function config(awsSource = `{organization: {role: ${ROLE}}}`, accounts = ""): string {
  return writeConfigFile(
    `${accounts}
groups:
  - {name: org-nightly, provider: aws, accounts: ${awsSource}, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
  - {name: org-nightly-tc, provider: tencent, accounts: {organization: {role: ${ROLE}}}, region: ap-guangzhou, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`,
    "powercron-org-",
  );
}

let harness: Harness | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await harness?.close();
  harness = undefined;
});

async function start(options: Omit<LocalCloudOptions, "fleet"> = {}): Promise<Harness> {
  harness = await startHarness(FLEET, {
    organizations: { aws: { members: MEMBERS }, tencent: { members: MEMBERS } },
    ...options,
  });
  return harness;
}

function stoppedAccounts(cloud: LocalCloud, provider: "aws" | "tencent"): number {
  const idsOf = provider === "aws" ? awsIdsOf : tencentIdsOf;
  const region = provider === "aws" ? "us-east-1" : "ap-guangzhou";
  // Reached by the stop: stopping or stopped (a run ends once its stops are accepted, not when they settle).
  const reached = provider === "aws" ? ["stopping", "stopped"] : ["STOPPING", "STOPPED"];
  return members.filter((_, index) =>
    idsOf(index).every((id) => reached.includes(cloud.instance(provider, region, id)?.state ?? "")),
  ).length;
}

/** A deployed entry with the environment its platform would give it. */
async function deployed(
  entry: typeof lambdaStop,
  event: unknown,
  context: unknown,
  env: Record<string, string>,
): Promise<{ report?: PowerReport; thrown?: Error }> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.stubEnv("POWER_MAX_EVENT_AGE", "0");
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const err = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return { report: (await entry(event, context as never)) as PowerReport };
  } catch (thrown) {
    return { thrown: thrown as Error };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

const LAMBDA_CONTEXT = { awsRequestId: "org-test", getRemainingTimeInMillis: () => 60_000 };
const SCF_CONTEXT = { request_id: "org-test", time_limit_in_ms: 60_000 };

describe("a group with accounts: {organization: {role}}", () => {
  it("the Lambda handler lists the AWS organisation once, assumes each member's role once, stops all 150", async () => {
    const h = await start();
    const env = { ...localCloudEnv(h.cloud.url), POWER_CONFIG: config() };
    const { report, thrown } = await deployed(lambdaStop, { group: "org-nightly" }, LAMBDA_CONTEXT, env);
    expect(thrown).toBeUndefined();
    expect(report?.totals).toEqual({ instances: MEMBERS * PER_ACCOUNT, stopped: MEMBERS * PER_ACCOUNT });
    expect(stoppedAccounts(h.cloud, "aws")).toBe(MEMBERS);
    for (const id of OWN_AWS) expect(h.cloud.instance("aws", "us-east-1", id)?.state).toBe("running");
    // 30 members: two pages of at most 20; one AssumeRole per member, one DescribeInstances and StopInstances each.
    expect(h.calls((call) => call.action === "ListAccounts")).toHaveLength(2);
    expect(report?.apiCalls.ListAccounts).toBe(2);
    const assumed = h.calls((call) => call.action === "AssumeRole").map((call) => call.params.RoleArn);
    expect(assumed.sort()).toEqual(members.map((id) => `arn:aws:iam::${id}:role/${ROLE}`).sort());
    expect(h.calls((call) => call.action === "StopInstances")).toHaveLength(MEMBERS);
    expect(new Set(report?.instances.map((row) => row.account))).toEqual(new Set(members.map((id) => `org-${id}`)));
  });

  it("the SCF handler lists the Tencent organisation (DescribeOrganizationMembers) and stops every member's", async () => {
    const h = await start();
    const env = { ...localCloudEnv(h.cloud.url), POWER_CONFIG: config() };
    const { report, thrown } = await deployed(scfStop, { group: "org-nightly-tc" }, SCF_CONTEXT, env);
    expect(thrown).toBeUndefined();
    expect(report?.totals).toEqual({ instances: MEMBERS * PER_ACCOUNT, stopped: MEMBERS * PER_ACCOUNT });
    expect(stoppedAccounts(h.cloud, "tencent")).toBe(MEMBERS);
    expect(h.calls((call) => call.action === "DescribeOrganizationMembers")).toHaveLength(1);
    const assumed = h.calls((call) => call.action === "AssumeRole").map((call) => call.params.RoleArn);
    expect(assumed.sort()).toEqual(members.map((id) => `qcs::cam::uin/${id}:roleName/${ROLE}`).sort());
  });

  it.each([
    { fault: "denied" as const, code: "AccessDeniedException" },
    { fault: "throttle" as const, code: "TooManyRequestsException" },
  ])("a listing that keeps failing ($code) is a failed fire, not a fire over no account", async ({ fault, code }) => {
    const h = await start({ faults: { ListAccounts: { [fault]: 1 } } });
    const env = { ...localCloudEnv(h.cloud.url), POWER_CONFIG: config(), POWER_TIME_BUDGET_SECONDS: "4" };
    const report = await h.run("stop", { group: "org-nightly" }, env);
    expect(report.instances).toEqual([
      expect.objectContaining({ instanceId: "accounts from AWS Organizations", outcome: "failed", code }),
    ]);
    expect(report.instances[0]?.message).toContain('group "org-nightly": its accounts could not be listed');
    expect(h.calls((call) => call.action === "StopInstances" || call.action === "AssumeRole")).toHaveLength(0);
    const { thrown } = await deployed(lambdaStop, { group: "org-nightly" }, LAMBDA_CONTEXT, env);
    expect(thrown?.message).toContain(`accounts from AWS Organizations (failed: ${code})`);
  });

  it("a throttled page is retried and the listing completes", async () => {
    const h = await start({ faults: { ListAccounts: { at: { "1": "throttle", "3": "serverError" } } } });
    const report = await h.run("stop", { group: "org-nightly" }, { POWER_CONFIG: config() });
    expect(report.totals).toEqual({ instances: MEMBERS * PER_ACCOUNT, stopped: MEMBERS * PER_ACCOUNT });
    expect(report.apiCalls.ListAccounts).toBe(4);
  });

  it("an organisation with no member left after exclude is a skipped fire that says so", async () => {
    const h = await start({ organizations: { aws: { members: 2 } } });
    const source = `{organization: {role: ${ROLE}, exclude: ['${members[0]}', '${members[1]}']}}`;
    const report = await h.run("stop", { group: "org-nightly" }, { POWER_CONFIG: config(source) });
    expect(report.skipped?.reason).toBe(
      'group "org-nightly": AWS Organizations lists 2 accounts, none active and not excluded: nothing to act on',
    );
  });

  it("a member added between two fires is reached by the second, with no redeploy", async () => {
    const h = await start({ organizations: { aws: { members: 3 } } });
    const file = config();
    const first = await h.run("stop", { group: "org-nightly" }, { POWER_CONFIG: file });
    expect(first.totals).toEqual({ instances: 3 * PER_ACCOUNT, stopped: 3 * PER_ACCOUNT });
    h.cloud.organizations.addMember("aws", { id: members[3] ?? "" });
    const second = await h.run("stop", { group: "org-nightly" }, { POWER_CONFIG: file });
    expect(second.instances.filter((row) => row.outcome === "stopped").map((row) => row.account)).toEqual(
      Array.from({ length: PER_ACCOUNT }, () => `org-${members[3]}`),
    );
  });

  it("powercron run stop (a child process) stops every member's through the listing", async () => {
    const h = await start();
    const event = writeConfigFile(JSON.stringify({ group: "org-nightly" }), "powercron-org-event-");
    writeFileSync(event, JSON.stringify({ group: "org-nightly" }));
    const { stdout } = await promisify(execFile)(
      "node",
      ["bin/powercron.mjs", "run", "stop", "--event", event, "--local-cloud", h.cloud.url, "--json"],
      { env: { ...process.env, POWER_CONFIG: config(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } },
    );
    const report = JSON.parse(stdout) as PowerReport;
    expect(report.totals).toEqual({ instances: MEMBERS * PER_ACCOUNT, stopped: MEMBERS * PER_ACCOUNT });
    expect(h.calls((call) => call.action === "AssumeRole")).toHaveLength(MEMBERS);
  });

  it("lists through `via`, the management account's role, when the function's own account may not list", async () => {
    const management = "999999999999";
    const lister = `arn:aws:iam::${management}:role/PowercronLister`;
    const h = await start({
      organizations: { aws: { members: 4, management } },
      sts: { roles: [{ arn: lister }] },
    });
    const declared = `accounts:\n  - {name: management, provider: aws, roleArn: "${lister}"}`;
    const own = await h.run("stop", { group: "org-nightly" }, { POWER_CONFIG: config(undefined, declared) });
    expect(own.instances.map((row) => row.code)).toEqual(["AccessDeniedException"]);
    h.cloud.resetCalls();
    const source = `{organization: {role: ${ROLE}, via: management}}`;
    const via = await h.run("stop", { group: "org-nightly" }, { POWER_CONFIG: config(source, declared) });
    expect(via.totals).toEqual({ instances: 4 * PER_ACCOUNT, stopped: 4 * PER_ACCOUNT });
    const listed = h.calls((call) => call.action === "ListAccounts");
    expect(listed.map((call) => call.account)).toEqual([management]);
    expect(h.calls((call) => call.params.RoleArn === lister)).toHaveLength(1);
  });

  it("ous: lists each OU with ListAccountsForParent and reaches only its members", async () => {
    const [ouA, ouB] = ["ou-ab12-aaaaaaaa", "ou-ab12-bbbbbbbb"];
    const h = await start({ organizations: { aws: { members: 6, units: [ouA ?? "", ouB ?? ""] } } });
    const source = `{organization: {role: ${ROLE}, ous: [${ouB}]}}`;
    const report = await h.run("stop", { group: "org-nightly" }, { POWER_CONFIG: config(source) });
    const inB = [1, 3, 5].map((index) => `org-${members[index]}`);
    expect([...new Set(report.instances.map((row) => row.account))]).toEqual(inB);
    expect(h.calls((call) => call.action === "ListAccountsForParent").map((call) => call.params.ParentId)).toEqual([
      ouB,
    ]);
  });

  it("powercron status lists the organisation and describes every member through its role", async () => {
    const h = await start({ organizations: { aws: { members: 3 } } });
    const file = config();
    const loaded = await loadScheduleConfig(file);
    const env = { ...localCloudEnv(h.cloud.url), POWER_CONFIG: file };
    const found = await withOrganizationAccounts([findGroup(loaded, "org-nightly")], loaded, env);
    const [group] = found.groups;
    if (group === undefined) throw new Error("no group");
    const status = await groupStatus(group, loaded, cloudProviders(env, { accounts: found.accounts }), new Date());
    expect(status.instances).toHaveLength(3 * PER_ACCOUNT);
    expect(new Set(status.instances.map((row) => row.account))).toEqual(
      new Set(members.slice(0, 3).map((id) => `org-${id}`)),
    );
  });

  it("powercron status stops with the listing's code when the organisation cannot be listed", async () => {
    const h = await start({ faults: { ListAccounts: { denied: 1 } } });
    const file = config();
    const loaded = await loadScheduleConfig(file);
    const env = { ...localCloudEnv(h.cloud.url), POWER_CONFIG: file };
    await expect(withOrganizationAccounts(loaded.groups, loaded, env)).rejects.toThrow(
      'group "org-nightly": its accounts could not be listed from AWS Organizations: AccessDeniedException',
    );
  });

  it("powercron plan and triggers say the accounts are found at fire time, and make no call", async () => {
    const file = config(`{organization: {role: ${ROLE}, ous: [ou-ab12-aaaaaaaa]}}`);
    const env = { ...process.env, POWER_CONFIG: file };
    const cli = (...args: string[]) => promisify(execFile)("node", ["bin/powercron.mjs", ...args], { env });
    const words =
      "accounts found from the organisation at fire time (AWS Organizations: members under ou-ab12-aaaaaaaa; role PowercronSpoke)";
    const plan = await cli("plan", "--group", "org-nightly", "--days", "1");
    expect(plan.stdout).toContain(`org-nightly  aws us-east-1 ${words}`);
    const triggers = await cli("triggers");
    expect(triggers.stdout).toContain(`group org-nightly: ${words}`);
  });

  it("a failed listing sends one alert naming the listing and its code", async () => {
    const h = await start({ faults: { ListAccounts: { denied: 1 } } });
    const hook: Receiver = await startReceiver(webhookServer(undefined));
    try {
      const yaml = { channels: [{ name: "hook", type: "webhook" as const, url: `${hook.url}/alerts` }] };
      const handler = powerHandler("stop", () => ({
        env: { ...localCloudEnv(h.cloud.url), POWER_CONFIG: config(), POWER_TIME_BUDGET_SECONDS: "10" },
        notify: { sent: new SentAlerts(), loadSettings: async () => ({ notify: yaml, providers: {} }) },
      }));
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      await expect(handler({ group: "org-nightly" }, { requestId: "org-alert" })).rejects.toThrow(
        "accounts from AWS Organizations (failed: AccessDeniedException)",
      );
      log.mockRestore();
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]?.body).toContain("AccessDeniedException");
    } finally {
      await hook.close();
    }
  });

  it("a tick with two organisation groups lists the organisation once for both", async () => {
    const h = await start();
    const file = writeConfigFile(
      `
groups:
  - {name: org-a, provider: aws, accounts: {organization: {role: ${ROLE}}}, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
  - {name: org-b, provider: aws, accounts: {organization: {role: ${ROLE}}}, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`,
      "powercron-org-tick-",
    );
    const tick = {
      Type: "Timer",
      TriggerName: "prod-powercron-stop",
      Time: "2026-12-02T19:00:00Z",
      Message: JSON.stringify({ powercron: "tick", tick: "powercron-stop" }),
    };
    const report = await invokePower("stop", tick, undefined, {
      env: { ...localCloudEnv(h.cloud.url), POWER_CONFIG: file, POWER_MAX_EVENT_AGE: "0" },
      platforms: PLATFORM_EVENTS,
      resolveTick: async () => ({ groups: ["org-a", "org-b"], notes: [] }),
    });
    expect(report.totals).toEqual({
      instances: 2 * MEMBERS * PER_ACCOUNT,
      stopped: MEMBERS * PER_ACCOUNT,
      "already-stopped": MEMBERS * PER_ACCOUNT,
    });
    expect(h.calls((call) => call.action === "ListAccounts")).toHaveLength(2);
    expect(report.apiCalls.ListAccounts).toBe(2);
  });

  it("an enforce fire of an organisation group corrects the drifted members' instances", async () => {
    const h = await start({ organizations: { aws: { members: 3 } } });
    const file = writeConfigFile(
      `
groups:
  - {name: org-enforced, provider: aws, accounts: {organization: {role: ${ROLE}}}, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC, enforce: stop}
`,
      "powercron-org-enforce-",
    );
    const report = await invokePower("stop", { group: "org-enforced", enforce: true }, undefined, {
      env: { ...localCloudEnv(h.cloud.url), POWER_CONFIG: file },
      platforms: PLATFORM_EVENTS,
      clock: new FakeClock(Date.parse("2026-12-02T21:00:00Z")),
      pollIntervalMs: 50,
    });
    expect(report.totals).toEqual({ instances: 3 * PER_ACCOUNT, stopped: 3 * PER_ACCOUNT });
    expect(report.instances.every((row) => row.reason === "drift")).toBe(true);
  });
});
