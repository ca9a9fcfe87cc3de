import type { Clock } from "./clock.ts";

/**
 * Calls are sent at this share of the allowed rate: the network delays some requests more than others, which bunches
 * evenly sent calls together on arrival; 10% of headroom absorbs that jitter instead of being throttled.
 */
export const PACING_HEADROOM = 0.9;

/**
 * Paces calls evenly just under `callsPerSecond`: each acquire gets the next free slot. No bursts, so a client that
 * follows it never exceeds the API's rate whatever window the API measures in.
 */
export class PacedRateLimiter {
  /** When the last call was let through (ms), and the queue of callers waiting for their turn. */
  private lastSent = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();
  private readonly intervalMs: number;

  constructor(
    private readonly clock: Clock,
    callsPerSecond: number,
  ) {
    this.intervalMs = 1000 / (callsPerSecond * PACING_HEADROOM);
  }

  /** Gives up one slot: after a throttle, every caller's next call comes one interval later. */
  yieldSlot(): void {
    this.lastSent = Math.max(this.lastSent, this.clock.now()) + this.intervalMs;
  }

  /**
   * Resolves when this caller may send. Callers go one at a time, each at least one interval after the previous was
   * let through, measured when it really was: a timer that fires late (a busy event loop) delays the calls after it
   * rather than letting them catch up in a burst.
   */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = this.lastSent + this.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      this.lastSent = this.clock.now();
    });
    this.queue = turn;
    return turn;
  }
}

/** One limiter per provider, region and API action, shared by every target of a run. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, PacedRateLimiter>();

  constructor(private readonly clock: Clock) {}

  /** An account-wide throttle: every region's limiter of this provider and API action gives up one slot. */
  slowAccount(provider: string, apiAction: string): void {
    for (const [key, limiter] of this.limiters) {
      if (key.startsWith(`${provider}:`) && key.endsWith(`:${apiAction}`)) limiter.yieldSlot();
    }
  }

  for(key: string, callsPerSecond: number): PacedRateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new PacedRateLimiter(this.clock, callsPerSecond);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
