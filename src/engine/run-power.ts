import type { PowerRequest, PowerTarget } from "../domain/index.ts";
import { CloudNotInBundleError } from "../errors.ts";
import type { ComputeProvider, ProviderFactory } from "../providers/index.ts";
import { countOutcomes, materialize, type PowerReport, type PowerRun } from "../report/index.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./call-with-retry.ts";
import type { Clock, Random } from "./clock.ts";
import { Deadline } from "./deadline.ts";
import { RateLimiterRegistry } from "./rate-limiter.ts";
import { stampScopeOf, writeStamps } from "./stamps.ts";
import { TargetRun } from "./target-run.ts";
import { unreachableTarget } from "./unreachable-target.ts";

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

/** The target's provider, or the error of a cloud this bundle does not carry (any other error is thrown). */
async function providerOrUnreachable(
  factory: ProviderFactory,
  target: PowerTarget,
): Promise<ComputeProvider | CloudNotInBundleError> {
  try {
    return await factory(target.provider, target.region, target.account);
  } catch (error) {
    if (error instanceof CloudNotInBundleError) return error;
    throw error;
  }
}

/** The targets' indices by stamp scope (cloud, account, region), in the order the scopes first appear. */
function groupedByStampScope(targets: readonly PowerTarget[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  targets.forEach((target, index) => {
    const key = stampScopeOf(target);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  return groups;
}

/** Runs a validated request: every target (provider and region) in parallel, then one report. */
export async function runPower(request: PowerRequest, deps: EngineDeps): Promise<PowerReport> {
  return materialize(await runPowerRows(request, deps));
}

/**
 * runPower, with the rows left in the targets' compact ledgers and built one at a time when they are read, so that a
 * function can log a large fleet without holding every row at once.
 */
export async function runPowerRows(request: PowerRequest, deps: EngineDeps): Promise<PowerRun> {
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
  const providers = await Promise.all(request.targets.map((target) => providerOrUnreachable(deps.providers, target)));
  // Missing credentials refuse the whole run before any call: nothing is sent, retried or counted.
  await Promise.all(
    providers.map((provider) => (provider instanceof Error ? undefined : provider.checkCredentials?.())),
  );
  const runs = request.targets.map((target, index) => {
    const provider = providers[index] as ComputeProvider | CloudNotInBundleError;
    // A cloud this bundle does not carry fails its own target only: the other targets run.
    if (provider instanceof Error) {
      return Promise.resolve(unreachableTarget(target, request.action, provider, CloudNotInBundleError.code));
    }
    return new TargetRun(provider, target, request, context, limiters).run();
  });
  // Each cloud, account and region is stamped once its own targets have ended (confirmed, with `wait`), not after
  // every other account's: one value serves the run, gathered per scope.
  const stampFailures = (
    await Promise.all(
      [...groupedByStampScope(request.targets).values()].map(async (indices) =>
        writeStamps(
          request,
          await Promise.all(
            indices.map(async (index) => ({
              provider: providers[index] as ComputeProvider,
              target: request.targets[index] as PowerTarget,
              ledger: await (runs[index] as (typeof runs)[number]),
            })),
          ),
          context,
          limiters,
          startedAt,
        ),
      ),
    )
  ).flat();
  const ledgers = await Promise.all(runs);
  // Rows of another account's target name it (the engine itself never needs to know).
  const rows = {
    count: ledgers.reduce((sum, ledger) => sum + ledger.size, 0),
    *rows() {
      for (const [index, ledger] of ledgers.entries()) {
        const account = request.targets[index]?.account;
        for (const row of ledger.rows()) yield account === undefined ? row : { ...row, account };
      }
    },
  };
  const durationMs = deps.clock.now() - startedAt;
  const head = {
    action: request.action,
    dryRun: request.options.dryRun,
    startedAt: new Date(startedAt).toISOString(),
    durationMs,
    budget: { limitMs: deps.budgetMs, usedMs: durationMs },
    totals: countOutcomes(rows.rows()),
    apiCalls,
    ...(stampFailures.length > 0 ? { stampFailures } : {}),
  };
  return { head, rows };
}
