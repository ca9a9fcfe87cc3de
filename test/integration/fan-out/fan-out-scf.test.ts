/**
 * Fan-out through SCF, end to end: the test invokes the built SCF stop bundle (its front, then the full entry)
 * through the real SCF SDK's `Invoke`; the function invokes itself as workers through SCF `Invoke` on the local
 * cloud, which runs each invocation in a child process; each worker assumes its Tencent accounts' roles through the
 * local STS. 12 accounts × 10 instances, 4 partitions a worker, 3 workers.
 */
import { scf } from "tencentcloud-sdk-nodejs-scf";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from "../../../src/local-cloud/index.ts";
import type { BuiltBundle } from "../../../src/platforms/platform-descriptor.ts";
import { tencentHttpProfile } from "../../../src/providers/index.ts";
import type { PowerReport } from "../../../src/report/power-report.ts";
import { WORKER_EVENT_KEY } from "../../../src/runtime/worker-event.ts";
import { writeConfigFile } from "../../support/config-file.ts";
import { fleetOf, tencentId } from "../support/local-cloud-run.ts";
import { alertReceiver, buildStop, functionEnv, thisMinute } from "./fan-out-harness.ts";

const FUNCTION = "powercron-test-stop";
const REGION = "ap-guangzhou";
const ACCOUNTS = Array.from({ length: 12 }, (_, i) => ({
  name: `team-${String(i + 1).padStart(2, "0")}`,
  uin: String(100000000000 + i + 1),
}));
const roleOf = (uin: string) => `qcs::cam::uin/${uin}:roleName/PowercronSpoke`;
const idsOf = (index: number) => Array.from({ length: 10 }, (_, n) => tencentId("f", index * 100 + n));
const FLEET = ACCOUNTS.flatMap((account, index) => fleetOf("tencent", REGION, idsOf(index), { account: account.uin }));
const CONFIG = writeConfigFile(
  `
accounts:
${ACCOUNTS.map((a) => `  - {name: ${a.name}, provider: tencent, roleArn: "${roleOf(a.uin)}"}`).join("\n")}
groups:
  - {name: fleet, provider: tencent, accounts: "*", regions: [${REGION}], tags: {env: test}, stop: "* * * * *", timezone: UTC}
`,
  "powercron-fanout-scf-",
);

let bundle: BuiltBundle;
let cloud: LocalCloud | undefined;
let receiver: Awaited<ReturnType<typeof alertReceiver>> | undefined;

beforeAll(async () => {
  bundle = await buildStop("scf", CONFIG);
}, 60_000);
afterEach(async () => {
  await cloud?.close();
  await receiver?.close();
  cloud = undefined;
  receiver = undefined;
});

async function start(
  options: { kill?: { invocations: number[]; afterAction: string }; env?: Record<string, string> } = {},
) {
  cloud = await startLocalCloud({
    fleet: { instances: FLEET },
    transitionMs: 50,
    tencentStateLagMs: 0,
    sts: { roles: ACCOUNTS.map((account) => ({ arn: roleOf(account.uin) })) },
    functions: { concurrency: 4, ...(options.kill ? { kill: options.kill } : {}) },
  });
  receiver = await alertReceiver();
  cloud.functions.register(FUNCTION, {
    entry: bundle.entry,
    handlerExport: "main_handler",
    timeoutSeconds: 60,
    env: functionEnv(cloud.url, bundle, CONFIG, {
      TENCENTCLOUD_REGION: REGION,
      TENCENTCLOUD_SCF_ENDPOINT: cloud.url,
      POWER_WORKER_FUNCTION: FUNCTION,
      POWER_PARTITIONS_PER_WORKER: "4",
      POWER_WORKER_CONCURRENCY: "3",
      POWER_TIME_BUDGET_SECONDS: "40",
      POWER_NOTIFY_WEBHOOK_URL: receiver.url,
      POWER_NOTIFY_TYPE: "webhook",
      POWER_NOTIFY_ON: "failure,success",
      ...options.env,
    }),
  });
  return cloud;
}

async function invoke(url: string, event: unknown): Promise<{ error?: string; report?: PowerReport }> {
  const [key] = DEFAULT_LOCAL_CREDENTIALS.tencent;
  const client = new scf.v20180416.Client({
    credential: { secretId: key?.secretId ?? "", secretKey: key?.secretKey ?? "" },
    region: REGION,
    profile: { httpProfile: tencentHttpProfile("scf", url, 90_000) },
  });
  const answer = await client.Invoke({
    FunctionName: FUNCTION,
    InvocationType: "RequestResponse",
    ClientContext: JSON.stringify(event),
  });
  const result = answer.Result;
  return result?.InvokeResult === 0
    ? { report: JSON.parse(result.RetMsg ?? "null") as PowerReport }
    : { error: result?.ErrMsg ?? "no result" };
}

const stopCounts = (c: LocalCloud) => {
  const counts = new Map<string, number>();
  for (const call of c.calls()) {
    if (call.action !== "StopInstances" || call.result !== "ok") continue;
    for (const id of call.instanceIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
};

describe("fan-out through SCF Invoke, Tencent accounts", () => {
  it("one fire stops all 120 in 3 workers: each role assumed once, one StopInstances per account, one alert", async () => {
    const c = await start();
    const { report, error } = await invoke(c.url, { group: "fleet", scheduledTime: thisMinute() });
    expect(error).toBeUndefined();
    expect(report?.totals).toEqual({ instances: 120, stopped: 120 });
    expect(report?.fanOut).toEqual({ workers: 3, retried: [], lost: [] });
    const assumed = c.calls().filter((call) => call.action === "AssumeRole");
    expect(assumed.map((call) => call.params.RoleArn).sort()).toEqual(ACCOUNTS.map((a) => roleOf(a.uin)).sort());
    expect(c.calls().filter((call) => call.action === "StopInstances")).toHaveLength(12);
    expect([...stopCounts(c).values()].every((count) => count === 1)).toBe(true);
    expect(c.functions.invocations().map((record) => record.outcome)).toEqual(["ok", "ok", "ok", "ok"]);
    for (const record of c.functions.invocations()) expect(record.maxRssMb).toBeLessThanOrEqual(128);
    expect(receiver?.alerts).toHaveLength(1);
  }, 90_000);

  it("a worker killed in the middle is retried once: the report says so, nothing is stopped twice", async () => {
    const c = await start({
      kill: { invocations: [2], afterAction: "StopInstances" },
      env: { POWER_WORKER_CONCURRENCY: "1" },
    });
    const { report, error } = await invoke(c.url, { group: "fleet", scheduledTime: thisMinute() });
    expect(error).toBeUndefined();
    expect(c.functions.invocations().find((record) => record.seq === 2)?.outcome).toBe("killed");
    expect(report?.fanOut?.retried).toEqual([
      expect.stringMatching(/^worker 1 \(team-01\/ap-guangzhou, .*retried once/),
    ]);
    const counts = stopCounts(c);
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect((report?.totals.stopped ?? 0) + (report?.totals["already-stopped"] ?? 0)).toBe(120);
    expect(receiver?.alerts).toHaveLength(1);
  }, 90_000);

  it("a forged worker event (a partition outside the group) acts on nothing", async () => {
    const c = await start();
    const event = {
      [WORKER_EVENT_KEY]: {
        group: "fleet",
        action: "stop",
        fireTime: thisMinute(),
        scheduled: true,
        dryRun: false,
        partitions: [{ account: "team-01", region: "ap-shanghai" }],
        slice: 1,
        attempt: 1,
        budgetMs: 30_000,
      },
    };
    const { error } = await invoke(c.url, event);
    expect(JSON.parse(error ?? "{}").errorMessage).toMatch(
      /^InvalidInputError: worker event refused: partition team-01\/ap-shanghai not of group "fleet"/,
    );
    expect(c.calls().filter((call) => call.action !== "Invoke")).toEqual([]);
  }, 60_000);
});
