import { type Environment, timeBudgetCapMs } from "../settings/index.ts";

/** What the platforms hand a function about its time. Lambda: getRemainingTimeInMillis(); SCF: time_limit_in_ms. */
export interface InvocationContext {
  getRemainingTimeInMillis?: () => number;
  time_limit_in_ms?: number;
  [key: string]: unknown;
}

/**
 * The run's budget when neither the platform nor POWER_TIME_BUDGET_SECONDS tells (the CLI without --timeout): the
 * longest timeout either platform allows a function (SCF and Lambda: 900 s), so that a run on this machine is never
 * cut shorter than the deployed function would be.
 */
export const DEFAULT_BUDGET_MS = 900_000;
/** Kept back for the report and the platform's own bookkeeping. */
export const BUDGET_MARGIN_MS = 1_500;

/**
 * How long the engine may run: the platform's remaining time (Lambda), else the configured timeout (SCF), less a
 * margin; POWER_TIME_BUDGET_SECONDS caps it further (a bad value is an input error naming it).
 */
export function timeBudgetMs(context: InvocationContext | undefined, env: Environment): number {
  const limits: number[] = [];
  if (typeof context?.getRemainingTimeInMillis === "function")
    limits.push(context.getRemainingTimeInMillis() - BUDGET_MARGIN_MS);
  else if (typeof context?.time_limit_in_ms === "number") limits.push(context.time_limit_in_ms - BUDGET_MARGIN_MS);
  const configured = timeBudgetCapMs(env);
  if (configured !== undefined) limits.push(configured);
  return limits.length === 0 ? DEFAULT_BUDGET_MS : Math.max(1_000, Math.min(...limits));
}
