import type { Clock } from "./clock.ts";

/**
 * Calls are paced on average at this share of the allowed rate: the network delays some requests more than others,
 * which bunches evenly sent calls together on arrival; the headroom absorbs that jitter instead of being throttled.
 */
export const PACING_HEADROOM = 0.95;

/** At most this much time lost to late timers is made up: calls sent late catch up with their planned slots. */
export const MAX_CATCH_UP_MS = 300;

/** While catching up, two calls are still never closer than this share of the published rate's interval. */
export const CATCH_UP_SPACING = 0.5;

/**
 * Paces calls just under `callsPerSecond`, on a grid of planned slots one paced interval apart. A timer that fires
 * late (a busy event loop: parsing a page of 1,000 EC2 instances takes tens of milliseconds) does not push every later
 * slot back: the calls after it catch up with the grid, by at most MAX_CATCH_UP_MS, never closer than half the
 * published interval, so the average never exceeds the paced rate. Measured at 2 × 50,000 EC2 (the function using a
 * third of a core): stop calls went out every 116 ms without catching up, every 105.5 ms with it (9.5 a second).
 *
 * A token bucket (EC2's, documented) has room for such a late pair; a cloud that counts calls per second strictly
 * (Tencent's "10 requests/s" does not say which) may throttle one: the first throttle gives up a slot and ends the
 * catching up for this limiter, which from then on keeps at least the published interval between two calls.
 */
export class PacedRateLimiter {
  /** When the last call was let through (ms), the next slot on the grid, and the queue of waiting callers. */
  private lastSent = Number.NEGATIVE_INFINITY;
  private nextSlot = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();
  private readonly intervalMs: number;
  private readonly publishedIntervalMs: number;
  /** The least time between two calls: half the published interval while catching up is allowed. */
  private spacingMs: number;

  constructor(
    private readonly clock: Clock,
    callsPerSecond: number,
    /** false: calls never closer than the published interval (calls sent one at a time have nothing to catch up). */
    catchUp = true,
  ) {
    this.intervalMs = 1000 / (callsPerSecond * PACING_HEADROOM);
    this.publishedIntervalMs = 1000 / callsPerSecond;
    this.spacingMs = this.publishedIntervalMs * (catchUp ? CATCH_UP_SPACING : 1);
  }

  /**
   * Gives up one slot after a throttle: every caller's next call comes one interval later than planned, and calls
   * are never again closer than the published interval.
   */
  yieldSlot(): void {
    this.nextSlot = Math.max(this.nextSlot, this.clock.now()) + this.intervalMs;
    this.spacingMs = this.publishedIntervalMs;
  }

  /** Resolves when this caller may send: callers go one at a time, each in the next free slot. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      // The grid starts with the first call: nothing before it was lost.
      const planned = this.nextSlot === Number.NEGATIVE_INFINITY ? this.clock.now() : this.nextSlot;
      const slot = Math.max(planned, this.lastSent + this.spacingMs);
      const wait = slot - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      const sent = this.clock.now();
      this.lastSent = sent;
      // The grid moves on from the slot this call had, or from a little before now when that is long past.
      this.nextSlot = Math.max(planned, sent - MAX_CATCH_UP_MS) + this.intervalMs;
    });
    this.queue = turn;
    return turn;
  }
}

/** What one limiter paces: one API action of one provider, in one region of one account (undefined = the function's own). */
export interface LimiterScope {
  readonly provider: string;
  readonly account: string | undefined;
  readonly region: string;
  readonly apiAction: string;
}

/**
 * One limiter per provider, account, region and API action, shared by every target of a run. Accounts have their
 * own limits: one account's pacing or throttling never delays another's.
 */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, { readonly scope: LimiterScope; readonly limiter: PacedRateLimiter }>();

  constructor(private readonly clock: Clock) {}

  /** An account-wide throttle: every region's limiter of this provider, account and API action gives up one slot. */
  slowAccount(scope: Omit<LimiterScope, "region">): void {
    for (const { scope: each, limiter } of this.limiters.values()) {
      if (each.provider === scope.provider && each.account === scope.account && each.apiAction === scope.apiAction) {
        limiter.yieldSlot();
      }
    }
  }

  for(scope: LimiterScope, callsPerSecond: number, catchUp = true): PacedRateLimiter {
    const key = JSON.stringify([scope.provider, scope.account ?? null, scope.region, scope.apiAction]);
    let entry = this.limiters.get(key);
    if (!entry) {
      entry = { scope, limiter: new PacedRateLimiter(this.clock, callsPerSecond, catchUp) };
      this.limiters.set(key, entry);
    }
    return entry.limiter;
  }
}
