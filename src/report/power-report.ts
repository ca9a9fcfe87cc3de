import type { PowerAction, ProviderName } from "../domain/types.ts";

export const OUTCOMES = [
  "started",
  "stopped",
  "already-running",
  "already-stopped",
  "would-start",
  "would-stop",
  "kept-running",
  "refused",
  "not-found",
  "failed",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that make the run fail (the handler throws after everything else was processed): a refused instance means
 * the request named something outside the scope guard, which someone must look at. */
export const FAILING_OUTCOMES: ReadonlySet<Outcome> = new Set(["failed", "not-found", "refused"]);

export interface InstanceResult {
  readonly provider: ProviderName;
  readonly region: string;
  /** The config's account the instance was reached through (an assumed role); absent for the function's own. */
  readonly account?: string;
  readonly instanceId: string;
  /** State seen before acting (normalized word), or null when the instance was never seen. */
  readonly before: string | null;
  /** State after acting: confirmed with `wait`, else what the cloud last told us. */
  readonly after: string | null;
  readonly outcome: Outcome;
  readonly code?: string;
  readonly message?: string;
  /** Extra facts the options add, e.g. "STOP_CHARGING refused; stopped with KEEP_CHARGING". */
  readonly notes?: readonly string[];
}

export interface PowerReport {
  readonly action: PowerAction;
  readonly dryRun: boolean;
  /** Set when the whole run was skipped (schedule guard); no instance was touched. */
  readonly skipped?: { readonly reason: string };
  readonly startedAt: string;
  readonly durationMs: number;
  /** The time the run was allowed (the function's remaining time less a margin, or the CLI's --timeout) and used. */
  readonly budget?: { readonly limitMs: number; readonly usedMs: number };
  readonly totals: { readonly instances: number } & Partial<Record<Outcome, number>>;
  /** API calls made, by action name (DescribeInstances, StopInstances...), summed over providers and regions. */
  readonly apiCalls: Readonly<Record<string, number>>;
  readonly instances: readonly InstanceResult[];
}
