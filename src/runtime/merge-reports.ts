/** One report for a tick that ran several groups: instances in order, totals and API calls summed. */
import type { PowerReport } from "../report/index.ts";
import { countOutcomes } from "../report/index.ts";

export function mergeReports(reports: readonly PowerReport[]): PowerReport {
  const [first, ...rest] = reports;
  if (first === undefined) throw new Error("mergeReports: no report");
  if (rest.length === 0) return first;
  const instances = reports.flatMap((report) => report.instances);
  const apiCalls: Record<string, number> = {};
  for (const report of reports) {
    for (const [name, count] of Object.entries(report.apiCalls)) apiCalls[name] = (apiCalls[name] ?? 0) + count;
  }
  const stampFailures = reports.flatMap((report) => report.stampFailures ?? []);
  const ran = reports.filter((report) => report.skipped === undefined);
  const skipped = reports.filter((report) => report.skipped !== undefined);
  return {
    action: first.action,
    dryRun: ran.length > 0 && ran.every((report) => report.dryRun),
    ...(ran.length === 0 ? { skipped: { reason: skipped.map((report) => report.skipped?.reason).join("; ") } } : {}),
    startedAt: first.startedAt,
    durationMs: reports.reduce((sum, report) => sum + report.durationMs, 0),
    totals: countOutcomes(instances),
    apiCalls,
    ...(stampFailures.length > 0 ? { stampFailures } : {}),
    instances,
  };
}
