import { type ClassifiedFailure, retriesAsIs } from "../domain/index.ts";
import { CloudApiError, TimeBudgetExhaustedError, TRANSPORT_CODES } from "../errors.ts";
import type { CallOptions } from "../providers/index.ts";
import type { Clock, Random } from "./clock.ts";
import type { Deadline } from "./deadline.ts";
import type { PacedRateLimiter } from "./rate-limiter.ts";

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** One request's timeout, unless the time left is shorter. */
  readonly requestTimeoutMs: number;
  /** Kept free at the end of the budget for one final describe and the report: ordinary calls stop short of it. */
  readonly reserveMs: number;
  /** Kept free for the report alone: the final describe may run into the reserve, not into this. */
  readonly reportMs: number;
  /** No request is sent with less time than this to answer. */
  readonly minRequestMs: number;
  /** Pause between looks at instances that are still moving (recheck and wait-and-confirm). */
  readonly pollIntervalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  requestTimeoutMs: 10_000,
  reserveMs: 3_000,
  reportMs: 500,
  minRequestMs: 500,
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

/** One kind of call: its name, whether repeating it is harmless, and how its provider reads its failures. */
export interface CallSpec {
  readonly apiAction: string;
  /** Reads may be repeated blindly after a lost answer; start/stop may not (the first may have been applied). */
  readonly idempotent: boolean;
  readonly classify: (error: CloudApiError) => ClassifiedFailure;
  /** Called on an account-wide throttle: every region of the account slows down, not only this one. */
  readonly onAccountThrottle?: () => void;
  /** The final look at the deadline may use the reserve kept for it. */
  readonly final?: boolean;
}

/** Normalizes anything thrown by an adapter into a CloudApiError. */
export function asCloudError(error: unknown, apiAction: string): CloudApiError {
  if (error instanceof CloudApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CloudApiError(TRANSPORT_CODES.network, message, { action: apiAction }, { cause: error });
}

/** How long the next request may wait for its answer: the policy's timeout, cut to what the budget still allows. */
function requestTimeout(spec: CallSpec, context: CallContext): number {
  const { policy, deadline } = context;
  const keep = spec.final ? policy.reportMs : policy.reserveMs;
  return Math.min(policy.requestTimeoutMs, deadline.remainingMs() - keep);
}

/**
 * Makes one API call, paced by the limiter, with a timeout that never runs past the budget. Failures after which the
 * same call may simply be repeated (throttling, a server that applied nothing; for reads also a lost answer) are
 * retried with backoff while the policy and the deadline allow. Anything else is thrown as a CloudApiError for the
 * caller to decide from evidence; TimeBudgetExhaustedError when no time was left to send the call at all.
 */
export async function callWithRetry<T>(
  spec: CallSpec,
  limiter: PacedRateLimiter,
  context: CallContext,
  call: (options: CallOptions) => Promise<T>,
): Promise<T> {
  const { policy, deadline, clock } = context;
  for (let attempt = 1; ; attempt++) {
    await limiter.acquire();
    const timeoutMs = requestTimeout(spec, context);
    if (timeoutMs < Math.min(policy.minRequestMs, policy.requestTimeoutMs)) {
      throw new TimeBudgetExhaustedError(spec.apiAction);
    }
    context.countCall(spec.apiAction);
    try {
      return await call({ signal: AbortSignal.timeout(Math.floor(timeoutMs)) });
    } catch (thrown) {
      const error = asCloudError(thrown, spec.apiAction);
      const failure = spec.classify(error);
      if (!retriesAsIs(failure.kind, spec.idempotent) || attempt >= policy.maxAttempts) throw error;
      // Throttled: the calls were a little early (arrivals bunch). Every caller of this action slows by one slot (of
      // every region, when the limit is the account's), and the first retry waits only for its next slot.
      const throttled = failure.kind === "throttle";
      if (throttled) {
        limiter.yieldSlot();
        if (failure.scope === "account") spec.onAccountThrottle?.();
      }
      const delay =
        throttled && attempt === 1 && failure.scope !== "account" ? 0 : backoffMs(attempt, policy, context.random);
      if (!deadline.allowsWait(delay, policy.reserveMs + policy.minRequestMs)) throw error;
      await clock.sleep(delay);
    }
  }
}
