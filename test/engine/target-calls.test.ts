import { describe, expect, it } from "vitest";
import type { LimiterScope } from "../../src/engine/rate-limiter.ts";
import { CloudApiError } from "../../src/errors.ts";
import { OPTIONS, targetParts } from "./target-parts.ts";

describe("TargetCalls: one target's calls to its provider, paced and retried", () => {
  it.each([
    { action: "stop" as const, call: "stop" },
    { action: "start" as const, call: "start" },
  ])("sends the run's action ($action) as one call for the instances named", async ({ action, call }) => {
    const from = action === "stop" ? "running" : "stopped";
    const { calls, provider, apiCalls } = targetParts({
      action,
      fleet: [
        { instanceId: "a", state: from },
        { instanceId: "b", state: from },
      ],
    });
    await calls.act(["a", "b"], OPTIONS);
    expect(provider.actionCalls().map((c) => [c.action, c.instanceIds])).toEqual([[call, ["a", "b"]]]);
    expect(apiCalls).toEqual({ [action === "stop" ? "StopInstances" : "StartInstances"]: 1 });
  });

  it("repeats a describe whose answer was lost, and counts every attempt", async () => {
    const { calls, provider, apiCalls } = targetParts({ fleet: [{ instanceId: "a", state: "running" }] });
    provider.failNext.push("RequestTimeout");
    const views = await calls.describe(() => provider.describeByIds(["a"]));
    expect(views.map((v) => v.instanceId)).toEqual(["a"]);
    expect(apiCalls).toEqual({ DescribeInstances: 2 });
  });

  it("never repeats a start/stop whose answer was lost: the first may have been applied", async () => {
    const { calls, provider } = targetParts({ fleet: [{ instanceId: "a", state: "running" }] });
    provider.loseAnswers = 1;
    await expect(calls.act(["a"], OPTIONS)).rejects.toMatchObject({ code: "RequestTimeout" });
    expect(provider.actionCalls()).toHaveLength(1);
  });

  it("retries a throttled start/stop: nothing was applied", async () => {
    const { calls, provider, apiCalls } = targetParts({ fleet: [{ instanceId: "a", state: "running" }] });
    provider.failNextAction.push("RequestLimitExceeded");
    await calls.act(["a"], OPTIONS);
    expect(apiCalls).toEqual({ StopInstances: 2 });
  });

  it("paces another account's target apart from the function's own (its own limiter key)", async () => {
    const own = targetParts();
    const other = targetParts({ account: "prod" });
    const used: LimiterScope[] = [];
    for (const parts of [own, other]) {
      const limiters = parts.limiters;
      const original = limiters.for.bind(limiters);
      limiters.for = (scope, perSecond) => {
        used.push(scope);
        return original(scope, perSecond);
      };
      await parts.calls.describe(async () => []);
    }
    expect(used).toEqual([
      { provider: "tencent", account: undefined, region: "ap-shanghai", apiAction: "DescribeInstances" },
      { provider: "tencent", account: "prod", region: "ap-shanghai", apiAction: "DescribeInstances" },
    ]);
  });

  it("reads a failure with the provider's classification (a refused instance is not retried)", async () => {
    const { calls, provider } = targetParts({
      cloud: "aws",
      fleet: [{ instanceId: "i-1", state: "running", refuses: { stop: "UnsupportedOperation" } }],
    });
    const failed = await calls.act(["i-1"], OPTIONS).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(CloudApiError);
    expect(provider.actionCalls()).toHaveLength(1);
  });
});
