/**
 * The engine's failure cases (test/integration/failure-semantics.test.ts) with the stamps' tagging calls in them,
 * through the real SDKs against the local cloud: an answer lost after the tagging call applied (EC2, CVM, ECS: sent
 * again, harmless; every answer lost: reported unconfirmed, as the tags may be set), a refused instance in a stop batch (it gets last-error, the others last-action), two runs acting at the
 * same time (each instance one stamp, no failure), and the budget running out (tagging skipped with a note, never
 * sent into the reserve).
 */
import { describe, expect, it } from "vitest";
import { awsId, fleetOf, type Harness, harnessPerTest, tencentId } from "./support/local-cloud-run.ts";

const VA = "us-east-1";
const SH = "ap-shanghai";
const HZ = "cn-hangzhou";
const LAST_ACTION = "powercron:last-action";
const LAST_ERROR = "powercron:last-error";
const start = harnessPerTest();
const awsIds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => awsId(prefix, i));
const tencentIds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => tencentId(prefix, i));
const count = (h: Harness, action: string) => h.calls((call) => call.action === action).length;
const awsTags = (h: Harness, id: string) => h.cloud.instance("aws", VA, id)?.tags ?? {};
const alibabaIds = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `i-bp1${prefix}${i.toString(36).padStart(15, "z")}`);
/** Running instances of CVM or ECS, in their own state words. */
const chinaFleet = (provider: "tencent" | "alibaba", region: string, ids: readonly string[]) =>
  ids.map((instanceId) => ({
    provider,
    region,
    instanceId,
    state: provider === "tencent" ? "RUNNING" : "Running",
    tags: { env: "test" },
  })) as Parameters<typeof start>[0];

describe("the stamps in the engine's failure cases", () => {
  it("EC2 stop of 300 whose CreateTags is applied and its answer lost: sent again, every instance stamped once", async () => {
    const ids = awsIds("a", 300);
    const h = await start(fleetOf("aws", VA, ids), { faults: { CreateTags: { at: { 1: "lost" } } } });
    const report = await h.run("stop", { provider: "aws", region: VA, instanceIds: ids });
    expect(report.totals).toEqual({ instances: 300, stopped: 300 });
    expect(h.calls((call) => call.action === "CreateTags").map((call) => call.result)).toEqual(["lost", "ok"]);
    expect(report.apiCalls.CreateTags).toBe(2);
    const values = new Set(ids.map((id) => awsTags(h, id)[LAST_ACTION]));
    expect([...values]).toEqual([`stopped ${report.startedAt} by event (manual)`]);
    expect(report.instances.filter((row) => row.notes)).toEqual([]);
  });

  it.each([
    { cloud: "tencent", region: SH, tagAction: "AttachResourcesTag", ids: tencentIds("l", 120) },
    { cloud: "alibaba", region: HZ, tagAction: "TagResources", ids: alibabaIds("l", 120) },
  ] as const)(
    "$cloud stop of 120 whose first $tagAction is applied and its answer lost: sent again, stamped once",
    async (c) => {
      const h = await start(chinaFleet(c.cloud, c.region, c.ids), { faults: { [c.tagAction]: { at: { 1: "lost" } } } });
      const report = await h.run("stop", { provider: c.cloud, region: c.region, instanceIds: c.ids });
      expect(report.totals).toEqual({ instances: 120, stopped: 120 });
      // ⌈120 / 50⌉ = 3 calls, and the lost one once more.
      expect(h.calls((call) => call.action === c.tagAction).map((call) => call.result)).toEqual([
        "lost",
        "ok",
        "ok",
        "ok",
      ]);
      expect(report.apiCalls[c.tagAction]).toBe(4);
      const values = new Set(c.ids.map((id) => h.cloud.instance(c.cloud, c.region, id)?.tags[LAST_ACTION]));
      expect([...values]).toEqual([`stopped ${report.startedAt} by event (manual)`]);
      expect(report.instances.filter((row) => row.notes)).toEqual([]);
    },
  );

  it("ECS stop whose every TagResources answer is lost: the stamps are reported unconfirmed (the cloud did apply them)", async () => {
    const ids = alibabaIds("u", 3);
    const h = await start(chinaFleet("alibaba", HZ, ids), { faults: { TagResources: { lost: 1 } } });
    const report = await h.run("stop", { provider: "alibaba", region: HZ, instanceIds: ids });
    expect(report.totals).toEqual({ instances: 3, stopped: 3 });
    for (const row of report.instances) {
      expect(row.notes).toEqual([expect.stringMatching(/^stamp unconfirmed: TagResources sent, its answer lost/)]);
      expect(h.cloud.instance("alibaba", HZ, row.instanceId)?.tags[LAST_ACTION]).toMatch(/^stopped /);
    }
    expect(report.stampFailures).toEqual([
      expect.stringMatching(/^stamps unconfirmed on 3 instances: TagResources in alibaba cn-hangzhou: /),
    ]);
    // Sent again while the retry policy allows (8 attempts), never more.
    const sent = count(h, "TagResources");
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(sent).toBeLessThanOrEqual(8);
  });

  it("a refused instance in a stop batch: it alone gets last-error with its code, the others last-action", async () => {
    const ids = awsIds("b", 100);
    const refused = ids[42] as string;
    const h = await start([
      ...fleetOf(
        "aws",
        VA,
        ids.filter((id) => id !== refused),
      ),
      ...fleetOf("aws", VA, [refused], { disableApiStop: true }),
    ]);
    const report = await h.run("stop", { provider: "aws", region: VA, instanceIds: ids });
    expect(report.totals).toEqual({ instances: 100, stopped: 99, failed: 1 });
    expect(awsTags(h, refused)).toMatchObject({ [LAST_ERROR]: `OperationNotPermitted ${report.startedAt}` });
    expect(awsTags(h, refused)[LAST_ACTION]).toBeUndefined();
    for (const id of ids.filter((other) => other !== refused)) {
      expect(awsTags(h, id)[LAST_ACTION]).toBe(`stopped ${report.startedAt} by event (manual)`);
      expect(awsTags(h, id)[LAST_ERROR]).toBeUndefined();
    }
    // One CreateTags for the 99, one for the refused one's last-error.
    expect(count(h, "CreateTags")).toBe(2);
  });

  it("two overlapping stops of the same 200 Tencent instances: each instance stamped, no tagging failure", async () => {
    const ids = tencentIds("o", 200);
    const h = await start(fleetOf("tencent", SH, ids), { tencentStateLagMs: 200 });
    const event = { provider: "tencent", region: SH, instanceIds: ids };
    const [a, b] = await Promise.all([h.run("stop", event), h.run("stop", event)]);
    for (const report of [a, b]) {
      expect((report.totals.stopped ?? 0) + (report.totals["already-stopped"] ?? 0)).toBe(200);
      expect(report.stampFailures).toBeUndefined();
    }
    for (const id of ids) {
      expect(h.cloud.instance("tencent", SH, id)?.tags[LAST_ACTION]).toMatch(/^stopped \S+ by event \(manual\)$/);
    }
    // Each run stamps only the instances its own calls reached: at most ⌈200 / 50⌉ calls each.
    expect(count(h, "AttachResourcesTag")).toBeLessThanOrEqual(8);
  });

  it("the console starts them between our stop and our stamp: the outcome and the stamp stand, no call of ours follows", async () => {
    const ids = awsIds("d", 10);
    // The first CreateTags calls fail with server errors (nothing applied): once the instances are stopped, the
    // console starts them during the backoff.
    const h = await start(fleetOf("aws", VA, ids), { faults: { CreateTags: { at: { "1-4": "serverError" } } } });
    const running = h.run("stop", { provider: "aws", region: VA, instanceIds: ids });
    let stampedBeforeConsole: number | undefined;
    while (stampedBeforeConsole === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const written = h.calls((call) => call.action === "CreateTags" && call.result === "ok").length;
      const stopped = ids.every((id) => h.cloud.instance("aws", VA, id)?.state === "stopped");
      // A stamp written before the console could act ends the wait (and fails below) rather than hanging the test.
      if (written === 0 && (count(h, "CreateTags") === 0 || !stopped)) continue;
      stampedBeforeConsole = written;
      if (written > 0) break;
      expect(h.cloud.act("aws", VA, ids, "start").map((result) => result.result)).toEqual(ids.map(() => "ok"));
    }
    const report = await running;
    expect(stampedBeforeConsole).toBe(0);
    // What powercron did and confirmed: stopped; the stamp says so, with the run's time; the console's start stands.
    expect(report.totals).toEqual({ instances: 10, stopped: 10 });
    for (const id of ids) {
      expect(awsTags(h, id)[LAST_ACTION]).toBe(`stopped ${report.startedAt} by event (manual)`);
      expect(h.cloud.instance("aws", VA, id)?.state).not.toBe("stopped");
    }
    expect(count(h, "StopInstances")).toBe(1);
    expect(count(h, "StartInstances")).toBe(0);
    expect(report.stampFailures).toBeUndefined();
  });

  it("the budget running out in the tagging calls (every one hangs): skipped with a note, the report within the budget", async () => {
    const ids = awsIds("c", 5);
    const h = await start(fleetOf("aws", VA, ids), { faults: { CreateTags: { hang: 1 } } });
    const report = await h.run(
      "stop",
      { provider: "aws", region: VA, instanceIds: ids },
      { POWER_TIME_BUDGET_SECONDS: "3", POWER_REQUEST_TIMEOUT_MS: "1000" },
    );
    // The outcomes stand: the stops were accepted.
    expect(report.totals).toEqual({ instances: 5, stopped: 5 });
    // A hung call was applied before its socket died: its stamp is unconfirmed, not "not written".
    for (const row of report.instances) {
      expect(row.notes).toEqual([
        expect.stringMatching(/^stamp (skipped: no time left|unconfirmed: CreateTags sent, its answer lost)/),
      ]);
    }
    expect(report.stampFailures).toEqual([
      expect.stringMatching(/^stamps (not written|unconfirmed) on 5 instances: CreateTags in aws us-east-1: /),
    ]);
    // Retried while the budget allowed, never into the reserve kept for the report.
    expect(count(h, "CreateTags")).toBeGreaterThanOrEqual(2);
    expect(report.durationMs).toBeLessThan(3_000);
  });
});
