/**
 * The workers' reports, read at the edge (zod) and gathered into the fire's one report, pure: rows in slice order,
 * totals and API calls summed (a worker past 1,000 rows returns only the rows that matter, so totals are summed, not
 * counted, and the fire's rows are those), and every partition of a slice whose worker failed twice as `failed` rows, never dropped.
 */
import { z } from "zod";
import type { PowerAction, PowerTarget } from "../domain/index.ts";
import { countOutcomes, type InstanceResult, OUTCOMES, type PowerReport, type ReportHead } from "../report/index.ts";
import type { Partition } from "./worker-event.ts";
import { partitionLabel, targetsIn } from "./worker-slices.ts";

/** What the orchestrator reads of a worker's report (the rest passes through). */
const workerReportSchema = z.looseObject({
  dryRun: z.boolean(),
  totals: z.record(z.string(), z.number()),
  apiCalls: z.record(z.string(), z.number()),
  stampFailures: z.array(z.string()).optional(),
  instances: z.array(z.looseObject({ instanceId: z.string(), outcome: z.enum(OUTCOMES) })),
});

/** A worker's returned value as a report; a WorkerFailure-worthy message when it is not one. */
export function readWorkerReport(value: unknown): { report: PowerReport } | { problem: string } {
  const parsed = workerReportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `the worker returned no report (${issue ? `${issue.path.join(".")}: ${issue.message}` : "?"})` };
  }
  return { report: parsed.data as unknown as PowerReport };
}

/** What happened to one slice: its report, or the partitions it could not cover and why. */
export type SliceOutcome =
  | {
      readonly slice: number;
      readonly partitions: readonly Partition[];
      readonly report: PowerReport;
      readonly retried?: string;
    }
  | { readonly slice: number; readonly partitions: readonly Partition[]; readonly lost: string };

export const WORKER_FAILED_CODE = "WorkerFailed";

/** The rows of targets no worker covered: each named instance, and each tag selection, `failed`. */
export function lostRows(targets: readonly PowerTarget[], reason: string): InstanceResult[] {
  return targets.flatMap((target) => {
    const base = {
      provider: target.provider,
      region: target.region,
      ...(target.account === undefined ? {} : { account: target.account }),
      before: null,
      after: null,
      outcome: "failed" as const,
      code: WORKER_FAILED_CODE,
      message: reason,
    };
    const labels = [...target.instanceIds];
    if (Object.keys(target.tags).length > 0) {
      labels.push(
        `tags:${Object.entries(target.tags)
          .map(([key, value]) => `${key}=${value}`)
          .join(",")}`,
      );
    }
    return labels.map((instanceId) => ({ ...base, instanceId }));
  });
}

function sumInto(into: Record<string, number>, from: Readonly<Record<string, number | undefined>>): void {
  for (const [name, count] of Object.entries(from)) if (count !== undefined) into[name] = (into[name] ?? 0) + count;
}

/** The fire's one report from its slices' outcomes; `targets` are the fire's (the lost slices' rows come from them). */
export function gatherSlices(
  action: PowerAction,
  startedAt: Date,
  durationMs: number,
  targets: readonly PowerTarget[],
  outcomes: readonly SliceOutcome[],
): PowerReport {
  const ordered = [...outcomes].sort((a, b) => a.slice - b.slice);
  const instances: InstanceResult[] = [];
  const totals: Record<string, number> = {};
  const apiCalls: Record<string, number> = {};
  const stampFailures: string[] = [];
  const retried: string[] = [];
  const lost: string[] = [];
  let dryRun = true;
  for (const outcome of ordered) {
    const where = `worker ${outcome.slice} (${outcome.partitions.map(partitionLabel).join(", ")})`;
    if ("lost" in outcome) {
      const rows = lostRows(targetsIn(targets, outcome.partitions), `${where}: ${outcome.lost}`);
      instances.push(...rows);
      sumInto(totals, countOutcomes(rows));
      lost.push(`${where}: ${outcome.lost}`);
      dryRun = false;
      continue;
    }
    const { report } = outcome;
    instances.push(...report.instances);
    sumInto(totals, report.totals);
    sumInto(apiCalls, report.apiCalls);
    stampFailures.push(...(report.stampFailures ?? []));
    if (!report.dryRun) dryRun = false;
    if (outcome.retried !== undefined) retried.push(`${where}: ${outcome.retried}; retried once, and the retry ran`);
  }
  const head: ReportHead = {
    action,
    dryRun,
    startedAt: startedAt.toISOString(),
    durationMs,
    totals: { ...totals, instances: totals.instances ?? 0 } as PowerReport["totals"],
    apiCalls,
    ...(stampFailures.length > 0 ? { stampFailures } : {}),
    fanOut: { workers: ordered.length, retried, lost },
  };
  return { ...head, instances };
}
