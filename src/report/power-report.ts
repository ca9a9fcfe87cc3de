import type { PowerAction, ProviderName } from "../domain/index.ts";

export const OUTCOMES = [
  "started",
  "stopped",
  "already-running",
  "already-stopped",
  "would-start",
  "would-stop",
  "kept-running",
  "skipped-by-tag",
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
  /** Set on an enforce run's corrections: the instance was not in the state its schedule says. */
  readonly reason?: "drift";
  /** With `reason`: the scheduled transition (ISO 8601, UTC) at which the instance should have changed. */
  readonly dueAt?: string;
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
  /**
   * The stamps (powercron:last-action / last-error tags) that could not be written, one line per tagging action,
   * cloud, region and code; absent when every stamp was written. Never an outcome: the rows carry a note.
   */
  readonly stampFailures?: readonly string[];
  readonly instances: readonly InstanceResult[];
  /** The alerts sent after the run (src/runtime/notify-run.ts), one per channel tried; never a URL or a secret. */
  readonly notifications?: readonly { readonly channel: string; readonly ok: boolean; readonly error?: string }[];
  /**
   * Set when the fire ran in workers (a fan-out): how many, the ones retried once (why), and the ones that failed
   * twice (their partitions' instances are `failed` rows with code WorkerFailed).
   */
  readonly fanOut?: { readonly workers: number; readonly retried: readonly string[]; readonly lost: readonly string[] };
  /** Set when `instances` holds only some rows (a function's return value past its cap): how many were left out, why. */
  readonly omitted?: { readonly instances: number; readonly reason: string };
}

/** Everything in a report but its rows. */
export type ReportHead = Omit<PowerReport, "instances" | "omitted">;

/** A run's rows, built one at a time each time they are read (from the compact ledgers), never all kept at once. */
export interface ReportRows {
  readonly count: number;
  rows(): Iterable<InstanceResult>;
}

/** A run as the functions log it: the head, and the rows read as they are written out. */
export interface PowerRun {
  readonly head: ReportHead;
  readonly rows: ReportRows;
}

export const NO_ROWS: ReportRows = { count: 0, rows: () => [] };

/** The whole report, every row materialised (the CLI's --json, the tests). */
export function materialize(run: PowerRun): PowerReport {
  return { ...run.head, instances: [...run.rows.rows()] };
}
