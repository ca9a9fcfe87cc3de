/** The report: what a run did to each instance, its table rendering, its summary, and secret redaction. */
export * from "./power-report.ts";
export { redact, redactReport, secretValues } from "./redact.ts";
export { renderReport } from "./render-table.ts";
export { countOutcomes, failureOf, skippedReport } from "./summarize.ts";
