import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGET_MS, timeBudgetMs } from "../../src/runtime/time-budget.ts";

describe("Function: timeBudgetMs", () => {
  it.each<{ desc: string; context?: Parameters<typeof timeBudgetMs>[0]; env: Record<string, string>; ms: number }>([
    { desc: "no platform and no setting (the CLI): 900 s", env: {}, ms: DEFAULT_BUDGET_MS },
    {
      desc: "Lambda: the remaining time less 1.5 s",
      context: { getRemainingTimeInMillis: () => 300_000 },
      env: {},
      ms: 298_500,
    },
    { desc: "SCF: the timeout less 1.5 s", context: { time_limit_in_ms: 300_000 }, env: {}, ms: 298_500 },
    { desc: "the CLI's --timeout 120", context: { time_limit_in_ms: 120_000 }, env: {}, ms: 118_500 },
    {
      desc: "POWER_TIME_BUDGET_SECONDS caps it",
      context: { time_limit_in_ms: 300_000 },
      env: { POWER_TIME_BUDGET_SECONDS: "20" },
      ms: 20_000,
    },
    { desc: "never below 1 s", context: { time_limit_in_ms: 1_000 }, env: {}, ms: 1_000 },
  ])("$desc", ({ context, env, ms }) => {
    expect(timeBudgetMs(context, env)).toBe(ms);
  });

  it("refuses a bad POWER_TIME_BUDGET_SECONDS naming it and its value", () => {
    expect(() => timeBudgetMs(undefined, { POWER_TIME_BUDGET_SECONDS: "ten" })).toThrow(
      /POWER_TIME_BUDGET_SECONDS: "ten"/,
    );
  });
});
