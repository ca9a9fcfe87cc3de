import { describe, expect, it } from "vitest";
import {
  DEFAULT_OPTIONS,
  type PowerAction,
  type PowerOptions,
  type PowerRequest,
  type ScopeGuard,
} from "../../src/domain/types.ts";
import { type EngineDeps, runPower } from "../../src/engine/run-power.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { fakeEngineDeps } from "../support/fake-engine.ts";
import { type FakeInstance, FakeProvider, fakeIds } from "../support/fake-provider.ts";

function running(ids: readonly string[], extra: Partial<FakeInstance> = {}): FakeInstance[] {
  return ids.map((instanceId) => ({ instanceId, state: "running", ...extra }));
}

function request(
  action: PowerAction,
  targets: { provider?: "tencent" | "aws"; region?: string; instanceIds?: string[]; tags?: Record<string, string> }[],
  options: Partial<PowerOptions> = {},
  scope: ScopeGuard = {},
): PowerRequest {
  return {
    action,
    targets: targets.map((t) => ({
      provider: t.provider ?? "tencent",
      region: t.region ?? "ap-shanghai",
      instanceIds: t.instanceIds ?? [],
      tags: t.tags ?? {},
    })),
    options: { ...DEFAULT_OPTIONS, ...options },
    scope,
  };
}

function engine(providers: FakeProvider[], budgetMs = 60_000, clock = new FakeClock()) {
  return fakeEngineDeps(providers, budgetMs, clock);
}

function outcomes(report: PowerReport): Record<string, string> {
  return Object.fromEntries(report.instances.map((r) => [r.instanceId, r.outcome]));
}

describe("Function: runPower", () => {
  describe("batching", () => {
    it.each([
      { count: 1, batches: [1] },
      { count: 100, batches: [100] },
      { count: 101, batches: [100, 1] },
      { count: 250, batches: [100, 100, 50] },
    ])("stops $count instances in batches of $batches", async ({ count, batches }) => {
      const ids = fakeIds("ins", count);
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
      const report = await runPower(request("stop", [{ instanceIds: ids }]), engine([cloud]));
      expect(cloud.actionCalls().map((c) => c.instanceIds.length)).toEqual(batches);
      expect(report.totals.stopped).toBe(count);
      expect(report.apiCalls).toEqual({ DescribeInstances: batches.length, StopInstances: batches.length });
    });

    it("never sends a call with more than maxIdsPerCall IDs, describe included", async () => {
      const ids = fakeIds("ins", 345);
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
      await runPower(request("stop", [{ instanceIds: ids }]), engine([cloud]));
      expect(Math.max(...cloud.calls.map((c) => c.instanceIds.length))).toBeLessThanOrEqual(100);
    });
  });

  describe("idempotency", () => {
    it("makes no start/stop call on a second run with the same input", async () => {
      const ids = fakeIds("i", 30);
      const cloud = new FakeProvider("aws", "us-east-1", running(ids));
      const req = request("stop", [{ provider: "aws", region: "us-east-1", instanceIds: ids }]);
      await runPower(req, engine([cloud]));
      const before = cloud.actionCalls().length;
      const second = await runPower(req, engine([cloud]));
      expect(cloud.actionCalls().length).toBe(before);
      expect(second.totals["already-stopped"]).toBe(30);
    });

    it("counts an instance already on its way to the target as done, with no call", async () => {
      const cloud = new FakeProvider("tencent", "ap-shanghai", [
        { instanceId: "ins-aaaaaaaa", state: "stopping", stuck: true },
      ]);
      const report = await runPower(request("stop", [{ instanceIds: ["ins-aaaaaaaa"] }]), engine([cloud]));
      expect(cloud.actionCalls()).toHaveLength(0);
      expect(report.instances[0]).toMatchObject({ outcome: "already-stopped", before: "stopping" });
    });
  });

  describe("isolating failures", () => {
    it.each(["omit", "error"] as const)(
      "reports an unknown ID as not-found and acts on the rest when describe answers %s",
      async (unknownIds) => {
        const ids = fakeIds("ins", 10);
        const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
        cloud.unknownIdsOnDescribe = unknownIds;
        const report = await runPower(request("stop", [{ instanceIds: [...ids, "ins-zzzzzzzz"] }]), engine([cloud]));
        expect(outcomes(report)["ins-zzzzzzzz"]).toBe("not-found");
        expect(report.totals.stopped).toBe(10);
        expect(cloud.actionCalls().flatMap((c) => c.instanceIds)).not.toContain("ins-zzzzzzzz");
      },
    );

    it("splits a batch refused because of one instance so that every other instance still gets its call", async () => {
      const ids = fakeIds("ins", 100);
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
      const odd = ids[37] as string;
      const oddOne = cloud.instances.get(odd) as FakeInstance;
      oddOne.refusesStopCharging = true;
      const report = await runPower(
        request("stop", [{ instanceIds: ids }], { releaseComputeWhileStopped: true }),
        engine([cloud]),
      );
      expect(report.totals.stopped).toBe(100);
      const fallback = report.instances.find((r) => r.instanceId === odd);
      expect(fallback?.notes).toEqual(["STOP_CHARGING refused by the cloud; stopped with KEEP_CHARGING instead"]);
      const keepCharging = cloud.actionCalls().filter((c) => c.options?.releaseComputeWhileStopped === false);
      expect(keepCharging.map((c) => c.instanceIds)).toEqual([[odd]]);
      // Halving finds one culprit among 100 in at most 2·log2(100) + 1 extra calls.
      expect(cloud.actionCalls().length).toBeLessThanOrEqual(1 + 2 * 7 + 1);
    });

    it("falls back to a plain stop when hibernation is not configured", async () => {
      const ids = fakeIds("i", 4);
      const cloud = new FakeProvider("aws", "us-east-1", running(ids));
      (cloud.instances.get(ids[0] as string) as FakeInstance).refusesHibernation = true;
      const report = await runPower(
        request("stop", [{ provider: "aws", region: "us-east-1", instanceIds: ids }], { hibernate: true }),
        engine([cloud]),
      );
      expect(report.totals.stopped).toBe(4);
      expect(report.instances[0]?.notes).toEqual(["hibernation not configured; stopped without hibernating"]);
    });

    it("notes on a dry run's would-stop row what would happen, not what happened", async () => {
      const ids = fakeIds("i", 2);
      const cloud = new FakeProvider("aws", "us-east-1", running(ids));
      cloud.supportsDryRun = true; // as EC2's DryRun: the stop call is sent with it
      (cloud.instances.get(ids[0] as string) as FakeInstance).refusesHibernation = true;
      const report = await runPower(
        request("stop", [{ provider: "aws", region: "us-east-1", instanceIds: ids }], {
          hibernate: true,
          dryRun: true,
        }),
        engine([cloud]),
      );
      expect(report.instances[0]?.outcome).toBe("would-stop");
      expect(report.instances[0]?.notes).toEqual(["hibernation not configured; would stop without hibernating"]);
    });
  });

  describe("retries", () => {
    it("retries throttling and server errors with backoff and counts every attempt", async () => {
      const ids = fakeIds("ins", 5);
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
      cloud.failNext.push("RequestLimitExceeded", "InternalError", "RequestTimeout");
      const deps = engine([cloud]);
      const report = await runPower(request("stop", [{ instanceIds: ids }]), deps);
      expect(report.totals.stopped).toBe(5);
      expect(report.apiCalls).toEqual({ DescribeInstances: 4, StopInstances: 1 });
      // A first throttle waits only for the next paced slot; then full-jitter backoff at random() = 0.5: 300, 600 ms.
      expect(deps.clock.sleeps.filter((ms) => ms >= 100)).toEqual([300, 600]);
    });

    it("backs off as usual when throttled twice in a row, and slows the pace by one slot per throttle", async () => {
      const ids = fakeIds("ins", 5);
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
      cloud.failNext.push("RequestLimitExceeded", "RequestLimitExceeded");
      const deps = engine([cloud]);
      const report = await runPower(request("stop", [{ instanceIds: ids }]), deps);
      expect(report.totals.stopped).toBe(5);
      expect(report.apiCalls).toEqual({ DescribeInstances: 3, StopInstances: 1 });
      // After the first throttle: the next slot (1000 / (40 × 0.95) ≈ 26.3 ms) plus the one slot given up; then a
      // 300 ms backoff after the second.
      expect(deps.clock.sleeps.filter((ms) => ms >= 20)).toEqual([expect.closeTo(52.6, 1), 300]);
    });

    it.each(["OperationDenied.InstanceOperationInProgress", "MutexOperation.TaskRunning", "NetworkError"])(
      "retries %s",
      async (code) => {
        const ids = fakeIds("ins", 2);
        const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
        cloud.failNext.push("", code); // describe passes, the first stop fails
        const report = await runPower(request("stop", [{ instanceIds: ids }]), engine([cloud]));
        expect(report.totals.stopped).toBe(2);
        expect(cloud.actionCalls()).toHaveLength(2);
      },
    );

    it("gives up when the time budget is spent and reports the last error code", async () => {
      const ids = fakeIds("ins", 3);
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
      cloud.failNext.push("", ...Array(50).fill("RequestLimitExceeded"));
      const deps = engine([cloud], 4_000);
      const startedAt = deps.clock.now();
      const report = await runPower(request("stop", [{ instanceIds: ids }]), deps);
      expect(report.totals.failed).toBe(3);
      expect(report.instances[0]?.code).toBe("RequestLimitExceeded");
      expect(deps.clock.now() - startedAt).toBeLessThanOrEqual(4_000);
    });

    it("does not retry a fatal error", async () => {
      const ids = fakeIds("ins", 3);
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(ids));
      cloud.failNext.push("", "AuthFailure.SignatureFailure");
      const report = await runPower(request("stop", [{ instanceIds: ids }]), engine([cloud]));
      expect(cloud.actionCalls()).toHaveLength(1);
      expect(report.instances.map((r) => r.code)).toEqual(Array(3).fill("AuthFailure.SignatureFailure"));
    });
  });

  describe("transitional states", () => {
    it("waits for a stopping instance to settle, then starts it", async () => {
      const cloud = new FakeProvider("tencent", "ap-shanghai", [{ instanceId: "ins-aaaaaaaa", state: "stopping" }]);
      const report = await runPower(request("start", [{ instanceIds: ["ins-aaaaaaaa"] }]), engine([cloud]));
      expect(report.instances[0]).toMatchObject({ outcome: "started", before: "stopping" });
      expect(cloud.actionCalls()).toHaveLength(1);
    });

    it("fails an instance stuck in a transitional state when the budget runs out, without blocking the others", async () => {
      const ids = fakeIds("ins", 3);
      const cloud = new FakeProvider("tencent", "ap-shanghai", [
        ...running(ids),
        { instanceId: "ins-stuck000", state: "starting", stuck: true },
      ]);
      const report = await runPower(
        request("stop", [{ instanceIds: [...ids, "ins-stuck000"] }]),
        engine([cloud], 10_000),
      );
      expect(outcomes(report)["ins-stuck000"]).toBe("failed");
      expect(report.instances.find((r) => r.instanceId === "ins-stuck000")?.code).toBe("StillTransitional");
      expect(report.totals.stopped).toBe(3);
    });
  });

  describe("safety", () => {
    it("refuses instances outside the allowed tag and never calls on them", async () => {
      const cloud = new FakeProvider("aws", "us-east-1", [
        { instanceId: "i-00000001", state: "running", tags: { env: "test" } },
        { instanceId: "i-00000002", state: "running", tags: { env: "prod" } },
      ]);
      const report = await runPower(
        request(
          "stop",
          [{ provider: "aws", region: "us-east-1", instanceIds: ["i-00000001", "i-00000002"] }],
          {},
          {
            allowedTag: { key: "env", value: "test" },
          },
        ),
        engine([cloud]),
      );
      expect(outcomes(report)).toEqual({ "i-00000001": "stopped", "i-00000002": "refused" });
      expect(cloud.actionCalls().flatMap((c) => c.instanceIds)).toEqual(["i-00000001"]);
    });

    it("applies the guard again on every describe: a tag removed while the instance settled stops the call", async () => {
      const cloud = new FakeProvider("tencent", "ap-shanghai", [
        { instanceId: "ins-aaaaaaaa", state: "starting", tags: { env: "test" } },
      ]);
      const original = cloud.describeByIds.bind(cloud);
      let n = 0;
      cloud.describeByIds = async (ids) => {
        if (++n === 2) (cloud.instances.get("ins-aaaaaaaa") as FakeInstance).tags = { env: "prod" };
        return original(ids);
      };
      const report = await runPower(
        request("stop", [{ instanceIds: ["ins-aaaaaaaa"] }], {}, { allowedTag: { key: "env", value: "test" } }),
        engine([cloud]),
      );
      expect(report.instances[0]).toMatchObject({ outcome: "refused", code: "OutOfScope" });
      expect(cloud.actionCalls()).toHaveLength(0);
    });

    it("refuses instances outside the allowed IDs", async () => {
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(["ins-aaaaaaaa", "ins-bbbbbbbb"]));
      const report = await runPower(
        request(
          "stop",
          [{ instanceIds: ["ins-aaaaaaaa", "ins-bbbbbbbb"] }],
          {},
          { allowedIds: new Set(["ins-aaaaaaaa"]) },
        ),
        engine([cloud]),
      );
      expect(outcomes(report)["ins-bbbbbbbb"]).toBe("refused");
    });

    it("acts only on tag-selected and named instances", async () => {
      const cloud = new FakeProvider("tencent", "ap-shanghai", [
        { instanceId: "ins-aaaaaaaa", state: "running", tags: { team: "web" } },
        { instanceId: "ins-bbbbbbbb", state: "running", tags: { team: "data" } },
        { instanceId: "ins-cccccccc", state: "running", tags: { team: "data" } },
      ]);
      await runPower(request("stop", [{ instanceIds: ["ins-cccccccc"], tags: { team: "web" } }]), engine([cloud]));
      expect(
        cloud
          .actionCalls()
          .flatMap((c) => c.instanceIds)
          .sort(),
      ).toEqual(["ins-aaaaaaaa", "ins-cccccccc"]);
      expect(cloud.instances.get("ins-bbbbbbbb")?.state).toBe("running");
    });
  });

  describe("dry run", () => {
    it("makes no action call where the cloud has no native dry run", async () => {
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(["ins-aaaaaaaa"]));
      const report = await runPower(
        request("stop", [{ instanceIds: ["ins-aaaaaaaa"] }], { dryRun: true }),
        engine([cloud]),
      );
      expect(cloud.actionCalls()).toHaveLength(0);
      expect(report.instances[0]).toMatchObject({ outcome: "would-stop", after: "running" });
    });

    it("uses the native dry run where there is one and changes nothing", async () => {
      const cloud = new FakeProvider("aws", "us-east-1", running(["i-00000001"]));
      cloud.supportsDryRun = true;
      const report = await runPower(
        request("stop", [{ provider: "aws", region: "us-east-1", instanceIds: ["i-00000001"] }], { dryRun: true }),
        engine([cloud]),
      );
      expect(cloud.actionCalls().map((c) => c.options?.dryRun)).toEqual([true]);
      expect(report.instances[0]?.outcome).toBe("would-stop");
      expect(cloud.instances.get("i-00000001")?.state).toBe("running");
    });
  });

  describe("wait", () => {
    it("confirms the final state before returning", async () => {
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(["ins-aaaaaaaa"]));
      const report = await runPower(
        request("stop", [{ instanceIds: ["ins-aaaaaaaa"] }], { wait: true }),
        engine([cloud]),
      );
      expect(report.instances[0]).toMatchObject({ outcome: "stopped", before: "running", after: "stopped" });
    });

    it("fails an instance that never reaches the target state within the budget", async () => {
      const cloud = new FakeProvider("tencent", "ap-shanghai", running(["ins-aaaaaaaa"]));
      const original = cloud.stop.bind(cloud);
      cloud.stop = async (ids, options) => {
        const answer = await original(ids, options);
        (cloud.instances.get("ins-aaaaaaaa") as FakeInstance).stuck = true;
        return answer;
      };
      const report = await runPower(
        request("stop", [{ instanceIds: ["ins-aaaaaaaa"] }], { wait: true }),
        engine([cloud], 8_000),
      );
      expect(report.instances[0]).toMatchObject({ outcome: "failed", code: "NotConfirmed" });
    });
  });

  it("runs regions in parallel and reports every instance of every target", async () => {
    const shanghai = new FakeProvider("tencent", "ap-shanghai", running(fakeIds("ins", 3)));
    const virginia = new FakeProvider("aws", "us-east-1", running(fakeIds("i", 2)));
    const report = await runPower(
      request("stop", [
        { instanceIds: fakeIds("ins", 3) },
        { provider: "aws", region: "us-east-1", instanceIds: fakeIds("i", 2) },
      ]),
      engine([shanghai, virginia]),
    );
    expect(report.totals).toEqual({ instances: 5, stopped: 5 });
    expect(new Set(report.instances.map((r) => r.region))).toEqual(new Set(["ap-shanghai", "us-east-1"]));
  });

  it("accounts for 250 good instances, one unknown and one stuck", async () => {
    const good = fakeIds("ins", 250);
    const cloud = new FakeProvider("tencent", "ap-shanghai", [
      ...running(good),
      { instanceId: "ins-stuck000", state: "pending", stuck: true },
    ]);
    const report = await runPower(
      request("stop", [{ instanceIds: [...good, "ins-unknown0", "ins-stuck000"] }]),
      engine([cloud], 15_000),
    );
    expect(report.totals).toEqual({ instances: 252, stopped: 250, "not-found": 1, failed: 1 });
  });
});
