/**
 * The engine through tencentcloud-sdk-nodejs-cvm, over HTTP, against the local cloud: the real wire format, the real
 * batch semantics, exact API calls.
 */
import { describe, expect, it } from "vitest";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { batchSizes, fleetOf, type Harness, harnessPerTest, MUTATING, tencentId } from "./support/local-cloud-run.ts";

const REGION = "ap-shanghai";
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => tencentId(prefix, i));

const tencent = (instanceIds: readonly string[], extra: Record<string, unknown> = {}) =>
  fleetOf("tencent", REGION, instanceIds, extra);
const start = harnessPerTest();

describe("Tencent CVM through the real SDK", () => {
  it("stops 250 instances in batches of 100, 100 and 50 after 3 describe pages, and a second run calls no stop", async () => {
    const good = ids("a", 250);
    const h = await start([...tencent(good), ...tencent(ids("p", 5), { tags: { env: "prod" } })]);

    const first = await h.run("stop", { provider: "tencent", region: REGION, instanceIds: good });

    expect(first.totals).toEqual({ instances: 250, stopped: 250 });
    // The client paces under the limit, but the network can bunch calls on arrival: a throttled call is retried.
    const answered = h.calls((c) => c.result === "ok");
    expect(batchSizes(answered, "DescribeInstances")).toEqual([100, 100, 50]);
    expect(batchSizes(answered, "StopInstances")).toEqual([100, 100, 50]);
    expect(h.calls((c) => c.result !== "ok").every((c) => c.result === "RequestLimitExceeded")).toBe(true);
    expect(h.calls().every((call) => call.instanceIds.every((id) => good.includes(id)))).toBe(true);
    for (const id of ids("p", 5)) expect(h.cloud.instance("tencent", REGION, id)?.state).toBe("RUNNING");

    await new Promise((resolve) => setTimeout(resolve, 120)); // let STOPPING settle (transitionMs 50)
    h.cloud.resetCalls();
    const second = await h.run("stop", { provider: "tencent", region: REGION, instanceIds: good });
    expect(second.totals).toEqual({ instances: 250, "already-stopped": 250 });
    expect(h.calls((call) => MUTATING.has(call.action))).toEqual([]);
  });

  // Whether DescribeInstances omits unknown IDs or fails the call is unconfirmed: the engine must handle both.
  it.each(["omit", "error"] as const)(
    "250 good + 1 unknown + 1 stuck (unknown IDs on describe: %s): all 250 stopped, 252 accounted for, the handler throws naming the two",
    async (unknownIds) => {
      const good = ids("b", 250);
      const stuck = tencentId("s", 1);
      const unknown = tencentId("u", 1);
      const h = await start([...tencent(good), ...tencent([stuck], { state: "STARTING", stuck: true })], {
        tencentDescribeUnknownIds: unknownIds,
      });
      const env = { ...harnessEnv(h), POWER_TIME_BUDGET_SECONDS: "2" };
      const handler = powerHandler("stop", () => ({ env, pollIntervalMs: 100 }));
      const logged: string[] = [];
      const log = console.log;
      console.log = (line: string) => logged.push(line);
      try {
        const outcome = handler({ provider: "tencent", region: REGION, instanceIds: [...good, unknown, stuck] });
        const message = await outcome.then(
          () => "did not throw",
          (error: Error) => error.message,
        );
        expect(message).toContain(`${unknown} (not-found`);
        expect(message).toContain(`${stuck} (failed: StillTransitional`);
        expect(message).toMatch(/2 of 252/);
      } finally {
        console.log = log;
      }
      const report = JSON.parse(logged[0] ?? "{}");
      expect(report.totals).toEqual({ instances: 252, stopped: 250, "not-found": 1, failed: 1 });
      for (const id of good) expect(["STOPPING", "STOPPED"]).toContain(h.cloud.instance("tencent", REGION, id)?.state);
      expect(h.calls((call) => MUTATING.has(call.action) && call.instanceIds.includes(stuck))).toEqual([]);
    },
  );

  it("selects by tags across describe pages and never touches an instance the tags do not select", async () => {
    const test = ids("c", 130);
    const prod = ids("q", 20);
    const h = await start([...tencent(test), ...tencent(prod, { tags: { env: "prod" } })]);
    const report = await h.run("stop", { provider: "tencent", region: REGION, tags: { env: "test" } });
    expect(report.totals).toEqual({ instances: 130, stopped: 130 });
    expect(
      batchSizes(
        h.calls((c) => c.result === "ok"),
        "StopInstances",
      ),
    ).toEqual([100, 30]);
    expect(h.calls((call) => call.instanceIds.some((id) => prod.includes(id)))).toEqual([]);
  });

  it("falls back to KEEP_CHARGING for instances that refuse STOP_CHARGING, and says so", async () => {
    const [pay, prepaid, ssd] = [tencentId("d", 1), tencentId("d", 2), tencentId("d", 3)];
    const h = await start([
      ...tencent([pay as string]),
      ...tencent([prepaid as string], { chargeType: "PREPAID" }),
      ...tencent([ssd as string], { systemDiskType: "LOCAL_SSD" }),
    ]);
    const report = await h.run("stop", {
      provider: "tencent",
      region: REGION,
      instanceIds: [pay, prepaid, ssd],
      options: { stoppedMode: "STOP_CHARGING", wait: true },
    });
    expect(report.totals).toEqual({ instances: 3, stopped: 3 });
    const notes = Object.fromEntries(report.instances.map((r) => [r.instanceId, r.notes ?? []]));
    expect(notes[pay as string]).toEqual([]);
    expect(notes[prepaid as string]).toEqual([expect.stringContaining("KEEP_CHARGING")]);
    expect(notes[ssd as string]).toEqual([expect.stringContaining("KEEP_CHARGING")]);
    expect(h.cloud.instance("tencent", REGION, pay as string)?.stopChargingMode).toBe("STOP_CHARGING");
    expect(h.cloud.instance("tencent", REGION, prepaid as string)?.stopChargingMode).toBe("KEEP_CHARGING");
    const refused = h.calls(
      (c) => c.action === "StopInstances" && c.result === "UnsupportedOperation.StoppedModeStopCharging",
    );
    expect(refused.length).toBeGreaterThan(0);
  });

  it("dry run describes only: Tencent has no DryRun, so no start/stop call reaches the cloud", async () => {
    const h = await start(tencent(ids("e", 5)));
    const report = await h.run("stop", {
      provider: "tencent",
      region: REGION,
      tags: { env: "test" },
      options: { dryRun: true },
    });
    expect(report.totals).toEqual({ instances: 5, "would-stop": 5 });
    expect(h.calls((call) => MUTATING.has(call.action))).toEqual([]);
    expect(h.cloud.instances().every((instance) => instance.state === "RUNNING")).toBe(true);
  });

  it("wait confirms the final state through LatestOperationState before returning", async () => {
    const stopped = ids("f", 3);
    const h = await start(tencent(stopped, { state: "STOPPED" }), { transitionMs: 300 });
    const report = await h.run("start", {
      provider: "tencent",
      region: REGION,
      instanceIds: stopped,
      options: { wait: true },
    });
    expect(report.instances.map((r) => [r.outcome, r.after])).toEqual(stopped.map(() => ["started", "running"]));
    for (const id of stopped) {
      const instance = h.cloud.instance("tencent", REGION, id);
      expect([instance?.state, instance?.latestOperation, instance?.latestOperationState]).toEqual([
        "RUNNING",
        "StartInstances",
        "SUCCESS",
      ]);
    }
  });

  it("the scope guard refuses instances outside POWER_ALLOWED_TAG, and no call names them", async () => {
    const test = ids("g", 3);
    const prod = ids("r", 2);
    const h = await start([...tencent(test), ...tencent(prod, { tags: { env: "prod" } })]);
    const report = await h.run(
      "stop",
      { provider: "tencent", region: REGION, instanceIds: [...test, ...prod] },
      { POWER_ALLOWED_TAG: "env=test" },
    );
    expect(report.totals).toEqual({ instances: 5, stopped: 3, refused: 2 });
    expect(h.calls((c) => MUTATING.has(c.action) && c.instanceIds.some((id) => prod.includes(id)))).toEqual([]);
  });

  it("recovers from throttling: a slower limit than the client's pace ends with every instance stopped", async () => {
    const all = ids("h", 300);
    const h = await start(tencent(all), { rateLimits: { StopInstances: { perSecond: 2, burst: 1 } } });
    const report = await h.run("stop", { provider: "tencent", region: REGION, instanceIds: all });
    expect(report.totals).toEqual({ instances: 300, stopped: 300 });
    expect(h.calls((c) => c.result === "RequestLimitExceeded").length).toBeGreaterThan(0);
    expect(h.calls((c) => c.action === "StopInstances" && c.result === "ok").map((c) => c.instanceIds.length)).toEqual([
      100, 100, 100,
    ]);
  });

  it("survives server errors and hung requests: every instance reaches the target, nothing outside is touched", async () => {
    const wanted = ids("k", 120);
    const others = ids("z", 30);
    const h = await start([...tencent(wanted), ...tencent(others)], {
      seed: 7,
      faults: { "*": { serverError: 0.25, hang: 0.1 } },
      hangMs: 2_000,
    });
    const report = await h.run(
      "stop",
      { provider: "tencent", region: REGION, instanceIds: wanted, options: { wait: true } },
      { POWER_REQUEST_TIMEOUT_MS: "300" },
    );
    expect(report.totals.failed ?? 0).toBe(0);
    for (const id of wanted) expect(h.cloud.instance("tencent", REGION, id)?.state).toBe("STOPPED");
    for (const id of others) expect(h.cloud.instance("tencent", REGION, id)?.state).toBe("RUNNING");
    expect(h.calls((c) => c.instanceIds.some((id) => others.includes(id)))).toEqual([]);
    expect(h.calls((c) => c.result !== "ok").length).toBeGreaterThan(0);
  });
});

function harnessEnv(h: Harness): Record<string, string> {
  return {
    TENCENTCLOUD_CVM_ENDPOINT: h.cloud.url,
    TENCENTCLOUD_SECRET_ID: "AKIDLOCALCLOUD",
    TENCENTCLOUD_SECRET_KEY: "local-secret",
    POWER_REQUEST_TIMEOUT_MS: "5000",
  };
}
