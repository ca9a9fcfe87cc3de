import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerAction, type PowerOptions, type PowerRequest } from "../../src/domain/types.ts";
import { type EngineDeps, runPower } from "../../src/engine/run-power.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { fakeEngineDeps } from "../support/fake-engine.ts";
import { type FakeInstance, FakeProvider, fakeIds } from "../support/fake-provider.ts";

type Cloud = "tencent" | "aws";
const REGION: Record<Cloud, string> = { tencent: "ap-shanghai", aws: "us-east-1" };

function fleet(cloud: Cloud, count: number, state: FakeInstance["state"], offset = 0): FakeInstance[] {
  return fakeIds(cloud === "tencent" ? "ins" : "i", count, offset).map((instanceId) => ({ instanceId, state }));
}

function request(action: PowerAction, cloud: Cloud, ids: readonly string[], options: Partial<PowerOptions> = {}) {
  const req: PowerRequest = {
    action,
    targets: [{ provider: cloud, region: REGION[cloud], instanceIds: ids, tags: {} }],
    options: { ...DEFAULT_OPTIONS, ...options },
    scope: {},
  };
  return req;
}

function deps(providers: FakeProvider[], budgetMs = 120_000, clock = new FakeClock()) {
  return fakeEngineDeps(providers, budgetMs, clock);
}

function byOutcome(report: PowerReport): Record<string, number> {
  const { instances: _, ...rest } = report.totals;
  return rest as Record<string, number>;
}

function codesOf(report: PowerReport, outcome: string): string[] {
  return report.instances.filter((r) => r.outcome === outcome).map((r) => r.code ?? "");
}

function actionCallCount(cloud: FakeProvider): number {
  return cloud.actionCalls().length;
}

describe("Engine failure semantics: what the engine does when the cloud fails as real clouds fail", () => {
  describe("a lost answer (the call was applied, its reply never came)", () => {
    it.each<{ cloud: Cloud; action: PowerAction; lag: number; maxCalls: number }>([
      { cloud: "tencent", action: "stop", lag: 0, maxCalls: 3 },
      { cloud: "tencent", action: "stop", lag: 2, maxCalls: 8 },
      { cloud: "tencent", action: "start", lag: 0, maxCalls: 3 },
      { cloud: "tencent", action: "start", lag: 2, maxCalls: 8 },
      { cloud: "aws", action: "stop", lag: 0, maxCalls: 3 },
      { cloud: "aws", action: "start", lag: 0, maxCalls: 3 },
    ])(
      "$cloud $action of 300 with describe lag $lag: all 300 reach the target in at most $maxCalls action calls",
      async ({ cloud, action, lag, maxCalls }) => {
        const from = action === "stop" ? "running" : "stopped";
        const provider = new FakeProvider(cloud, REGION[cloud], fleet(cloud, 300, from));
        provider.loseAnswers = 1;
        provider.lagDescribes = lag;
        const ids = [...provider.instances.keys()];
        const report = await runPower(request(action, cloud, ids, { wait: true }), deps([provider]));
        const done = action === "stop" ? "stopped" : "started";
        expect(byOutcome(report)).toEqual({ [done]: 300 });
        expect(actionCallCount(provider)).toBeGreaterThanOrEqual(3);
        expect(actionCallCount(provider)).toBeLessThanOrEqual(maxCalls);
        // No halving storm: no call ever carried fewer than the batch it was re-sent for.
        expect(provider.actionCalls().every((c) => c.instanceIds.length === 100)).toBe(true);
      },
    );

    it("re-sends a batch whose lost call was never applied, once, after describing it", async () => {
      const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 100, "running"));
      provider.failNext.push("", "RequestTimeout"); // describe passes; the stop's answer is lost before it applied
      const ids = [...provider.instances.keys()];
      const report = await runPower(request("stop", "tencent", ids), deps([provider]));
      expect(byOutcome(report)).toEqual({ stopped: 100 });
      expect(provider.actionCalls().map((c) => [c.instanceIds.length, c.applied])).toEqual([
        [100, false],
        [100, true],
      ]);
      expect(report.apiCalls.DescribeInstances).toBe(2);
    });
  });

  describe("one instance the cloud refuses fails the whole call", () => {
    it.each<{ cloud: Cloud; action: PowerAction; code: string }>([
      { cloud: "aws", action: "stop", code: "OperationNotPermitted" },
      { cloud: "aws", action: "stop", code: "UnsupportedOperation" },
      { cloud: "aws", action: "start", code: "InvalidParameterValue" },
      { cloud: "tencent", action: "stop", code: "UnsupportedOperation.InstanceReinstallFailed" },
      { cloud: "tencent", action: "start", code: "UnsupportedOperation.InstanceStateCorrupted" },
      { cloud: "tencent", action: "stop", code: "UnauthorizedOperation.MFAExpired" },
      { cloud: "tencent", action: "stop", code: "SomeCodeNobodyDocumented" },
    ])(
      "$cloud $action: 2 instances refused with $code among 100 leave 98 done and 2 failed with that code",
      async ({ cloud, action, code }) => {
        const from = action === "stop" ? "running" : "stopped";
        const provider = new FakeProvider(cloud, REGION[cloud], fleet(cloud, 100, from));
        const ids = [...provider.instances.keys()];
        const bad = [ids[13] as string, ids[71] as string];
        for (const id of bad) (provider.instances.get(id) as FakeInstance).refuses = { [action]: code };
        const report = await runPower(request(action, cloud, ids), deps([provider]));
        const done = action === "stop" ? "stopped" : "started";
        expect(byOutcome(report)).toEqual({ [done]: 98, failed: 2 });
        expect(codesOf(report, "failed")).toEqual([code, code]);
        expect(
          report.instances
            .filter((r) => r.outcome === "failed")
            .map((r) => r.instanceId)
            .sort(),
        ).toEqual([...bad].sort());
        // One describe of the batch, then halving: at most 1 + 2·2·log2(100) calls for two culprits.
        expect(actionCallCount(provider)).toBeLessThanOrEqual(1 + 2 * 2 * 7);
        expect(report.apiCalls.DescribeInstances).toBe(2);
      },
    );

    it("one refused instance among 100 costs at most about 2·log2(100) extra calls", async () => {
      const provider = new FakeProvider("aws", "us-east-1", fleet("aws", 100, "running"));
      const ids = [...provider.instances.keys()];
      (provider.instances.get(ids[50] as string) as FakeInstance).refuses = { stop: "OperationNotPermitted" };
      const report = await runPower(request("stop", "aws", ids), deps([provider]));
      expect(byOutcome(report)).toEqual({ stopped: 99, failed: 1 });
      expect(actionCallCount(provider) - 1).toBeLessThanOrEqual(2 * 7);
    });

    it("an instance explained by its state is taken out and the rest re-sent at once, without halving", async () => {
      const provider = new FakeProvider("tencent", "ap-shanghai", [
        ...fleet("tencent", 99, "running"),
        { instanceId: "ins-zzzzzzzz", state: "stopped" },
      ]);
      const ids = [...provider.instances.keys()];
      // The instance was running when described, then someone stopped it before our call.
      const original = provider.describeByIds.bind(provider);
      let first = true;
      provider.describeByIds = async (asked) => {
        const views = await original(asked);
        if (!first) return views;
        first = false;
        return views.map((v) =>
          v.instanceId === "ins-zzzzzzzz" ? { ...v, state: "running", cloudState: "RUNNING" } : v,
        );
      };
      const report = await runPower(request("stop", "tencent", ids), deps([provider]));
      expect(byOutcome(report)).toEqual({ stopped: 100 });
      expect(provider.actionCalls().map((c) => c.instanceIds.length)).toEqual([100, 99]);
    });
  });

  describe("state codes mean what they say", () => {
    it.each<{ action: PowerAction; state: FakeInstance["state"]; outcome: string }>([
      { action: "start", state: "running", outcome: "started" },
      { action: "stop", state: "stopped", outcome: "stopped" },
      { action: "start", state: "starting", outcome: "started" },
      { action: "stop", state: "stopping", outcome: "stopped" },
    ])(
      "Tencent $action refused because the instance is already $state: $outcome, never failed",
      async ({ action, state, outcome }) => {
        const from = action === "stop" ? "running" : "stopped";
        const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 1, from));
        const [id] = [...provider.instances.keys()] as [string];
        // Someone else acts between our describe and our call.
        const original = provider.describeByIds.bind(provider);
        let calls = 0;
        provider.describeByIds = async (asked) => {
          const views = await original(asked);
          if (++calls === 1) {
            const instance = provider.instances.get(id) as FakeInstance;
            instance.state = state;
            instance.holdFor = 1;
          }
          return views;
        };
        const report = await runPower(request(action, "tencent", [id]), deps([provider]));
        expect(report.instances[0]).toMatchObject({ outcome });
        expect(actionCallCount(provider)).toBe(1);
      },
    );

    it.each<{ action: PowerAction; state: FakeInstance["state"]; outcome: string; code?: string }>([
      { action: "stop", state: "isolated", outcome: "already-stopped" },
      { action: "start", state: "isolated", outcome: "failed", code: "InstanceIsolated" },
    ])("a SHUTDOWN (isolated) instance: $action → $outcome", async ({ action, state, outcome, code }) => {
      const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 1, state));
      const ids = [...provider.instances.keys()];
      const report = await runPower(request(action, "tencent", ids), deps([provider]));
      expect(report.instances[0]).toMatchObject({ outcome, ...(code ? { code } : {}) });
      expect(actionCallCount(provider)).toBe(0);
    });
  });

  describe("two runs at the same moment", () => {
    it.each<Cloud>(["tencent", "aws"])(
      "%s: two overlapping stops of the same 300 instances both succeed with at most 20 stop calls in all",
      async (cloud) => {
        const provider = new FakeProvider(cloud, REGION[cloud], fleet(cloud, 300, "running"));
        const ids = [...provider.instances.keys()];
        const clock = new FakeClock();
        const [a, b] = await Promise.all([
          runPower(request("stop", cloud, ids), deps([provider], 120_000, clock)),
          runPower(request("stop", cloud, ids), deps([provider], 120_000, clock)),
        ]);
        for (const report of [a, b]) {
          expect(report.totals.failed ?? 0).toBe(0);
          expect((report.totals.stopped ?? 0) + (report.totals["already-stopped"] ?? 0)).toBe(300);
        }
        expect(actionCallCount(provider)).toBeLessThanOrEqual(20);
        expect([...provider.instances.values()].every((i) => i.state === "stopped" || i.state === "stopping")).toBe(
          true,
        );
      },
    );

    it("someone else stops half the batch just before our call: the rest are stopped, nothing fails", async () => {
      const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 100, "running"));
      const ids = [...provider.instances.keys()];
      const original = provider.stop.bind(provider);
      let first = true;
      provider.stop = async (asked, options) => {
        if (first) {
          first = false;
          provider.actAsSomeoneElse("stop", ids.slice(0, 50));
        }
        return original(asked, options);
      };
      const report = await runPower(request("stop", "tencent", ids), deps([provider]));
      expect(report.totals.failed ?? 0).toBe(0);
      expect(report.totals.stopped).toBe(100);
      expect(provider.actionCalls().map((c) => c.instanceIds.length)).toEqual([100, 50]);
    });
  });

  describe("an operation in progress on one instance", () => {
    it.each(["OperationDenied.InstanceOperationInProgress", "MutexOperation.TaskRunning"])(
      "%s: the busy instance is looked at again, the others are stopped at once",
      async (code) => {
        const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 10, "running"));
        const ids = [...provider.instances.keys()];
        provider.failNext.push("", code);
        const report = await runPower(request("stop", "tencent", ids), deps([provider]));
        expect(byOutcome(report)).toEqual({ stopped: 10 });
        expect(actionCallCount(provider)).toBe(2);
      },
    );
  });

  describe("account-wide throttling", () => {
    it.each([
      "RequestLimitExceeded",
      "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
      "RequestLimitExceeded.IPLimitExceeded",
      "RequestLimitExceeded.UinLimitExceeded",
    ])("%s is retried with backoff until the call goes through", async (code) => {
      const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 300, "running"));
      const ids = [...provider.instances.keys()];
      provider.failNextAction.push(code, code, code);
      const report = await runPower(request("stop", "tencent", ids), deps([provider]));
      expect(byOutcome(report)).toEqual({ stopped: 300 });
      expect(actionCallCount(provider)).toBe(6);
    });

    it("an account-wide throttle in one region slows the pacing of every region of that cloud", async () => {
      const shanghai = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 200, "running"));
      const beijing = new FakeProvider("tencent", "ap-beijing", fleet("tencent", 200, "running", 1000));
      shanghai.failNextAction.push("RequestLimitExceeded.GlobalRegionUinLimitExceeded");
      const clock = new FakeClock();
      const req: PowerRequest = {
        action: "stop",
        targets: [
          { provider: "tencent", region: "ap-shanghai", instanceIds: [...shanghai.instances.keys()], tags: {} },
          { provider: "tencent", region: "ap-beijing", instanceIds: [...beijing.instances.keys()], tags: {} },
        ],
        options: DEFAULT_OPTIONS,
        scope: {},
      };
      const report = await runPower(req, deps([shanghai, beijing], 120_000, clock));
      expect(byOutcome(report)).toEqual({ stopped: 400 });
      // Beijing was never throttled, yet its second stop waited one extra slot (1000 / (10 × 0.9) ≈ 111 ms).
      expect(clock.sleeps.filter((ms) => ms > 150 && ms < 250).length).toBeGreaterThanOrEqual(1);
    });
  });

  describe("capacity", () => {
    it("a start refused for capacity is retried later in batches of 5; those that never get capacity fail", async () => {
      const provider = new FakeProvider("aws", "us-east-1", fleet("aws", 20, "stopped"));
      const ids = [...provider.instances.keys()];
      (provider.instances.get(ids[3] as string) as FakeInstance).capacityShortfall = Number.POSITIVE_INFINITY;
      (provider.instances.get(ids[12] as string) as FakeInstance).capacityShortfall = 1;
      const report = await runPower(request("start", "aws", ids), deps([provider]));
      expect(byOutcome(report)).toEqual({ started: 19, failed: 1 });
      expect(report.instances.find((r) => r.outcome === "failed")).toMatchObject({
        instanceId: ids[3],
        code: "InsufficientInstanceCapacity",
      });
      const sizes = provider.actionCalls().map((c) => c.instanceIds.length);
      expect(sizes[0]).toBe(20);
      expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(5);
    });
  });

  describe("global errors fail the whole call at once", () => {
    it.each<{ cloud: Cloud; code: string }>([
      { cloud: "tencent", code: "AuthFailure.SecretIdNotFound" },
      { cloud: "tencent", code: "AuthFailure.SignatureExpire" },
      { cloud: "aws", code: "UnauthorizedOperation" },
      { cloud: "aws", code: "AuthFailure" },
    ])("$cloud $code: one call, every instance failed with it", async ({ cloud, code }) => {
      const provider = new FakeProvider(cloud, REGION[cloud], fleet(cloud, 100, "running"));
      provider.failNext.push("", code);
      const report = await runPower(request("stop", cloud, [...provider.instances.keys()]), deps([provider]));
      expect(byOutcome(report)).toEqual({ failed: 100 });
      expect(new Set(codesOf(report, "failed"))).toEqual(new Set([code]));
      expect(actionCallCount(provider)).toBe(1);
    });
  });

  describe("an accepted operation that does not take", () => {
    it("Tencent LatestOperationState FAILED after an accepted stop ends failed with the cloud's message", async () => {
      const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 3, "running"));
      const ids = [...provider.instances.keys()];
      (provider.instances.get(ids[1] as string) as FakeInstance).operationFails = true;
      const report = await runPower(request("stop", "tencent", ids, { wait: true }), deps([provider]));
      expect(byOutcome(report)).toEqual({ stopped: 2, failed: 1 });
      expect(report.instances[1]).toMatchObject({ outcome: "failed", code: "ActionDidNotTake" });
      expect(report.instances[1]?.message).toContain("injected operation failure");
    });
  });

  describe("time running out", () => {
    it("a describe that fails while confirming is polled again, not reported as failure", async () => {
      const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 100, "running"));
      const ids = [...provider.instances.keys()];
      const original = provider.describeByIds.bind(provider);
      let n = 0;
      provider.describeByIds = async (asked) => {
        n++;
        if (n >= 2 && n <= 10) throw new (await import("../../src/errors.ts")).CloudApiError("InternalError", "boom");
        return original(asked);
      };
      const report = await runPower(request("stop", "tencent", ids, { wait: true }), deps([provider], 60_000));
      expect(byOutcome(report)).toEqual({ stopped: 100 });
      expect(report.instances.every((r) => r.after === "stopped")).toBe(true);
    });

    it("at the deadline, instances still waiting get one last look before NotConfirmed", async () => {
      const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 2, "running"));
      const ids = [...provider.instances.keys()];
      const slow = provider.instances.get(ids[0] as string) as FakeInstance;
      const report = await runPower(request("stop", "tencent", ids, { wait: true }), {
        ...deps([provider], 8_000),
        policy: { pollIntervalMs: 1_000 },
      });
      expect(slow.state === "stopped" || slow.state === "stopping").toBe(true);
      expect(byOutcome(report)).toEqual({ stopped: 2 });
      expect(report.budget).toEqual({ limitMs: 8_000, usedMs: expect.any(Number) });
      expect(report.budget?.usedMs).toBeLessThanOrEqual(8_000);
    });

    it("no request is sent when the time left cannot hold its answer; the run ends within its budget", async () => {
      const provider = new FakeProvider("tencent", "ap-shanghai", fleet("tencent", 3, "running"));
      const ids = [...provider.instances.keys()];
      const clock = new FakeClock();
      const original = provider.describeByIds.bind(provider);
      provider.describeByIds = async (asked) => {
        clock.advance(17_500); // a describe that answers very late
        return original(asked);
      };
      const startedAt = clock.now();
      const report = await runPower(request("stop", "tencent", ids), deps([provider], 20_000, clock));
      // 2.5 s are left, less than the 3 s kept for a final look and the report: the stop is not sent.
      expect(provider.actionCalls()).toHaveLength(0);
      expect(byOutcome(report)).toEqual({ failed: 3 });
      expect(new Set(codesOf(report, "failed"))).toEqual(new Set(["TimeBudgetExhausted"]));
      expect(clock.now() - startedAt).toBeLessThanOrEqual(20_000);
    });
  });
});
