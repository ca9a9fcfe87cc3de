import type { PowerReport } from "./power-report.ts";

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * The report as a person reads it on a terminal: one line per instance (none with `rows: false`, the summary only),
 * then the totals and the calls made. The header is lower-case, as `powercron status` writes its own.
 */
export function renderReport(report: PowerReport, { rows: withRows = true }: { rows?: boolean } = {}): string {
  const title = `${report.action}${report.dryRun ? " (dry run)" : ""}`;
  if (report.skipped) return `${title}: skipped: ${report.skipped.reason}`;
  const rows = [
    ["provider", "region", "instance", "before", "after", "outcome", "detail"],
    ...report.instances.map((r) => [
      r.provider,
      r.region,
      r.instanceId,
      r.before ?? "-",
      r.after ?? "-",
      r.outcome,
      [r.code, r.message, ...(r.notes ?? [])].filter(Boolean).join("; "),
    ]),
  ];
  const { instances, ...byOutcome } = report.totals;
  const totals = Object.entries(byOutcome)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(", ");
  const calls = Object.entries(report.apiCalls)
    .map(([action, count]) => `${action} ×${count}`)
    .join(", ");
  return [
    `${title}: ${instances} instance${instances === 1 ? "" : "s"} in ${report.durationMs} ms`,
    ...(withRows ? [table(rows)] : []),
    `totals: ${totals || "none"}`,
    `api calls: ${calls || "none"}`,
    ...(report.stampFailures ?? []).map((line) => `stamps: ${line}`),
  ].join("\n");
}
