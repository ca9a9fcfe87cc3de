import type { Clock } from "./clock.ts";

/**
 * Calls are sent at this share of the allowed rate: the network delays some requests more than others, which bunches
 * evenly sent calls together on arrival; 10% of headroom absorbs that jitter instead of meeting RequestLimitExceeded.
 */
export const PACING_HEADROOM = 0.9;

/**
 * Paces calls evenly just under `callsPerSecond`: each acquire gets the next free slot. No bursts, so a client that
 * follows it never exceeds the API's rate whatever window the API measures in.
 */
export class PacedRateLimiter {
  private nextSlot = 0;
  private readonly intervalMs: number;

  constructor(
    private readonly clock: Clock,
    callsPerSecond: number,
  ) {
    this.intervalMs = 1000 / (callsPerSecond * PACING_HEADROOM);
  }

  /** Gives up one slot: after a throttle, every caller's next call comes one interval later. */
  yieldSlot(): void {
    this.nextSlot = Math.max(this.nextSlot, this.clock.now()) + this.intervalMs;
  }

  async acquire(): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.clock.sleep(slot - now);
  }
}

/** One limiter per provider, region and API action, shared by every target of a run. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, PacedRateLimiter>();

  constructor(private readonly clock: Clock) {}

  for(key: string, callsPerSecond: number): PacedRateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new PacedRateLimiter(this.clock, callsPerSecond);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
