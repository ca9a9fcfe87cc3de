/**
 * Fan-out through Lambda, end to end: the test invokes the built stop function through the real Lambda SDK; the
 * function (the orchestrator) invokes itself as workers through Lambda `Invoke` on the local cloud, which runs each
 * invocation in a child process; each worker assumes its accounts' roles through the local STS. 12 accounts × 10
 * instances, 4 partitions a worker, 3 workers.
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from "../../../src/local-cloud/index.ts";
import type { BuiltBundle } from "../../../src/platforms/platform-descriptor.ts";
import type { PowerReport } from "../../../src/report/power-report.ts";
import { WORKER_EVENT_KEY } from "../../../src/runtime/worker-event.ts";
import { writeConfigFile } from "../../support/config-file.ts";
import { awsId, fleetOf } from "../support/local-cloud-run.ts";
import { alertReceiver, buildStop, functionEnv, thisMinute } from "./fan-out-harness.ts";

const FUNCTION = "powercron-test-stop";
const ACCOUNTS = Array.from({ length: 12 }, (_, i) => ({
  name: `team-${String(i + 1).padStart(2, "0")}`,
  id: String(200000000000 + i + 1),
}));
const roleOf = (id: string) => `arn:aws:iam::${id}:role/PowercronSpoke`;
const idsOf = (index: number) =>
  Array.from({ length: 10 }, (_, n) => awsId((index % 16).toString(16), index * 100 + n));
const FLEET = ACCOUNTS.flatMap((account, index) => fleetOf("aws", "us-east-1", idsOf(index), { account: account.id }));
/** An hour twelve hours off now: the `nightly` group is never due while these specs run. */
const OFF_HOUR = (new Date().getUTCHours() + 12) % 24;
const CONFIG = writeConfigFile(
  `
accounts:
${ACCOUNTS.map((a) => `  - {name: ${a.name}, provider: aws, roleArn: "${roleOf(a.id)}"}`).join("\n")}
groups:
  - {name: fleet, provider: aws, accounts: "*", regions: [us-east-1], tags: {env: test}, stop: "* * * * *", timezone: UTC}
  - {name: nightly, provider: aws, accounts: [team-01], regions: [us-east-1], tags: {env: test}, stop: "0 ${OFF_HOUR} * * *", timezone: UTC}
`,
  "powercron-fanout-lambda-",
);
const SECRET = "fan-out-test-secret-0123456789";

let bundle: BuiltBundle;
let cloud: LocalCloud | undefined;
let receiver: Awaited<ReturnType<typeof alertReceiver>> | undefined;

beforeAll(async () => {
  bundle = await buildStop("aws", CONFIG);
}, 60_000);
afterEach(async () => {
  await cloud?.close();
  await receiver?.close();
  cloud = undefined;
  receiver = undefined;
});
afterAll(() => undefined);

async function start(
  options: { kill?: { invocations: number[]; afterAction: string }; env?: Record<string, string> } = {},
) {
  cloud = await startLocalCloud({
    fleet: { instances: FLEET },
    transitionMs: 50,
    sts: { roles: ACCOUNTS.map((account) => ({ arn: roleOf(account.id) })) },
    functions: { concurrency: 4, ...(options.kill ? { kill: options.kill } : {}) },
  });
  receiver = await alertReceiver();
  cloud.functions.register(FUNCTION, {
    entry: bundle.entry,
    handlerExport: "handler",
    timeoutSeconds: 60,
    env: functionEnv(cloud.url, bundle, CONFIG, {
      AWS_REGION: "us-east-1",
      POWER_WORKER_FUNCTION: FUNCTION,
      AWS_ENDPOINT_URL_LAMBDA: cloud.url,
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
  const [key] = DEFAULT_LOCAL_CREDENTIALS.aws;
  const client = new LambdaClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: key?.accessKeyId ?? "", secretAccessKey: key?.secretAccessKey ?? "" },
    maxAttempts: 1,
  });
  const answer = await client.send(
    new InvokeCommand({ FunctionName: FUNCTION, Payload: new TextEncoder().encode(JSON.stringify(event)) }),
  );
  const text = new TextDecoder().decode(answer.Payload);
  return answer.FunctionError ? { error: text } : { report: JSON.parse(text) as PowerReport };
}

const stopCounts = (c: LocalCloud) => {
  const counts = new Map<string, number>();
  for (const call of c.calls()) {
    if (call.action !== "StopInstances" || call.result !== "ok") continue;
    for (const id of call.instanceIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
};

describe("fan-out through Lambda Invoke", () => {
  it("one fire stops all 120 in 3 workers: each role assumed once, one StopInstances per account, one alert", async () => {
    const c = await start();
    const { report, error } = await invoke(c.url, { group: "fleet", scheduledTime: thisMinute() });
    expect(error).toBeUndefined();
    expect(report?.totals).toEqual({ instances: 120, stopped: 120 });
    expect(report?.fanOut).toEqual({ workers: 3, retried: [], lost: [] });
    const assumed = c.calls().filter((call) => call.action === "AssumeRole");
    expect(assumed.map((call) => call.params.RoleArn).sort()).toEqual(ACCOUNTS.map((a) => roleOf(a.id)).sort());
    expect(c.calls().filter((call) => call.action === "StopInstances")).toHaveLength(12);
    expect([...stopCounts(c).values()].every((count) => count === 1)).toBe(true);
    expect(
      c
        .calls()
        .filter((call) => call.action === "Invoke")
        .map((call) => call.result),
    ).toEqual(["ok", "ok", "ok", "ok"]);
    expect(c.functions.invocations().map((record) => record.outcome)).toEqual(["ok", "ok", "ok", "ok"]);
    for (const record of c.functions.invocations()) expect(record.maxRssMb).toBeLessThanOrEqual(128);
    expect(receiver?.alerts).toHaveLength(1);
  }, 90_000);

  it("a worker killed in the middle is retried once: the report says so, nothing is stopped twice", async () => {
    // Workers one at a time: invocation 2 (the first worker) dies after its first StopInstances reached the cloud.
    const c = await start({
      kill: { invocations: [2], afterAction: "StopInstances" },
      env: { POWER_WORKER_CONCURRENCY: "1" },
    });
    const { report, error } = await invoke(c.url, { group: "fleet", scheduledTime: thisMinute() });
    expect(error).toBeUndefined();
    expect(c.functions.invocations().find((record) => record.seq === 2)?.outcome).toBe("killed");
    expect(report?.fanOut?.retried).toEqual([
      expect.stringMatching(
        /^worker 1 \(team-01\/us-east-1, .*team-04\/us-east-1\): .*killed.*; retried once, and the retry ran$/,
      ),
    ]);
    const counts = stopCounts(c);
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    // What the killed worker had stopped, the retry found stopping or stopped, and did not stop again.
    expect((report?.totals.stopped ?? 0) + (report?.totals["already-stopped"] ?? 0)).toBe(120);
    expect(report?.totals["already-stopped"]).toBeGreaterThan(0);
    expect(c.instances().every((instance) => instance.state === "stopped" || instance.state === "stopping")).toBe(true);
    expect(receiver?.alerts).toHaveLength(1);
  }, 90_000);

  it.each([
    { name: "an unknown group", slice: { group: "not-ours" }, refused: /group "not-ours" is not in/ },
    {
      name: "a partition outside the group",
      slice: { partitions: [{ account: "team-99", region: "us-east-1" }] },
      refused: /team-99\/us-east-1 not of group/,
    },
    { name: "a fire time that is not due", slice: { group: "nightly" }, refused: /not due/ },
    { name: "a fire time in the future", slice: { fireTime: "2099-01-01T00:00:00.000Z" }, refused: /in the future/ },
    { name: "a stale fire", slice: { fireTime: "2026-01-05T19:00:00.000Z" }, refused: /stale/ },
  ])(
    "a forged worker event ($name) acts on nothing and is refused as input",
    async ({ slice, refused }) => {
      const c = await start();
      const event = {
        [WORKER_EVENT_KEY]: {
          group: "fleet",
          action: "stop",
          fireTime: thisMinute(),
          scheduled: true,
          dryRun: false,
          partitions: [{ account: "team-01", region: "us-east-1" }],
          slice: 1,
          attempt: 1,
          budgetMs: 30_000,
          ...slice,
        },
      };
      const { error } = await invoke(c.url, event);
      expect(JSON.parse(error ?? "{}")).toEqual({
        errorType: "InvalidInputError",
        errorMessage: expect.stringMatching(refused),
      });
      expect(c.calls().filter((call) => call.action !== "Invoke")).toEqual([]);
      expect(receiver?.alerts).toHaveLength(0);
    },
    60_000,
  );

  it("with POWER_WORKER_SECRET, an unsigned worker event is refused, and the orchestrator's signed ones run", async () => {
    const c = await start({ env: { POWER_WORKER_SECRET: SECRET } });
    const forged = {
      [WORKER_EVENT_KEY]: {
        group: "fleet",
        action: "stop",
        fireTime: thisMinute(),
        scheduled: true,
        dryRun: false,
        partitions: [{ account: "team-01", region: "us-east-1" }],
        slice: 1,
        attempt: 1,
        budgetMs: 30_000,
      },
    };
    const refused = await invoke(c.url, forged);
    expect(refused.error).toMatch(/no signature/);
    expect(refused.error).not.toContain(SECRET);
    expect(c.calls().filter((call) => call.action !== "Invoke")).toEqual([]);
    const { report, error } = await invoke(c.url, { group: "fleet", scheduledTime: thisMinute() });
    expect(error).toBeUndefined();
    expect(report?.totals).toEqual({ instances: 120, stopped: 120 });
  }, 90_000);
});
