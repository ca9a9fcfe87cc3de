import type { PowerAction } from "../domain/index.ts";
import { PowerRunFailedError } from "../errors.ts";
import {
  FAILING_OUTCOMES,
  type InstanceResult,
  type Outcome,
  type PowerReport,
  type PowerRun,
} from "./power-report.ts";

/** Instances by outcome, in the order the outcomes are first met; read in one pass, nothing kept. */
export function countOutcomes(instances: Iterable<InstanceResult>): PowerReport["totals"] {
  const totals: { instances: number } & Partial<Record<Outcome, number>> = { instances: 0 };
  for (const { outcome } of instances) {
    totals.instances++;
    totals[outcome] = (totals[outcome] ?? 0) + 1;
  }
  return totals;
}

/** The report of a run that was skipped as a whole (schedule guard): no instance was looked at. */
export function skippedReport(action: PowerAction, reason: string, startedAt: Date): PowerReport {
  return {
    action,
    dryRun: false,
    skipped: { reason },
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    totals: { instances: 0 },
    apiCalls: {},
    instances: [],
  };
}

/** The same, as a run with no rows. */
export function skippedRun(action: PowerAction, reason: string, startedAt: Date): PowerRun {
  const { instances: _none, ...head } = skippedReport(action, reason, startedAt);
  return { head, rows: { count: 0, rows: () => [] } };
}

/** Distinct messages of failures in other accounts shown in the thrown error (a refused role names its account). */
const ACCOUNT_MESSAGES = 3;

/**
 * The error a handler throws after a run in which some instances failed or were not found, naming each of them, and
 * why the ones in other accounts failed (a refused role: the account, its ID, the role).
 */
export function failureOf(report: PowerReport): PowerRunFailedError | undefined {
  return runFailureOf({ head: report, rows: { count: report.instances.length, rows: () => report.instances } });
}

/** failureOf for a run whose rows are read one at a time: only the failing ones are kept. */
export function runFailureOf(run: PowerRun): PowerRunFailedError | undefined {
  const failures: InstanceResult[] = [];
  for (const row of run.rows.rows()) if (FAILING_OUTCOMES.has(row.outcome)) failures.push(row);
  if (failures.length === 0) return undefined;
  const shown = failures.slice(0, 20).map((f) => `${f.instanceId} (${f.outcome}${f.code ? `: ${f.code}` : ""})`);
  const more = failures.length > shown.length ? ` and ${failures.length - shown.length} more` : "";
  const inAccounts = new Set(failures.flatMap((f) => (f.account !== undefined && f.message ? [f.message] : [])));
  const why = inAccounts.size > 0 ? ` (${[...inAccounts].slice(0, ACCOUNT_MESSAGES).join("; ")})` : "";
  return new PowerRunFailedError(
    `${run.head.action} failed for ${failures.length} of ${run.rows.count} instance${run.rows.count === 1 ? "" : "s"}: ${shown.join(", ")}${more}${why}`,
    failures.map((f) => ({ instanceId: f.instanceId, outcome: f.outcome, ...(f.code ? { code: f.code } : {}) })),
  );
}
