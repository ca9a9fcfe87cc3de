import { describe, expect, it } from "vitest";
import type { ClassifiedFailure } from "../../src/domain/index.ts";
import { type CallSpec, callWithRetry, DEFAULT_RETRY_POLICY } from "../../src/engine/call-with-retry.ts";
import { Deadline } from "../../src/engine/deadline.ts";
import { PacedRateLimiter } from "../../src/engine/rate-limiter.ts";
import { CloudApiError, TimeBudgetExhaustedError } from "../../src/errors.ts";
import { classifyTencentFailure } from "../../src/providers/tencent/tencent-failures.ts";
import { FakeClock } from "../support/fake-clock.ts";

function context(budgetMs = 60_000) {
  const clock = new FakeClock();
  const counted: string[] = [];
  return {
    clock,
    counted,
    ctx: {
      clock,
      random: () => 0.5,
      deadline: Deadline.after(clock, budgetMs),
      policy: DEFAULT_RETRY_POLICY,
      countCall: (action: string) => counted.push(action),
    },
  };
}

const spec = (idempotent: boolean, extra: Partial<CallSpec> = {}): CallSpec => ({
  apiAction: idempotent ? "DescribeInstances" : "StopInstances",
  idempotent,
  classify: (error) => classifyTencentFailure(error.code) as ClassifiedFailure,
  ...extra,
});

/** A call that fails with these codes, then succeeds. */
function failing(codes: string[]) {
  let n = 0;
  return async () => {
    const code = codes[n++];
    if (code) throw new CloudApiError(code, `injected ${code}`, { action: "x" });
    return "ok";
  };
}

describe("Function: callWithRetry", () => {
  it.each<{ codes: string[]; idempotent: boolean; attempts: number; result: "ok" | string }>([
    { codes: ["RequestLimitExceeded"], idempotent: false, attempts: 2, result: "ok" },
    { codes: ["RequestLimitExceeded.GlobalRegionUinLimitExceeded"], idempotent: false, attempts: 2, result: "ok" },
    { codes: ["ServiceUnavailable"], idempotent: false, attempts: 2, result: "ok" },
    { codes: ["RequestTimeout"], idempotent: true, attempts: 2, result: "ok" },
    { codes: ["RequestTimeout"], idempotent: false, attempts: 1, result: "RequestTimeout" },
    { codes: ["InternalServerError"], idempotent: false, attempts: 1, result: "InternalServerError" },
    {
      codes: ["UnsupportedOperation.InstanceStateStopped"],
      idempotent: false,
      attempts: 1,
      result: "UnsupportedOperation.InstanceStateStopped",
    },
    { codes: ["AuthFailure.SignatureFailure"], idempotent: true, attempts: 1, result: "AuthFailure.SignatureFailure" },
  ])(
    "$codes (idempotent $idempotent): $attempts attempt(s), then $result",
    async ({ codes, idempotent, attempts, result }) => {
      const { ctx, counted } = context();
      const limiter = new PacedRateLimiter(ctx.clock, 10);
      const outcome = await callWithRetry(spec(idempotent), limiter, ctx, failing(codes)).then(
        (value) => value,
        (error: CloudApiError) => error.code,
      );
      expect(outcome).toBe(result);
      expect(counted).toHaveLength(attempts);
    },
  );

  it("an account-wide throttle slows the other regions too", async () => {
    const { ctx } = context();
    let slowed = 0;
    const limiter = new PacedRateLimiter(ctx.clock, 10);
    await callWithRetry(
      spec(false, { onAccountThrottle: () => slowed++ }),
      limiter,
      ctx,
      failing(["RequestLimitExceeded.GlobalRegionUinLimitExceeded", "RequestLimitExceeded"]),
    );
    expect(slowed).toBe(1);
  });

  it("sends nothing when the time left cannot hold a request, and says so", async () => {
    const { ctx, counted } = context(3_200);
    const limiter = new PacedRateLimiter(ctx.clock, 10);
    await expect(callWithRetry(spec(false), limiter, ctx, failing([]))).rejects.toBeInstanceOf(
      TimeBudgetExhaustedError,
    );
    expect(counted).toEqual([]);
  });

  it("cuts each request's timeout to what the budget allows, less the reserve", async () => {
    const { ctx } = context(8_000);
    const limiter = new PacedRateLimiter(ctx.clock, 10);
    let seen: AbortSignal | undefined;
    await callWithRetry(spec(true), limiter, ctx, async (call) => {
      seen = call.signal;
      return "ok";
    });
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen?.aborted).toBe(false);
  });
});
