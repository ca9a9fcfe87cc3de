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

/** The report as a person reads it on a terminal: one line per instance, then the totals and the calls made. */
export function renderReport(report: PowerReport): string {
  const title = `${report.action}${report.dryRun ? " (dry run)" : ""}`;
  if (report.skipped) return `${title}: skipped: ${report.skipped.reason}`;
  const rows = [
    ["PROVIDER", "REGION", "INSTANCE", "BEFORE", "AFTER", "OUTCOME", "DETAIL"],
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
    `${title}: ${instances} instances in ${report.durationMs} ms`,
    table(rows),
    `totals: ${totals || "none"}`,
    `api calls: ${calls || "none"}`,
  ].join("\n");
}
