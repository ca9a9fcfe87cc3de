import { describe, expect, it } from "vitest";
import { PACING_HEADROOM, PacedRateLimiter, RateLimiterRegistry } from "../../src/engine/rate-limiter.ts";
import { FakeClock } from "../support/fake-clock.ts";

describe("Class: PacedRateLimiter", () => {
  it("lets calls through one interval apart, at 90% of the allowed rate", async () => {
    const clock = new FakeClock();
    const limiter = new PacedRateLimiter(clock, 10);
    const start = clock.now();
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.acquire();
      times.push(clock.now() - start);
    }
    const interval = 1000 / (10 * PACING_HEADROOM);
    expect(times.map((t) => Math.round(t))).toEqual([0, 1, 2, 3].map((i) => Math.round(i * interval)));
  });

  it("gives up one slot after a throttle", async () => {
    const clock = new FakeClock();
    const limiter = new PacedRateLimiter(clock, 10);
    await limiter.acquire();
    limiter.yieldSlot();
    const before = clock.now();
    await limiter.acquire();
    expect(Math.round(clock.now() - before)).toBe(Math.round((2 * 1000) / 9));
  });
});

describe("Class: RateLimiterRegistry", () => {
  it("slows every region's limiter of one provider and action on an account-wide throttle, and no other", async () => {
    const clock = new FakeClock();
    const registry = new RateLimiterRegistry(clock);
    const shanghai = registry.for("tencent:ap-shanghai:StopInstances", 10);
    const beijing = registry.for("tencent:ap-beijing:StopInstances", 10);
    const describe = registry.for("tencent:ap-beijing:DescribeInstances", 40);
    const aws = registry.for("aws:us-east-1:StopInstances", 10);
    for (const limiter of [shanghai, beijing, describe, aws]) await limiter.acquire();
    registry.slowAccount("tencent", "StopInstances");
    const waits: Record<string, number> = {};
    for (const [name, limiter] of Object.entries({ beijing, describe, aws })) {
      const before = clock.now();
      await limiter.acquire();
      waits[name] = clock.now() - before;
    }
    expect(waits.beijing).toBeGreaterThan(200);
    expect(waits.describe).toBeLessThan(30);
    expect(waits.aws).toBeLessThan(120);
  });
});
