import type { PowerAction } from "../domain/index.ts";
import { PowerRunFailedError } from "../errors.ts";
import { FAILING_OUTCOMES, type InstanceResult, type Outcome, type PowerReport } from "./power-report.ts";

export function countOutcomes(instances: readonly InstanceResult[]): PowerReport["totals"] {
  const totals: { instances: number } & Partial<Record<Outcome, number>> = { instances: instances.length };
  for (const { outcome } of instances) totals[outcome] = (totals[outcome] ?? 0) + 1;
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

/** The error a handler throws after a run in which some instances failed or were not found, naming each of them. */
export function failureOf(report: PowerReport): PowerRunFailedError | undefined {
  const failures = report.instances.filter((result) => FAILING_OUTCOMES.has(result.outcome));
  if (failures.length === 0) return undefined;
  const shown = failures.slice(0, 20).map((f) => `${f.instanceId} (${f.outcome}${f.code ? `: ${f.code}` : ""})`);
  const more = failures.length > shown.length ? ` and ${failures.length - shown.length} more` : "";
  return new PowerRunFailedError(
    `${report.action} failed for ${failures.length} of ${report.instances.length} instances: ${shown.join(", ")}${more}`,
    failures.map((f) => ({ instanceId: f.instanceId, outcome: f.outcome, ...(f.code ? { code: f.code } : {}) })),
  );
}
