/** What the platforms hand a function about its time. Lambda: getRemainingTimeInMillis(); SCF: time_limit_in_ms. */
export interface InvocationContext {
  getRemainingTimeInMillis?: () => number;
  time_limit_in_ms?: number;
  [key: string]: unknown;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The run's default budget when neither the platform nor POWER_TIME_BUDGET_SECONDS tells (the CLI, tests). */
export const DEFAULT_BUDGET_MS = 60_000;
/** Kept back for the report and the platform's own bookkeeping. */
const MARGIN_MS = 1_500;

/**
 * How long the engine may run: the platform's remaining time (Lambda), else the configured timeout (SCF), less a
 * margin; POWER_TIME_BUDGET_SECONDS caps it further.
 */
export function timeBudgetMs(context: InvocationContext | undefined, env: Env): number {
  const limits: number[] = [];
  if (typeof context?.getRemainingTimeInMillis === "function")
    limits.push(context.getRemainingTimeInMillis() - MARGIN_MS);
  else if (typeof context?.time_limit_in_ms === "number") limits.push(context.time_limit_in_ms - MARGIN_MS);
  const configured = Number(env.POWER_TIME_BUDGET_SECONDS);
  if (Number.isFinite(configured) && configured > 0) limits.push(configured * 1000);
  return limits.length === 0 ? DEFAULT_BUDGET_MS : Math.max(1_000, Math.min(...limits));
}
