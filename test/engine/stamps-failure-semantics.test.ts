/**
 * The engine's failure cases (test/engine/failure-semantics.test.ts) with the stamps' tagging calls in them, against
 * in-memory clouds of both fakes' dialects: an answer lost after the tags were applied, a refused instance in a start
 * or stop batch, another run (or the console) acting at the same time, and the budget running out in the tagging
 * calls. In every case the outcomes are those of the start/stop calls alone and the tagging calls stay bounded. The
 * same cases through the real SDKs against the local cloud: test/integration/stamps-failures.test.ts.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_OPTIONS,
  type PowerAction,
  type PowerRequest,
  type ProviderName,
  type StampContext,
} from "../../src/domain/types.ts";
import { DEFAULT_RETRY_POLICY } from "../../src/engine/call-with-retry.ts";
import { runPower } from "../../src/engine/run-power.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { fakeEngineDeps } from "../support/fake-engine.ts";
import { type FakeInstance, fakeIds } from "../support/fake-provider.ts";
import { TaggingCloud } from "../support/tagging-cloud.ts";

type Cloud = Extract<ProviderName, "aws" | "tencent">;
const CLOUDS: readonly Cloud[] = ["aws", "tencent"];
const REGION: Record<Cloud, string> = { aws: "us-east-1", tencent: "ap-shanghai" };
const LAST_ACTION = "powercron:last-action";
const LAST_ERROR = "powercron:last-error";
const FIRE = "2026-12-02T07:59:00.000Z";
const OFFICE: StampContext = { by: "office", stage: "prod", at: FIRE };
const EVENT: StampContext = { by: "event", stage: "prod", at: "2026-12-02T07:59:30.000Z" };

function cloudOf(cloud: Cloud, count: number, state: FakeInstance["state"]): TaggingCloud {
  const ids = fakeIds(cloud === "tencent" ? "ins" : "i", count);
  return new TaggingCloud(
    cloud,
    REGION[cloud],
    ids.map((instanceId) => ({ instanceId, state })),
  );
}

function run(cloud: TaggingCloud, action: PowerAction, stamps = OFFICE, budgetMs = 120_000, clock = new FakeClock()) {
  const request: PowerRequest = {
    action,
    targets: [{ provider: cloud.provider, region: cloud.region, instanceIds: [...cloud.instances.keys()], tags: {} }],
    options: { ...DEFAULT_OPTIONS },
    scope: {},
    stamps,
  };
  return runPower(request, fakeEngineDeps([cloud], budgetMs, clock));
}

const stopped = (stamp: StampContext) => `stopped ${stamp.at} by ${stamp.by} (${stamp.stage})`;
const noted = (report: PowerReport) => report.instances.filter((row) => row.notes).map((row) => row.instanceId);

describe("the stamps in the engine's failure cases", () => {
  describe("an answer lost after the cloud applied the tags", () => {
    it.each(CLOUDS)("%s: the call is sent again (idempotent), every stamp set once, no note", async (name) => {
      const cloud = cloudOf(name, 120, "running");
      cloud.loseTaggingAnswers = 1;
      const report = await run(cloud, "stop");
      expect(report.totals).toEqual({ instances: 120, stopped: 120 });
      // ⌈120 / 50⌉ = 3 calls, and the first once more.
      expect(cloud.tagCalls.map((call) => call.ids.length)).toEqual([50, 50, 50, 20]);
      expect(cloud.tagCalls[0]?.ids).toEqual(cloud.tagCalls[1]?.ids);
      expect(report.apiCalls.CreateTags).toBe(4);
      const values = new Set([...cloud.instances.keys()].map((id) => cloud.tagsOf(id)[LAST_ACTION]));
      expect([...values]).toEqual([stopped(OFFICE)]);
      expect(noted(report)).toEqual([]);
      expect(report.stampFailures).toBeUndefined();
    });

    it.each(CLOUDS)("%s: every answer lost: unconfirmed (the tags may be set), not 'not written'", async (name) => {
      const cloud = cloudOf(name, 3, "running");
      cloud.loseTaggingAnswers = Number.POSITIVE_INFINITY;
      const report = await run(cloud, "stop");
      expect(report.totals).toEqual({ instances: 3, stopped: 3 });
      expect(cloud.tagCalls.length).toBeGreaterThanOrEqual(2);
      expect(cloud.tagCalls.length).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxAttempts);
      for (const row of report.instances) {
        expect(row.notes).toEqual([expect.stringMatching(/^stamp unconfirmed: CreateTags sent, its answer lost/)]);
        // The cloud did apply them: "unconfirmed" is the truth, "not written" would not be.
        expect(cloud.tagsOf(row.instanceId)[LAST_ACTION]).toBe(stopped(OFFICE));
      }
      expect(report.stampFailures).toEqual([
        `stamps unconfirmed on 3 instances: CreateTags in ${name} ${REGION[name]}: RequestTimeout`,
      ]);
    });
  });

  describe("a refused instance in a start/stop batch", () => {
    it.each<{ cloud: Cloud; action: PowerAction; code: string }>([
      { cloud: "aws", action: "stop", code: "OperationNotPermitted" },
      { cloud: "aws", action: "start", code: "InvalidParameterValue" },
      { cloud: "tencent", action: "stop", code: "UnsupportedOperation.InstanceReinstallFailed" },
      { cloud: "tencent", action: "start", code: "UnsupportedOperation.InstanceStateCorrupted" },
    ])("$cloud $action refused with $code: it alone gets last-error, the others last-action", async (c) => {
      const cloud = cloudOf(c.cloud, 100, c.action === "stop" ? "running" : "stopped");
      const ids = [...cloud.instances.keys()];
      const bad = ids[42] as string;
      (cloud.instances.get(bad) as FakeInstance).refuses = { [c.action]: c.code };
      const report = await run(cloud, c.action);
      const done = c.action === "stop" ? "stopped" : "started";
      expect(report.totals).toEqual({ instances: 100, [done]: 99, failed: 1 });
      expect(cloud.tagsOf(bad)).toEqual({ [LAST_ERROR]: `${c.code} ${FIRE}` });
      for (const id of ids.filter((other) => other !== bad)) {
        expect(cloud.tagsOf(id)).toEqual({ [LAST_ACTION]: `${done} ${FIRE} by office (prod)` });
      }
      // ⌈99 / 50⌉ calls for last-action, one for the refused one's last-error.
      expect(cloud.tagCalls.map((call) => call.ids.length)).toEqual([50, 49, 1]);
      expect(report.stampFailures).toBeUndefined();
    });
  });

  describe("another run acting at the same time", () => {
    it.each(CLOUDS)(
      "%s: two overlapping stops of 200: each stamp is the value of a run that stopped it",
      async (name) => {
        const cloud = cloudOf(name, 200, "running");
        const clock = new FakeClock();
        const [a, b] = await Promise.all([
          run(cloud, "stop", OFFICE, 120_000, clock),
          run(cloud, "stop", EVENT, 120_000, clock),
        ]);
        for (const report of [a, b]) {
          expect(report.totals.failed ?? 0).toBe(0);
          expect((report.totals.stopped ?? 0) + (report.totals["already-stopped"] ?? 0)).toBe(200);
          expect(report.stampFailures).toBeUndefined();
        }
        const actedBy = (report: PowerReport, id: string) =>
          report.instances.find((row) => row.instanceId === id)?.outcome === "stopped";
        for (const id of cloud.instances.keys()) {
          const value = cloud.tagsOf(id)[LAST_ACTION];
          const writers = [...(actedBy(a, id) ? [stopped(OFFICE)] : []), ...(actedBy(b, id) ? [stopped(EVENT)] : [])];
          expect(writers, id).toContain(value);
        }
        // Each run tags only what its own calls reached: at most ⌈200 / 50⌉ calls each.
        expect(cloud.tagCalls.length).toBeLessThanOrEqual(8);
      },
    );

    it.each(CLOUDS)(
      "%s: the console starts them between our stop and our stamp: outcome and stamp stand",
      async (name) => {
        const cloud = cloudOf(name, 10, "running");
        const ids = [...cloud.instances.keys()];
        cloud.beforeTagging = () => {
          cloud.beforeTagging = undefined;
          cloud.actAsSomeoneElse("start", ids);
        };
        const report = await run(cloud, "stop");
        // What powercron did and confirmed: stopped; the stamp says so, with the run's time.
        expect(report.totals).toEqual({ instances: 10, stopped: 10 });
        for (const id of ids) {
          expect(cloud.tagsOf(id)[LAST_ACTION]).toBe(stopped(OFFICE));
          expect(cloud.instances.get(id)?.state).toBe("starting");
        }
        // No call of ours follows the console's start, and no tagging failure.
        expect(cloud.actionCalls().map((call) => call.action)).toEqual(["stop"]);
        expect(report.stampFailures).toBeUndefined();
      },
    );
  });

  describe("the budget running out in the tagging calls", () => {
    it.each(CLOUDS)("%s: throttled to the end: notes, the outcomes stand, the run within its budget", async (name) => {
      const cloud = cloudOf(name, 4, "running");
      cloud.failTagging.push(...Array.from({ length: 100 }, () => "RequestLimitExceeded"));
      const budgetMs = 6_000;
      const report = await run(cloud, "stop", OFFICE, budgetMs);
      expect(report.totals).toEqual({ instances: 4, stopped: 4 });
      expect(cloud.tagCalls.every((call) => !call.applied)).toBe(true);
      expect(cloud.tagCalls.length).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxAttempts);
      for (const row of report.instances) {
        expect(row.notes).toEqual([
          expect.stringMatching(/^stamp (not written: CreateTags failed \(RequestLimitExceeded|skipped: no time left)/),
        ]);
      }
      expect(report.stampFailures).toEqual([
        expect.stringMatching(
          new RegExp(`^stamps not written on 4 instances: CreateTags in ${name} ${REGION[name]}: `),
        ),
      ]);
      expect(report.durationMs).toBeLessThanOrEqual(budgetMs);
    });
  });
});
