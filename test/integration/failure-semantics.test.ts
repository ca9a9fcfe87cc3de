/**
 * The engine's failure semantics through the real SDKs over HTTP, against a local cloud that fails as the real clouds
 * fail: answers lost after the call was applied, one refused instance failing a whole call, account-wide throttling,
 * two runs at the same moment, capacity, operations that do not take, time running out. Each case runs the deployed
 * handler's code path (`powerHandler`) and checks the outcome, the code and the number of calls.
 */
import { describe, expect, it, vi } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import type { PowerAction } from "../../src/domain/types.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { awsId, fleetOf, type Harness, harnessPerTest, tencentId } from "./support/local-cloud-run.ts";

const SH = "ap-shanghai";
const BJ = "ap-beijing";
const VA = "us-east-1";
const start = harnessPerTest();
const tencentIds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => tencentId(prefix, i));
const awsIds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => awsId(prefix, i));

/** Runs the deployed handler: resolves with the report, or rejects as the platform would see the run fail. */
async function handle(
  h: Harness,
  action: PowerAction,
  event: unknown,
  env: Record<string, string> = {},
): Promise<{ report: PowerReport | undefined; thrown?: Error }> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const err = vi.spyOn(console, "error").mockImplementation(() => {});
  const fullEnv = {
    ...localCloudEnv(h.cloud.url),
    POWER_TIME_BUDGET_SECONDS: "60",
    POWER_REQUEST_TIMEOUT_MS: "3000",
    ...env,
  };
  try {
    const report = await powerHandler(action, () => ({ env: fullEnv, pollIntervalMs: 100 }))(event);
    return { report };
  } catch (thrown) {
    return { report: undefined, thrown: thrown as Error };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

const count = (h: Harness, action: string) => h.calls((c) => c.action === action).length;

describe("Failure semantics through the real SDKs against the local cloud", () => {
  it("Tencent stop of 300 whose first StopInstances is applied but its answer lost: all 300 stopped, at most 8 stop calls", async () => {
    const ids = tencentIds("l", 300);
    const h = await start(fleetOf("tencent", SH, ids), {
      faults: { StopInstances: { at: { 1: "lost" } } },
      tencentStateLagMs: 300,
    });
    const { report, thrown } = await handle(h, "stop", {
      provider: "tencent",
      region: SH,
      instanceIds: ids,
      options: { wait: true },
    });
    expect(thrown).toBeUndefined();
    expect(report?.totals).toEqual({ instances: 300, stopped: 300 });
    expect(count(h, "StopInstances")).toBeLessThanOrEqual(8);
    expect(h.calls((c) => c.action === "StopInstances" && c.instanceIds.length < 100)).toEqual([]);
    for (const id of ids) expect(h.cloud.instance("tencent", SH, id)?.state).toBe("STOPPED");
  });

  it("Tencent start of 300 with a lost answer and light random faults: every instance RUNNING is reported started", async () => {
    const ids = tencentIds("m", 300);
    const h = await start(fleetOf("tencent", SH, ids, { state: "STOPPED" }), {
      faults: { StartInstances: { at: { 1: "lost" } }, "*": { throttle: 0.05, serverError: 0.03 } },
      seed: 11,
      tencentStateLagMs: 300,
    });
    const { report, thrown } = await handle(h, "start", {
      provider: "tencent",
      region: SH,
      instanceIds: ids,
      options: { wait: true },
    });
    expect(thrown).toBeUndefined();
    expect(report?.totals).toEqual({ instances: 300, started: 300 });
    expect(count(h, "StartInstances")).toBeLessThanOrEqual(15);
    for (const id of ids) expect(h.cloud.instance("tencent", SH, id)?.state).toBe("RUNNING");
  });

  it("2 stop-protected EC2 instances among 100: 98 stopped, 2 failed with OperationNotPermitted, the run fails", async () => {
    const ids = awsIds("a", 100);
    const protectedIds = [ids[20] as string, ids[77] as string];
    const h = await start([
      ...fleetOf(
        "aws",
        VA,
        ids.filter((id) => !protectedIds.includes(id)),
      ),
      ...fleetOf("aws", VA, protectedIds, { disableApiStop: true }),
    ]);
    const { thrown } = await handle(h, "stop", { provider: "aws", region: VA, instanceIds: ids });
    expect(thrown?.message).toMatch(/^stop failed for 2 of 100 instances/);
    for (const id of protectedIds) expect(thrown?.message).toContain(`${id} (failed: OperationNotPermitted)`);
    const report = await h.run("stop", { provider: "aws", region: VA, instanceIds: ids });
    expect(report.totals).toEqual({ instances: 100, "already-stopped": 98, failed: 2 });
    const stopped = ids.filter((id) => h.cloud.instance("aws", VA, id)?.state === "stopped");
    expect(stopped).toHaveLength(98);
    // The first run: one refused call, one describe, then halving to the two culprits (≤ 2·2·log2(100)).
    expect(count(h, "StopInstances")).toBeLessThanOrEqual(1 + 28 + 1 + 28);
  });

  it("two overlapping stops of the same 300 Tencent instances both succeed with at most 20 stop calls in all", async () => {
    const ids = tencentIds("o", 300);
    const h = await start(fleetOf("tencent", SH, ids), { tencentStateLagMs: 200 });
    const event = { provider: "tencent", region: SH, instanceIds: ids };
    const [a, b] = await Promise.all([handle(h, "stop", event), handle(h, "stop", event)]);
    expect(a.thrown).toBeUndefined();
    expect(b.thrown).toBeUndefined();
    for (const run of [a, b]) {
      const totals = run.report?.totals ?? { instances: 0 };
      expect((totals.stopped ?? 0) + (totals["already-stopped"] ?? 0)).toBe(300);
    }
    expect(count(h, "StopInstances")).toBeLessThanOrEqual(20);
  });

  it("someone stops instances in the console while we stop them: nothing fails", async () => {
    const ids = tencentIds("c", 100);
    const h = await start(fleetOf("tencent", SH, ids), { tencentStateLagMs: 200, latencyMs: 30 });
    const run = handle(h, "stop", { provider: "tencent", region: SH, instanceIds: ids });
    h.cloud.act("tencent", SH, ids.slice(0, 10), "stop");
    const { report, thrown } = await run;
    expect(thrown).toBeUndefined();
    expect((report?.totals.stopped ?? 0) + (report?.totals["already-stopped"] ?? 0)).toBe(100);
  });

  it("account-wide throttling across two regions: retried, every instance stopped", async () => {
    const sh = tencentIds("s", 200);
    const bj = tencentIds("b", 200);
    const h = await start([...fleetOf("tencent", SH, sh), ...fleetOf("tencent", BJ, bj)], {
      faults: { StopInstances: { throttleGlobal: 0.3, throttleIp: 0.1 } },
      seed: 5,
      tencentAccountRateLimits: { StopInstances: { perSecond: 12 } },
    });
    const { report, thrown } = await handle(h, "stop", {
      targets: [
        { provider: "tencent", region: SH, instanceIds: sh },
        { provider: "tencent", region: BJ, instanceIds: bj },
      ],
    });
    expect(thrown).toBeUndefined();
    expect(report?.totals).toEqual({ instances: 400, stopped: 400 });
    expect(h.calls((c) => c.result.startsWith("RequestLimitExceeded.")).length).toBeGreaterThan(0);
  });

  it("EC2 capacity for 3 in the zone: 3 of 10 started, 7 failed with InsufficientInstanceCapacity", async () => {
    const ids = awsIds("b", 10);
    const h = await start(fleetOf("aws", VA, ids, { state: "stopped", zone: "us-east-1a" }), {
      ec2ZoneCapacity: { "us-east-1a": 3 },
    });
    const { thrown } = await handle(
      h,
      "start",
      { provider: "aws", region: VA, instanceIds: ids },
      { POWER_TIME_BUDGET_SECONDS: "90" },
    );
    expect(thrown?.message).toMatch(/^start failed for 7 of 10 instances/);
    expect(thrown?.message).toContain("InsufficientInstanceCapacity");
    const running = ids.filter((id) => h.cloud.instance("aws", VA, id)?.state !== "stopped");
    expect(running).toHaveLength(3);
    const starts = h.calls((c) => c.action === "StartInstances");
    expect(starts[0]?.instanceIds).toHaveLength(10);
    expect(Math.max(...starts.slice(1).map((c) => c.instanceIds.length))).toBeLessThanOrEqual(5);
  });

  it("Tencent SHUTDOWN: a stop counts it already stopped; a start fails with InstanceIsolated", async () => {
    const [off] = tencentIds("x", 1) as [string];
    const h = await start(fleetOf("tencent", SH, [off], { state: "SHUTDOWN" }));
    const stop = await handle(h, "stop", { provider: "tencent", region: SH, instanceIds: [off] });
    expect(stop.thrown).toBeUndefined();
    expect(stop.report?.instances[0]).toMatchObject({ outcome: "already-stopped", before: "isolated" });
    const startRun = await handle(h, "start", { provider: "tencent", region: SH, instanceIds: [off] });
    expect(startRun.thrown?.message).toContain(`${off} (failed: InstanceIsolated)`);
    expect(h.calls((c) => c.action === "StartInstances" || c.action === "StopInstances")).toEqual([]);
  });

  it("Tencent LatestOperationState FAILED after an accepted stop: failed (ActionDidNotTake) with the cloud's message", async () => {
    const ids = tencentIds("f", 3);
    const h = await start([
      ...fleetOf("tencent", SH, ids.slice(0, 2)),
      ...fleetOf("tencent", SH, ids.slice(2), { failsOperation: true }),
    ]);
    const report = await h.run("stop", { provider: "tencent", region: SH, instanceIds: ids, options: { wait: true } });
    expect(report.totals).toEqual({ instances: 3, stopped: 2, failed: 1 });
    expect(report.instances[2]).toMatchObject({ outcome: "failed", code: "ActionDidNotTake" });
    expect(count(h, "StopInstances")).toBe(1);
  });

  it("CVM refusals of single instances in a batch of 100: the others are stopped", async () => {
    const ids = tencentIds("r", 100);
    const bad = [ids[5] as string, ids[60] as string];
    const h = await start([
      ...fleetOf(
        "tencent",
        SH,
        ids.filter((id) => !bad.includes(id)),
      ),
      ...fleetOf("tencent", SH, [bad[0] as string], { condition: "REINSTALL_FAILED" }),
      ...fleetOf("tencent", SH, [bad[1] as string], { condition: "CORRUPTED" }),
    ]);
    const report = await h.run("stop", { provider: "tencent", region: SH, instanceIds: ids });
    expect(report.totals).toEqual({ instances: 100, stopped: 98, failed: 2 });
    expect(report.instances.filter((r) => r.outcome === "failed").map((r) => r.code)).toEqual([
      "UnsupportedOperation.InstanceReinstallFailed",
      "UnsupportedOperation.InstanceStateCorrupted",
    ]);
    expect(count(h, "StopInstances")).toBeLessThanOrEqual(1 + 2 * 2 * 7);
  });

  it("a stop whose answer hangs was applied: the describe shows it, it is reported stopped, never re-sent", async () => {
    const ids = tencentIds("h", 20);
    const h = await start(fleetOf("tencent", SH, ids), {
      faults: { StopInstances: { at: { 1: "hang" } } },
      hangMs: 60_000,
    });
    const { report, thrown } = await handle(
      h,
      "stop",
      { provider: "tencent", region: SH, instanceIds: ids },
      { POWER_REQUEST_TIMEOUT_MS: "1000" },
    );
    expect(thrown).toBeUndefined();
    expect(report?.totals).toEqual({ instances: 20, stopped: 20 });
    expect(count(h, "StopInstances")).toBe(1);
  });

  it("time running out: with every request hanging, the run still ends within its budget with a report", async () => {
    const ids = tencentIds("t", 20);
    const h = await start(fleetOf("tencent", SH, ids), { faults: { "*": { hang: 1 } }, hangMs: 60_000 });
    const began = Date.now();
    const { thrown } = await handle(
      h,
      "stop",
      { provider: "tencent", region: SH, instanceIds: ids },
      { POWER_TIME_BUDGET_SECONDS: "6", POWER_REQUEST_TIMEOUT_MS: "10000" },
    );
    const took = Date.now() - began;
    expect(took).toBeLessThan(6_000 + 1_000);
    expect(thrown?.message).toMatch(/^stop failed for 20 of 20 instances/);
    expect(count(h, "StopInstances")).toBe(0);
  });
});
