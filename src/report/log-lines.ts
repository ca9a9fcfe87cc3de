/**
 * The report as the functions log and return it, sized for the platforms. CloudWatch Logs holds at most 256 KB per
 * event (PutLogEvents) and SCF writes each stdout line to CLS as one log; a longer line is split or cut and log
 * queries and alarms break. So a run logs one summary line (totals, calls, budget, its failures with their codes, at
 * most 20 named), then its per-instance rows in detail lines of at most LOG_CHUNK_BYTES, each valid JSON on its own
 * with its part number. The value returned stays far within the 6 MB both platforms allow for a response.
 */
import { FAILING_OUTCOMES, type InstanceResult, type PowerReport } from "./power-report.ts";

/** Bytes of rows in one detail line: well under the smaller limit, whatever the platform adds in front of a line. */
export const LOG_CHUNK_BYTES = 32 * 1024;
/** Failures the summary line names; the others are counted ("and N more"). */
export const SUMMARY_FAILURES = 20;
/** Rows the handler returns at most (a full report up to this size; beyond it, only the rows that matter). */
export const RETURNED_ROWS = 1000;
/** Longest code, message or note a logged or returned row carries, so that one row can never fill a line. */
const MAX_TEXT = 1000;
const MAX_NOTES = 5;

/** What the detail lines carry: every row, only the rows that matter, or none (POWER_LOG_DETAIL). */
export type LogDetail = "all" | "notable" | "none";
export const LOG_DETAILS: readonly LogDetail[] = ["all", "notable", "none"];

/** A row someone must look at, or that says more than its outcome: failed, refused, not found, kept running, noted. */
export function isNotable(row: InstanceResult): boolean {
  return FAILING_OUTCOMES.has(row.outcome) || row.outcome === "kept-running" || (row.notes?.length ?? 0) > 0;
}

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more characters)`;
}

/** The row with its free texts bounded (the instance ID, states and outcome are never rewritten). */
export function boundedRow(row: InstanceResult): InstanceResult {
  const { code, message, notes } = row;
  const long =
    (code?.length ?? 0) > MAX_TEXT ||
    (message?.length ?? 0) > MAX_TEXT ||
    (notes !== undefined && (notes.length > MAX_NOTES || notes.some((note) => note.length > MAX_TEXT)));
  if (!long) return row;
  return {
    ...row,
    ...(code === undefined ? {} : { code: clip(code) }),
    ...(message === undefined ? {} : { message: clip(message) }),
    ...(notes === undefined
      ? {}
      : {
          notes: [
            ...notes.slice(0, MAX_NOTES).map(clip),
            ...(notes.length > MAX_NOTES ? [`and ${notes.length - MAX_NOTES} more notes`] : []),
          ],
        }),
  };
}

function failuresOf(report: PowerReport): InstanceResult[] {
  return report.instances.filter((row) => FAILING_OUTCOMES.has(row.outcome));
}

/** The one line that says how the run went; a failed run's line names its failures and their codes. */
export function summaryLine(report: PowerReport, detailLines: number): string {
  const failures = failuresOf(report);
  const shown = failures.slice(0, SUMMARY_FAILURES).map((row) => ({
    provider: row.provider,
    region: row.region,
    instanceId: clip(row.instanceId),
    outcome: row.outcome,
    ...(row.code ? { code: clip(row.code) } : {}),
  }));
  const named = shown.map((f) => `${f.instanceId} (${f.outcome}${f.code ? `: ${f.code}` : ""})`).join(", ");
  const more = failures.length - shown.length;
  return JSON.stringify({
    powercron: "summary",
    action: report.action,
    dryRun: report.dryRun,
    ...(report.skipped ? { skipped: { reason: clip(report.skipped.reason) } } : {}),
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    ...(report.budget ? { budget: report.budget } : {}),
    totals: report.totals,
    apiCalls: report.apiCalls,
    ...(failures.length > 0
      ? {
          failed: failures.length,
          failure: `${report.action} failed for ${failures.length} of ${report.instances.length} instances: ${named}${more > 0 ? ` and ${more} more` : ""}`,
          failures: shown,
          ...(more > 0 ? { moreFailures: more } : {}),
        }
      : {}),
    detailLines,
  });
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Where each detail line starts (row positions), rows serialised one at a time and not kept. */
function chunkStarts(rows: readonly InstanceResult[], include: (row: InstanceResult) => boolean): number[] {
  const starts: number[] = [];
  let bytes = 0;
  rows.forEach((row, i) => {
    if (!include(row)) return;
    const size = byteLength(JSON.stringify(boundedRow(row))) + 1;
    if (starts.length === 0 || bytes + size > LOG_CHUNK_BYTES) {
      starts.push(i);
      bytes = 0;
    }
    bytes += size;
  });
  return starts;
}

/**
 * The lines a function logs for a report: the summary, then the rows (all, the notable ones, or none) in detail lines
 * `{"powercron":"instances","part":n,"of":N,...,"instances":[...]}`, each well under 64 KB. Built one at a time.
 */
export function* reportLogLines(report: PowerReport, detail: LogDetail = "all"): Generator<string> {
  const include = detail === "all" ? () => true : detail === "notable" ? isNotable : () => false;
  const rows = report.instances;
  const starts = detail === "none" ? [] : chunkStarts(rows, include);
  yield summaryLine(report, starts.length);
  for (let part = 0; part < starts.length; part++) {
    const end = starts[part + 1] ?? rows.length;
    const chunk: InstanceResult[] = [];
    for (let i = starts[part] ?? 0; i < end; i++) {
      const row = rows[i];
      if (row && include(row)) chunk.push(boundedRow(row));
    }
    yield JSON.stringify({
      powercron: "instances",
      action: report.action,
      startedAt: report.startedAt,
      part: part + 1,
      of: starts.length,
      instances: chunk,
    });
  }
}

/**
 * What the handler returns: the whole report while it is small; beyond RETURNED_ROWS instances, only the rows that
 * matter (at most RETURNED_ROWS of them), with how many were left out. The totals always count every instance.
 */
export function returnedReport(report: PowerReport): PowerReport {
  if (report.instances.length <= RETURNED_ROWS) return { ...report, instances: report.instances.map(boundedRow) };
  const notable = report.instances.filter(isNotable);
  const kept = notable.slice(0, RETURNED_ROWS).map(boundedRow);
  return {
    ...report,
    instances: kept,
    omitted: {
      instances: report.instances.length - kept.length,
      reason: `only the rows that matter (failed, refused, not found, kept running, with notes) are returned beyond ${RETURNED_ROWS} instances, at most ${RETURNED_ROWS}; the log's detail lines hold every row`,
    },
  };
}
