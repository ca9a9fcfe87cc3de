/**
 * The report as the functions log and return it, sized for the platforms. A CloudWatch Logs event holds at most
 * 256 KB (PutLogEvents), SCF writes each line of standard output to CLS as one log and returns at most 4 KB of log
 * with an invocation, and both platforms cap a synchronous response at 6 MB; a longer line is split or cut, and log
 * queries and alarms break. So a run logs one summary line (totals, calls, budget, its failures with their codes, at
 * most 20 named and "and N more"), then its rows in detail lines of at most LOG_CHUNK_BYTES each, every one valid JSON
 * on its own with its part number. Rows are read one at a time from the run (from the compact ledgers), twice: once
 * to place the line breaks, once to write the lines; no list of every row is built.
 */
import { FAILING_OUTCOMES, type InstanceResult, type PowerReport, type PowerRun } from "./power-report.ts";

/** Bytes of rows in one detail line: well under 64 KB, itself a quarter of CloudWatch's 256 KB per event. */
export const LOG_CHUNK_BYTES = 32 * 1024;
/** Failures the summary line names; the others are counted ("and N more"). */
export const SUMMARY_FAILURES = 20;
/** Rows the handler returns at most (the whole report up to this size; beyond it, only the rows that matter). */
export const RETURNED_ROWS = 1000;
/** Longest code, message or note a logged or returned row carries, so that no row can fill a line. */
const MAX_TEXT = 1000;
const MAX_NOTES = 5;

/** What the detail lines carry: every row, only the rows that matter, or none (POWER_LOG_DETAIL). */
export type LogDetail = "all" | "notable" | "none";
export const LOG_DETAILS: readonly LogDetail[] = ["all", "notable", "none"];

/**
 * A row someone must look at, or that says more than its outcome: failed, refused, not found, kept running, skipped by
 * tag, noted, or corrected by an enforce run (drift).
 */
export function isNotable(row: InstanceResult): boolean {
  return (
    FAILING_OUTCOMES.has(row.outcome) ||
    row.outcome === "kept-running" ||
    row.outcome === "skipped-by-tag" ||
    row.reason === "drift" ||
    (row.notes?.length ?? 0) > 0
  );
}

function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more characters)`;
}

/** The row with its free texts bounded (its ID, states and outcome are never rewritten). */
export function boundedRow(row: InstanceResult): InstanceResult {
  const { code, message, notes } = row;
  const long =
    row.instanceId.length > MAX_TEXT ||
    (code?.length ?? 0) > MAX_TEXT ||
    (message?.length ?? 0) > MAX_TEXT ||
    (notes !== undefined && (notes.length > MAX_NOTES || notes.some((note) => note.length > MAX_TEXT)));
  if (!long) return row;
  return {
    ...row,
    instanceId: clip(row.instanceId),
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

/** The run's whole report as a run (for a report already materialised: the CLI, the tests). */
export function runOf(report: PowerReport): PowerRun {
  const { instances, omitted: _omitted, ...head } = report;
  return { head, rows: { count: instances.length, rows: () => instances } };
}

/** The one line that says how the run went; a failed run's line names its failures and their codes. */
export function summaryLine(run: PowerRun, detailLines: number): string {
  const { head } = run;
  let failed = 0;
  const shown: { provider: string; region: string; instanceId: string; outcome: string; code?: string }[] = [];
  for (const row of run.rows.rows()) {
    if (!FAILING_OUTCOMES.has(row.outcome)) continue;
    failed++;
    if (shown.length < SUMMARY_FAILURES) {
      const { provider, region, instanceId, outcome, code } = boundedRow(row);
      shown.push({ provider, region, instanceId, outcome, ...(code ? { code } : {}) });
    }
  }
  const named = shown.map((f) => `${f.instanceId} (${f.outcome}${f.code ? `: ${f.code}` : ""})`).join(", ");
  const more = failed - shown.length;
  return JSON.stringify({
    powercron: "summary",
    action: head.action,
    dryRun: head.dryRun,
    ...(head.skipped ? { skipped: { reason: clip(head.skipped.reason) } } : {}),
    startedAt: head.startedAt,
    durationMs: head.durationMs,
    ...(head.budget ? { budget: head.budget } : {}),
    totals: head.totals,
    apiCalls: head.apiCalls,
    ...(head.stampFailures ? { stampFailures: head.stampFailures.map(clip) } : {}),
    ...(head.notifications ? { notifications: head.notifications } : {}),
    ...(failed > 0
      ? {
          failed,
          failure: `${head.action} failed for ${failed} of ${run.rows.count} instance${run.rows.count === 1 ? "" : "s"}: ${named}${more > 0 ? ` and ${more} more` : ""}`,
          failures: shown,
          ...(more > 0 ? { moreFailures: more } : {}),
        }
      : {}),
    detailLines,
  });
}

function includeOf(detail: LogDetail): (row: InstanceResult) => boolean {
  if (detail === "all") return () => true;
  if (detail === "notable") return isNotable;
  return () => false;
}

/** How many rows (of those included) each detail line takes: rows serialised one at a time, none kept. */
function chunkSizes(run: PowerRun, include: (row: InstanceResult) => boolean): number[] {
  const sizes: number[] = [];
  let bytes = 0;
  for (const row of run.rows.rows()) {
    if (!include(row)) continue;
    const size = Buffer.byteLength(JSON.stringify(boundedRow(row)), "utf8") + 1;
    if (sizes.length === 0 || bytes + size > LOG_CHUNK_BYTES) {
      sizes.push(0);
      bytes = 0;
    }
    bytes += size;
    sizes[sizes.length - 1] = (sizes.at(-1) ?? 0) + 1;
  }
  return sizes;
}

/**
 * The lines a function logs for a run: the summary, then the rows (all, the notable ones, or none) in detail lines
 * `{"powercron":"instances","part":n,"of":N,...,"instances":[...]}`, each under 33 KB. Built one at a time.
 */
export function* reportLogLines(run: PowerRun, detail: LogDetail = "all"): Generator<string> {
  const include = includeOf(detail);
  const sizes = detail === "none" ? [] : chunkSizes(run, include);
  yield summaryLine(run, sizes.length);
  if (sizes.length === 0) return;
  const { action, startedAt } = run.head;
  const line = (part: number, rows: InstanceResult[]) =>
    JSON.stringify({ powercron: "instances", action, startedAt, part, of: sizes.length, instances: rows });
  let part = 0;
  let chunk: InstanceResult[] = [];
  for (const row of run.rows.rows()) {
    if (!include(row)) continue;
    chunk.push(boundedRow(row));
    if (chunk.length === sizes[part]) {
      part++;
      yield line(part, chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) yield line(part + 1, chunk);
}

/**
 * What the handler returns: the whole report up to RETURNED_ROWS instances; beyond, only the rows that matter (at most
 * RETURNED_ROWS of them) and how many were left out. The totals always count every instance.
 */
export function returnedReport(run: PowerRun): PowerReport {
  const kept: InstanceResult[] = [];
  const all = run.rows.count <= RETURNED_ROWS;
  for (const row of run.rows.rows()) {
    if (kept.length >= RETURNED_ROWS) break;
    if (all || isNotable(row)) kept.push(boundedRow(row));
  }
  if (all) return { ...run.head, instances: kept };
  return {
    ...run.head,
    instances: kept,
    omitted: {
      instances: run.rows.count - kept.length,
      reason: `beyond ${RETURNED_ROWS} instances only the rows that matter (failed, refused, not found, kept running, skipped by tag, with notes, drift corrections) are returned, at most ${RETURNED_ROWS}; the log's detail lines hold every row`,
    },
  };
}
