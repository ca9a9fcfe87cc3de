import { errorKind } from "../domain/error-policy.ts";
import { CloudApiError, TRANSPORT_CODES } from "../errors.ts";
import type { Clock, Random } from "./clock.ts";
import type { Deadline } from "./deadline.ts";
import type { PacedRateLimiter } from "./rate-limiter.ts";

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Time kept free at the end of the budget for one more call and the report. */
  readonly callAllowanceMs: number;
  /** Pause between looks at instances that are still moving (recheck and wait-and-confirm). */
  readonly pollIntervalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  callAllowanceMs: 1_000,
  pollIntervalMs: 2_000,
};

/** Exponential backoff with full jitter: attempt 1 waits up to base, attempt 2 up to 2×base, ... capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: Random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export interface CallContext {
  readonly clock: Clock;
  readonly random: Random;
  readonly deadline: Deadline;
  readonly policy: RetryPolicy;
  /** Counts every attempt that reached the wire, by API action name. */
  readonly countCall: (apiAction: string) => void;
}

const THROTTLED = "RequestLimitExceeded";

/** Normalizes anything thrown by an adapter into a CloudApiError. */
export function asCloudError(error: unknown, apiAction: string): CloudApiError {
  if (error instanceof CloudApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CloudApiError(TRANSPORT_CODES.network, message, { action: apiAction }, { cause: error });
}

/**
 * Makes one API call, paced by the limiter, retrying transient failures with backoff until the policy or the deadline
 * says stop. Isolate and fatal errors are thrown at once for the caller to handle.
 */
export async function callWithRetry<T>(
  apiAction: string,
  limiter: PacedRateLimiter,
  context: CallContext,
  call: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await limiter.acquire();
    context.countCall(apiAction);
    try {
      return await call();
    } catch (thrown) {
      const error = asCloudError(thrown, apiAction);
      if (errorKind(error.code) !== "retry" || attempt >= context.policy.maxAttempts) throw error;
      // Throttled: the calls were a little early (arrivals bunch). Every caller of this action slows by one slot, and
      // the first retry waits only for its next slot; a second throttle backs off as usual.
      const throttled = error.code === THROTTLED;
      if (throttled) limiter.yieldSlot();
      const delay = throttled && attempt === 1 ? 0 : backoffMs(attempt, context.policy, context.random);
      if (!context.deadline.allowsWait(delay, context.policy.callAllowanceMs)) throw error;
      await context.clock.sleep(delay);
    }
  }
}
