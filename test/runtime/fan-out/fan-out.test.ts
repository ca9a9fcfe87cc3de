/**
 * The orchestrator, over fake workers: slices run at most POWER_WORKER_CONCURRENCY at once, a failed worker is
 * invoked once more with the same slice, a slice that fails twice comes back as `failed` rows of its partitions, and
 * the fire has one report whatever happened.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerRequest, type PowerTarget } from "../../../src/domain/index.ts";
import { parseInvocation } from "../../../src/input/index.ts";
import { materialize } from "../../../src/report/index.ts";
import { fanOutSlices, runFanOut } from "../../../src/runtime/fan-out.ts";
import { WORKER_EVENT_KEY, type WorkerEvent } from "../../../src/runtime/worker-event.ts";
import { WorkerFailure, type Workers } from "../../../src/runtime/workers.ts";

const FIRE = "2026-12-02T19:00:00.000Z";
const ACCOUNTS = ["a1", "a2", "a3", "a4", "a5", "a6"];
const TARGETS: PowerTarget[] = ACCOUNTS.map((account) => ({
  provider: "aws",
  region: "us-east-1",
  account,
  instanceIds: [],
  tags: { env: "test" },
}));
const REQUEST: PowerRequest = { action: "stop", targets: TARGETS, options: DEFAULT_OPTIONS, scope: {} };
const ENV = { POWER_PARTITIONS_PER_WORKER: "2", POWER_WORKER_CONCURRENCY: "2" };
const invocation = (event: object = { group: "fleet", scheduledTime: FIRE }) => {
  const parsed = parseInvocation("stop", event, ENV);
  if (parsed.kind !== "group") throw new Error("not a group invocation");
  return parsed;
};
const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

/** A worker that stops two instances in each account of its slice; `failures` says which attempts fail how. */
function fakeWorkers(failures: Record<string, "throw" | "garbage"> = {}) {
  const calls: { slice: number; attempt: number; accounts: string[] }[] = [];
  let inFlight = 0;
  let peak = 0;
  const workers: Workers = {
    functionName: "powercron-stop",
    syncLimitMs: 900_000,
    async invoke(event: WorkerEvent) {
      const slice = event[WORKER_EVENT_KEY];
      const accounts = slice.partitions.map((partition) => partition.account ?? "");
      calls.push({ slice: slice.slice, attempt: slice.attempt, accounts });
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const failure = failures[`${slice.slice}.${slice.attempt}`];
      if (failure === "throw") throw new WorkerFailure("Runtime exited with error: signal: killed", "WorkerError");
      if (failure === "garbage") return { hello: "world" };
      const instances = accounts.flatMap((account) =>
        [1, 2].map((n) => ({
          provider: "aws",
          region: "us-east-1",
          account,
          instanceId: `i-${account}-${n}`,
          before: "running",
          after: "stopped",
          outcome: "stopped",
        })),
      );
      return {
        action: "stop",
        dryRun: false,
        startedAt: FIRE,
        durationMs: 5,
        totals: { instances: instances.length, stopped: instances.length },
        apiCalls: { AssumeRole: accounts.length, DescribeInstances: accounts.length, StopInstances: accounts.length },
        instances,
      };
    },
  };
  return { workers, calls, peak: () => peak };
}

async function fire(failures: Record<string, "throw" | "garbage"> = {}) {
  const fake = fakeWorkers(failures);
  const slices = fanOutSlices(REQUEST, invocation(), ENV, fake.workers);
  if (slices === undefined) throw new Error("no fan-out");
  const run = await runFanOut({
    action: "stop",
    request: REQUEST,
    invocation: invocation(),
    slices,
    workers: fake.workers,
    env: ENV,
    clock,
    budgetMs: 60_000,
  });
  return { report: materialize(run), ...fake };
}

describe("Function: runFanOut", () => {
  it("runs every slice once, at most POWER_WORKER_CONCURRENCY at a time, into one report", async () => {
    const { report, calls, peak } = await fire();
    expect(calls.map((call) => [call.slice, call.attempt, call.accounts.join(",")]).sort()).toEqual([
      [1, 1, "a1,a2"],
      [2, 1, "a3,a4"],
      [3, 1, "a5,a6"],
    ]);
    expect(peak()).toBe(2);
    expect(report.totals).toEqual({ instances: 12, stopped: 12 });
    expect(report.apiCalls).toEqual({ AssumeRole: 6, DescribeInstances: 6, StopInstances: 6 });
    expect(report.instances.map((row) => row.instanceId)).toEqual(
      ACCOUNTS.flatMap((account) => [`i-${account}-1`, `i-${account}-2`]),
    );
    expect(report.fanOut).toEqual({ workers: 3, retried: [], lost: [] });
  });

  it("retries a failed worker once with the same slice, and the report says so", async () => {
    const { report, calls } = await fire({ "2.1": "throw" });
    expect(calls.filter((call) => call.slice === 2).map((call) => [call.attempt, call.accounts.join(",")])).toEqual([
      [1, "a3,a4"],
      [2, "a3,a4"],
    ]);
    expect(report.totals).toEqual({ instances: 12, stopped: 12 });
    expect(report.fanOut?.retried).toEqual([
      "worker 2 (a3/us-east-1, a4/us-east-1): Runtime exited with error: signal: killed; retried once, and the retry ran",
    ]);
  });

  it("takes an answer that is not a report as a failure, and retries it", async () => {
    const { report } = await fire({ "1.1": "garbage" });
    expect(report.fanOut?.retried).toEqual([expect.stringMatching(/^worker 1 .*the worker returned no report/)]);
    expect(report.totals.stopped).toBe(12);
  });

  it("reports a slice that failed twice with its partitions as failed rows, never dropped", async () => {
    const { report } = await fire({ "3.1": "throw", "3.2": "throw" });
    const lost = report.instances.filter((row) => row.outcome === "failed");
    expect(lost.map((row) => [row.account, row.instanceId, row.code])).toEqual([
      ["a5", "tags:env=test", "WorkerFailed"],
      ["a6", "tags:env=test", "WorkerFailed"],
    ]);
    expect(report.totals).toEqual({ instances: 10, stopped: 8, failed: 2 });
    expect(report.fanOut?.lost).toEqual([
      expect.stringMatching(/^worker 3 \(a5\/us-east-1, a6\/us-east-1\): .*killed; retried once: .*killed$/),
    ]);
  });
});

describe("Function: fanOutSlices", () => {
  const { workers } = fakeWorkers();
  it.each([
    { name: "no more partitions than POWER_PARTITIONS_PER_WORKER", env: { POWER_PARTITIONS_PER_WORKER: "6" } },
    { name: "POWER_PARTITIONS_PER_WORKER=0", env: { POWER_PARTITIONS_PER_WORKER: "0" } },
  ])("runs in this invocation with $name", ({ env }) => {
    expect(fanOutSlices(REQUEST, invocation(), env, workers)).toBeUndefined();
  });

  it("runs in this invocation without the platform's workers", () => {
    expect(fanOutSlices(REQUEST, invocation(), ENV, undefined)).toBeUndefined();
  });

  it("runs in this invocation when the event sets options a worker would not recompute", () => {
    const event = { group: "fleet", scheduledTime: FIRE, options: { force: true } };
    expect(fanOutSlices(REQUEST, invocation(event), ENV, workers)).toBeUndefined();
  });

  it("fans out an unscheduled fire only with POWER_WORKER_SECRET (what the worker verifies it by)", () => {
    const manual = invocation({ group: "fleet" });
    expect(fanOutSlices(REQUEST, manual, ENV, workers)).toBeUndefined();
    const signed = { ...ENV, POWER_WORKER_SECRET: "a-deploy-time-secret-0123456789" };
    expect(fanOutSlices(REQUEST, manual, signed, workers)).toHaveLength(3);
  });

  it("names a bad POWER_PARTITIONS_PER_WORKER", () => {
    expect(() => fanOutSlices(REQUEST, invocation(), { POWER_PARTITIONS_PER_WORKER: "many" }, workers)).toThrow(
      'POWER_PARTITIONS_PER_WORKER: "many" is not a whole number from 0 to 1000',
    );
  });
});
