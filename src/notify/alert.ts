/**
 * What an alert says, decided from a run's report or from the error that ended it: pure, no I/O. One alert per run,
 * never one per instance (a WeCom robot takes about 20 messages a minute).
 */
import type { PowerAction, ProviderName } from "../domain/index.ts";
import { ScheduleMisfireError } from "../errors.ts";
import { FAILING_OUTCOMES, type InstanceResult, OUTCOMES, type PowerReport } from "../report/index.ts";

/** How long all the alerts of one run may take together. */
export const ALERT_BUDGET_MS = 3_000;

export const ALERT_KINDS = ["failure", "misfire", "drift", "success"] as const;
/** `failure`: an instance failed, was not found or was refused, or the run itself failed; `misfire`: a fire that
 * matches no scheduled time (ScheduleMisfireError); `drift`: an enforce run corrected instances that were not in the
 * state the schedule says (and nothing failed); `success`: a clean run (a short summary). */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What the handler knows about the run besides its report: the event's trigger, the groups it resolved, the platform's
 * request ID. */
export interface RunFacts {
  readonly action: PowerAction;
  readonly groups: readonly string[];
  readonly trigger?: string;
  readonly firedAt?: string;
  readonly requestId?: string;
  /** The cloud of the run's group or instances: picks the message's default language. */
  readonly provider?: ProviderName;
}

export interface AlertFailure {
  readonly instanceId: string;
  readonly outcome: string;
  readonly code?: string;
  /** A drift correction: when the instance should have changed (ISO 8601, UTC). */
  readonly dueAt?: string;
}

export interface Alert extends RunFacts {
  readonly kind: AlertKind;
  readonly dryRun: boolean;
  /** Instances by outcome, in the report's outcome order; `instances` is the whole count. */
  readonly counts: readonly (readonly [outcome: string, count: number])[];
  readonly instances: number;
  /** Every failing instance (the message lists the first 20); for a drift alert, every corrected one. */
  readonly failures: readonly AlertFailure[];
  readonly durationMs: number;
  /** The misfire's or the run's error message, secrets already masked. */
  readonly error?: string;
  /** A test message (`powercron notify test`): says only that alerts reach the channel. */
  readonly test?: boolean;
}

function failureOfResult(result: InstanceResult): AlertFailure {
  return {
    instanceId: result.instanceId,
    outcome: result.outcome,
    ...(result.code === undefined ? {} : { code: result.code }),
  };
}

/** The alert a finished run calls for: none for a skipped run (stale, not due, duplicate delivery). */
export function alertOfReport(report: PowerReport, facts: RunFacts): Alert | undefined {
  if (report.skipped) return undefined;
  const failures = report.instances.filter((result) => FAILING_OUTCOMES.has(result.outcome)).map(failureOfResult);
  const corrected = report.instances
    .filter((result) => result.reason === "drift")
    .map((result) => ({ ...failureOfResult(result), ...(result.dueAt === undefined ? {} : { dueAt: result.dueAt }) }));
  const kind = failures.length > 0 ? "failure" : corrected.length > 0 ? "drift" : "success";
  const counts = OUTCOMES.flatMap((outcome) => {
    const count = report.totals[outcome];
    return count ? [[outcome, count] as const] : [];
  });
  const provider = facts.provider ?? report.instances[0]?.provider;
  return {
    ...facts,
    ...(provider === undefined ? {} : { provider }),
    kind,
    dryRun: report.dryRun,
    counts,
    instances: report.totals.instances,
    failures: kind === "drift" ? corrected : failures,
    durationMs: report.durationMs,
  };
}

/** The alert for a run that threw: a misfire, or a failure of the run itself (bad input, an unexpected error). */
export function alertOfError(error: unknown, facts: RunFacts, durationMs: number, message: string): Alert {
  const misfire = error instanceof ScheduleMisfireError;
  return {
    ...facts,
    ...(misfire && facts.firedAt === undefined ? { firedAt: error.details.firedAt } : {}),
    ...(misfire && facts.trigger === undefined ? { trigger: error.details.trigger } : {}),
    kind: misfire ? "misfire" : "failure",
    dryRun: false,
    counts: [],
    instances: 0,
    failures: [],
    durationMs,
    error: message,
  };
}
