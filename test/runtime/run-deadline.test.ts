import { describe, expect, it } from "vitest";
import { RunDeadline } from "../../src/runtime/run-deadline.ts";
import { FakeClock } from "../support/fake-clock.ts";

describe("Class: RunDeadline (the invocation's end, read once from the platform's context)", () => {
  it.each([
    { what: "Lambda's remaining time", context: { getRemainingTimeInMillis: () => 60_000 }, env: {}, first: 58_500 },
    { what: "SCF's configured timeout", context: { time_limit_in_ms: 30_000 }, env: {}, first: 28_500 },
    {
      what: "POWER_TIME_BUDGET_SECONDS under the platform's",
      context: { time_limit_in_ms: 30_000 },
      env: { POWER_TIME_BUDGET_SECONDS: "10" },
      first: 10_000,
    },
  ])("gives each run what is left of $what", ({ context, env, first }) => {
    const clock = new FakeClock();
    const deadline = new RunDeadline(context, env, clock);
    expect(deadline.remainingMs()).toBe(first);
    clock.advance(4_000);
    expect(deadline.remainingMs()).toBe(first - 4_000);
  });

  it("reads the context once: a run after the first gets what the first left, not a fresh budget", () => {
    const clock = new FakeClock();
    let asked = 0;
    const context = {
      getRemainingTimeInMillis: () => {
        asked++;
        return 20_000;
      },
    };
    const deadline = new RunDeadline(context, {}, clock);
    deadline.start();
    clock.advance(5_000);
    expect(deadline.remainingMs()).toBe(13_500);
    expect(deadline.remainingMs()).toBe(13_500);
    expect(asked).toBe(1);
  });

  it("never gives a run less than a second, however little is left", () => {
    const clock = new FakeClock();
    const deadline = new RunDeadline({ getRemainingTimeInMillis: () => 3_000 }, {}, clock);
    deadline.start();
    clock.advance(10_000);
    expect(deadline.remainingMs()).toBe(1_000);
  });
});
