/**
 * Describe pages are read only as fast as the start/stop calls can use them: while ten full batches are handed to
 * calls and unanswered, the next page waits. Memory stays bounded by what is in flight, and parsing does not crowd
 * out the paced calls.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS } from "../../src/domain/index.ts";
import { ActionBacklog } from "../../src/engine/action-backlog.ts";
import { runPower } from "../../src/engine/run-power.ts";
import { fakeEngineDeps } from "../support/fake-engine.ts";
import { FakeProvider, fakeIds } from "../support/fake-provider.ts";

const SELECTED = { env: "big" };
const LIMIT = 10 * 100;

/** A region of `count` running instances tagged env=big; records, at each describe, the instances not yet stopped. */
function bigRegion(count: number, pagination: FakeProvider["pagination"]) {
  const ids = fakeIds("ins", count);
  const cloud = new FakeProvider(
    "tencent",
    "ap-shanghai",
    ids.map((instanceId) => ({ instanceId, state: "running" as const, tags: SELECTED })),
  );
  cloud.pagination = pagination;
  return cloud;
}

/** Lets every pending promise and timer of the run go as far as it can. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe("Class: ActionBacklog", () => {
  it("has room under its limit, and wakes every waiter when it drops under it", async () => {
    const backlog = new ActionBacklog(200);
    backlog.add(200);
    let woken = 0;
    const waiting = [backlog.room(), backlog.room()].map((p) => p.then(() => woken++));
    backlog.done(0);
    await Promise.resolve();
    expect(woken).toBe(0);
    backlog.done(100);
    await Promise.all(waiting);
    expect(woken).toBe(2);
    expect(backlog.size).toBe(100);
    await backlog.room();
  });
});

describe("Describe pages and the action backlog", () => {
  it.each([
    // Pages one after another: ten pages fill ten batches, and the eleventh waits.
    { pagination: "sequential" as const, readAhead: 10 },
    // Every cursor known from the first page: ten pages fill the backlog, and at most the other 15 readers' pages
    // already asked for still come in.
    { pagination: "all-cursors" as const, readAhead: 10 + 15 },
  ])(
    "reads $pagination pages only while fewer than ten batches of calls are unanswered (at most $readAhead pages of 50 while the cloud holds its answers)",
    async ({ pagination, readAhead }) => {
      const cloud = bigRegion(5_000, pagination);
      let answer = () => {};
      const held = new Promise<void>((resolve) => {
        answer = resolve;
      });
      cloud.holdAnswer = () => held;
      const run = runPower(
        {
          action: "stop",
          targets: [{ provider: "tencent", region: "ap-shanghai", instanceIds: [], tags: SELECTED }],
          options: { ...DEFAULT_OPTIONS },
          scope: {},
        },
        fakeEngineDeps([cloud], 600_000),
      );
      await settle();
      const describedWhileHeld = cloud.calls.filter((call) => call.action === "describe").length;
      answer();
      const report = await run;

      expect(describedWhileHeld).toBeGreaterThanOrEqual(10);
      expect(describedWhileHeld).toBeLessThanOrEqual(readAhead);
      expect(report.totals.stopped).toBe(5_000);
      expect(report.apiCalls).toEqual({ DescribeInstances: 50, StopInstances: 50 });
    },
  );
});

describe("Describe pages when the budget runs short", () => {
  it("reads every page in the last quarter of the budget, so that an instance the run cannot reach is reported, not left out", async () => {
    const cloud = bigRegion(5_000, "sequential");
    const waiting: (() => void)[] = [];
    cloud.holdAnswer = () => new Promise<void>((resolve) => waiting.push(resolve));
    const deps = fakeEngineDeps([cloud], 600_000);
    const run = runPower(
      {
        action: "stop",
        targets: [{ provider: "tencent", region: "ap-shanghai", instanceIds: [], tags: SELECTED }],
        options: { ...DEFAULT_OPTIONS },
        scope: {},
      },
      deps,
    );
    const described = () => cloud.calls.filter((call) => call.action === "describe").length;
    await settle();
    const beforeLastQuarter = described();
    // Into the last quarter of the budget (less its 3 s reserve); one stop call is answered.
    deps.clock.advance(0.8 * 600_000);
    waiting.shift()?.();
    await settle();
    const inLastQuarter = described();
    while (waiting.length > 0) {
      for (const release of waiting.splice(0)) release();
      await settle();
    }
    const report = await run;

    expect(beforeLastQuarter).toBe(10);
    expect(inLastQuarter).toBe(50);
    expect(report.totals.instances).toBe(5_000);
    expect(report.apiCalls).toEqual({ DescribeInstances: 50, StopInstances: 50 });
  });
});

describe("Tag pages read through the backlog when the cloud fails as real clouds fail", () => {
  const stopAll = (cloud: FakeProvider) =>
    runPower(
      {
        action: "stop",
        targets: [{ provider: "tencent", region: "ap-shanghai", instanceIds: [], tags: SELECTED }],
        options: { ...DEFAULT_OPTIONS },
        scope: {},
      },
      fakeEngineDeps([cloud], 600_000),
    );

  it("a stop whose answer is lost after it was applied: all 2,000 stopped, never re-sent blind, no halving", async () => {
    const cloud = bigRegion(2_000, "sequential");
    cloud.loseAnswers = 1;
    const report = await stopAll(cloud);

    expect(report.totals).toEqual({ instances: 2_000, stopped: 2_000 });
    expect(cloud.actionCalls()).toHaveLength(20);
    expect(cloud.actionCalls().every((call) => call.instanceIds.length === 100 && call.applied)).toBe(true);
    // The 20 pages, and one describe of the batch whose answer was lost.
    expect(report.apiCalls.DescribeInstances).toBe(21);
  });

  it("one refused instance among 2,000: 1,999 stopped, the one failed with the cloud's code, its batch split", async () => {
    const cloud = bigRegion(2_000, "all-cursors");
    const refused = fakeIds("ins", 2_000)[1_234] as string;
    const instance = cloud.instances.get(refused);
    if (instance) instance.refuses = { stop: "UnsupportedOperation.InstanceReinstallFailed" };
    const report = await stopAll(cloud);

    expect(report.totals).toEqual({ instances: 2_000, stopped: 1_999, failed: 1 });
    expect(report.instances.find((row) => row.instanceId === refused)).toMatchObject({
      outcome: "failed",
      code: "UnsupportedOperation.InstanceReinstallFailed",
    });
    const calls = cloud.actionCalls().length;
    expect(calls).toBeGreaterThan(20);
    expect(calls).toBeLessThanOrEqual(20 + 1 + 2 * Math.ceil(Math.log2(100)));
  });

  it("two runs stopping the same 2,000 at the same moment: both clean, every instance stopped once", async () => {
    const cloud = bigRegion(2_000, "sequential");
    const [first, second] = await Promise.all([stopAll(cloud), stopAll(cloud)]);

    for (const report of [first, second]) {
      expect(report.totals.instances).toBe(2_000);
      expect((report.totals.stopped ?? 0) + (report.totals["already-stopped"] ?? 0)).toBe(2_000);
      expect(report.totals.failed).toBeUndefined();
    }
    const applied = cloud.actionCalls().filter((call) => call.applied);
    expect(new Set(applied.flatMap((call) => call.instanceIds)).size).toBe(2_000);
    expect(cloud.actionCalls().length).toBeLessThanOrEqual(2 * 20);
  });
});
