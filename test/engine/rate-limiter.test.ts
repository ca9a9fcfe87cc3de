import { describe, expect, it } from "vitest";
import {
  CATCH_UP_SPACING,
  MAX_CATCH_UP_MS,
  PACING_HEADROOM,
  PacedRateLimiter,
  RateLimiterRegistry,
} from "../../src/engine/rate-limiter.ts";
import { FakeClock } from "../support/fake-clock.ts";

/** At 10 calls a second: the paced interval (95% of the rate) and the published one. */
const PACED = 1000 / (10 * PACING_HEADROOM);
const PUBLISHED = 100;

/** Acquires `count` times; before each acquire, `lateBy(i)` ms pass as if the event loop had been busy. */
async function sendTimes(limiter: PacedRateLimiter, clock: FakeClock, count: number, lateBy = (_i: number) => 0) {
  const start = clock.now();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    clock.advance(lateBy(i));
    await limiter.acquire();
    times.push(Math.round((clock.now() - start) * 10) / 10);
  }
  return times;
}

describe("Class: PacedRateLimiter", () => {
  it("lets calls through one paced interval apart, at 95% of the allowed rate", async () => {
    const clock = new FakeClock();
    const times = await sendTimes(new PacedRateLimiter(clock, 10), clock, 4);
    expect(times).toEqual([0, 1, 2, 3].map((i) => Math.round(i * PACED * 10) / 10));
  });

  it("lets the calls after a late one catch up with their planned slots, never closer than half the published interval", async () => {
    const clock = new FakeClock();
    // The third call finds the loop busy: it goes 150 ms after its slot.
    const times = await sendTimes(new PacedRateLimiter(clock, 10), clock, 8, (i) => (i === 2 ? PACED + 150 : 0));
    const gaps = times.slice(1).map((t, i) => Math.round((t - (times[i] as number)) * 10) / 10);
    expect(times[2]).toBeCloseTo(2 * PACED + 150, 1);
    // 150 ms made up at 55 ms a call (half the published interval instead of the paced one)...
    expect(gaps.slice(2, 4)).toEqual([PUBLISHED * CATCH_UP_SPACING, PUBLISHED * CATCH_UP_SPACING]);
    // ...then back on the planned grid: the eighth call goes at its own slot, 7 paced intervals after the first.
    expect(times[7]).toBeCloseTo(7 * PACED, 1);
    expect(times[6]).toBeCloseTo(6 * PACED, 1);
  });

  it(`makes up at most ${MAX_CATCH_UP_MS} ms of lost time`, async () => {
    const clock = new FakeClock();
    const limiter = new PacedRateLimiter(clock, 10);
    // A 2-second stall before the second call: the calls after it catch up 300 ms, then keep the paced interval.
    const times = await sendTimes(limiter, clock, 12, (i) => (i === 1 ? 2000 : 0));
    const caughtUp = (times[11] as number) - (times[1] as number);
    expect(caughtUp).toBeCloseTo(10 * PACED - MAX_CATCH_UP_MS, 0);
  });

  it("gives up one slot after a throttle, and from then on never sends closer than the published interval", async () => {
    const clock = new FakeClock();
    const limiter = new PacedRateLimiter(clock, 10);
    await limiter.acquire();
    limiter.yieldSlot();
    const before = clock.now();
    await limiter.acquire();
    expect(clock.now() - before).toBeCloseTo(2 * PACED, 1);
    // Late again: no more catching up below the published spacing.
    clock.advance(PACED + 150);
    const times = await sendTimes(limiter, clock, 4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PUBLISHED - 0.1);
  });
});

describe("Class: RateLimiterRegistry", () => {
  const scope = (provider: string, region: string, apiAction: string, account?: string) => ({
    provider,
    region,
    apiAction,
    account,
  });

  it("slows every region's limiter of one provider, account and action on an account-wide throttle, and no other", async () => {
    const clock = new FakeClock();
    const registry = new RateLimiterRegistry(clock);
    const shanghai = registry.for(scope("tencent", "ap-shanghai", "StopInstances"), 10);
    const beijing = registry.for(scope("tencent", "ap-beijing", "StopInstances"), 10);
    const describe = registry.for(scope("tencent", "ap-beijing", "DescribeInstances"), 40);
    const otherAccount = registry.for(scope("tencent", "ap-beijing", "StopInstances", "team-b"), 10);
    const aws = registry.for(scope("aws", "us-east-1", "StopInstances"), 10);
    for (const limiter of [shanghai, beijing, describe, otherAccount, aws]) await limiter.acquire();
    registry.slowAccount({ provider: "tencent", account: undefined, apiAction: "StopInstances" });
    const waits: Record<string, number> = {};
    for (const [name, limiter] of Object.entries({ beijing, describe, otherAccount, aws })) {
      const before = clock.now();
      await limiter.acquire();
      waits[name] = clock.now() - before;
    }
    expect(waits.beijing).toBeGreaterThan(200);
    expect(waits.describe).toBeLessThan(30);
    // Another account of the same cloud has its own limits: the throttle of ours costs it nothing extra.
    expect(waits.otherAccount).toBeLessThan(120);
    expect(waits.aws).toBeLessThan(120);
  });

  it("gives each account its own limiter for the same region and action", () => {
    const registry = new RateLimiterRegistry(new FakeClock());
    const own = registry.for(scope("aws", "us-east-1", "StopInstances"), 10);
    expect(registry.for(scope("aws", "us-east-1", "StopInstances"), 10)).toBe(own);
    expect(registry.for(scope("aws", "us-east-1", "StopInstances", "team-a"), 10)).not.toBe(own);
  });
});
