import type { PowerRequest } from "../domain/types.ts";
import type { ProviderFactory } from "../providers/compute-provider.ts";
import type { PowerReport } from "../report/power-report.ts";
import { countOutcomes } from "../report/summarize.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./call-with-retry.ts";
import type { Clock, Random } from "./clock.ts";
import { Deadline } from "./deadline.ts";
import { RateLimiterRegistry } from "./rate-limiter.ts";
import { TargetRun } from "./target-run.ts";

export interface EngineDeps {
  readonly providers: ProviderFactory;
  readonly clock: Clock;
  readonly random: Random;
  /** How long the run may take in all (the function's remaining time less a margin). */
  readonly budgetMs: number;
  readonly policy?: Partial<RetryPolicy>;
}

/** A short budget (a test, a tight timeout) keeps a proportionate reserve for the final look, not the full one. */
function scaledToBudget(policy: RetryPolicy, budgetMs: number): RetryPolicy {
  const reserveMs = Math.min(policy.reserveMs, Math.floor(budgetMs / 5));
  return {
    ...policy,
    reserveMs,
    reportMs: Math.min(policy.reportMs, Math.floor(reserveMs / 4)),
    minRequestMs: Math.min(policy.minRequestMs, Math.floor(reserveMs / 2)),
  };
}

/** Runs a validated request: every target (provider and region) in parallel, then one report. */
export async function runPower(request: PowerRequest, deps: EngineDeps): Promise<PowerReport> {
  const startedAt = deps.clock.now();
  const apiCalls: Record<string, number> = {};
  const context = {
    clock: deps.clock,
    random: deps.random,
    deadline: Deadline.after(deps.clock, deps.budgetMs),
    policy: scaledToBudget({ ...DEFAULT_RETRY_POLICY, ...deps.policy }, deps.budgetMs),
    countCall: (apiAction: string) => {
      apiCalls[apiAction] = (apiCalls[apiAction] ?? 0) + 1;
    },
  };
  const limiters = new RateLimiterRegistry(deps.clock);
  const ledgers = await Promise.all(
    request.targets.map((target) =>
      new TargetRun(
        deps.providers(target.provider, target.region, target.account),
        target,
        request,
        context,
        limiters,
      ).run(),
    ),
  );
  // Rows of another account's target name it (the engine itself never needs to know).
  const instances = ledgers.flatMap((ledger, index) => {
    const account = request.targets[index]?.account;
    const rows = ledger.results();
    return account === undefined ? rows : rows.map((row) => ({ ...row, account }));
  });
  const durationMs = deps.clock.now() - startedAt;
  return {
    action: request.action,
    dryRun: request.options.dryRun,
    startedAt: new Date(startedAt).toISOString(),
    durationMs,
    budget: { limitMs: deps.budgetMs, usedMs: durationMs },
    totals: countOutcomes(instances),
    apiCalls,
    instances,
  };
}
