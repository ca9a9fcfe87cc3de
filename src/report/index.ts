/** The report: what a run did to each instance, its table rendering, its summary, and secret redaction. */

export { LOG_DETAILS, type LogDetail, reportLogLines, returnedReport } from "./log-lines.ts";
export * from "./power-report.ts";
export { isSecretVariable, MIN_SECRET_LENGTH, redact, redactReport, redactRun, secretValues } from "./redact.ts";
export { missingCredentialsLine } from "./refusal-line.ts";
export { renderReport } from "./render-table.ts";
export { countOutcomes, failureOf, runFailureOf, skippedReport, skippedRun } from "./summarize.ts";
