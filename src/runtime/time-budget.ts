import { type Environment, timeBudgetCapMs } from "../settings/index.ts";

/**
 * What the runtime reads of an invocation's context: the time left (or, from the CLI's --timeout, the whole
 * timeout) and the request ID. Each platform's entry turns its own context into this form (a ContextReader, in
 * src/platforms/<platform>/); a context passed as it is must be in this form already.
 */
export interface InvocationContext {
  getRemainingTimeInMillis?: () => number;
  time_limit_in_ms?: number;
  requestId?: string;
  [key: string]: unknown;
}

/** A platform's context object → the runtime's InvocationContext (undefined when there is none). */
export type ContextReader = (context: unknown) => InvocationContext | undefined;

/** The time the invocation has left, `elapsedMs` after it began: the time left, else the whole timeout less that. */
export function remainingMsOf(context: InvocationContext | undefined, elapsedMs: number): number | undefined {
  if (typeof context?.getRemainingTimeInMillis === "function") return context.getRemainingTimeInMillis();
  if (typeof context?.time_limit_in_ms === "number") return context.time_limit_in_ms - elapsedMs;
  return undefined;
}

/** The invocation's request ID, as the platform's context reader found it. */
export function requestIdOf(context: InvocationContext | undefined): string | undefined {
  const id = context?.requestId;
  return typeof id === "string" && id !== "" ? id : undefined;
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
