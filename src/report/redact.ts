/**
 * Keeps credentials out of logs, reports and errors. Only the values of credential variables are masked, and only
 * when they are long enough to be told from ordinary words; a report is masked field by field before it is
 * serialised, so its JSON stays valid and its fixed vocabulary (actions, outcomes, states, IDs) is never rewritten.
 */
import type { InstanceResult, PowerReport, PowerRun } from "./power-report.ts";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Names of variables whose values are credentials (TENCENTCLOUD_SECRETKEY, AWS_SESSION_TOKEN, DB_PASSWORD, ...); a
 * chat robot's webhook URL carries its key, so POWER_NOTIFY_WEBHOOK_URL and any `*WEBHOOK*` variable count too.
 */
const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD|CREDENTIAL|WEBHOOK/i;
/** Shorter values are not masked: they would blank out ordinary words (`stop`), and no real credential is so short. */
export const MIN_SECRET_LENGTH = 8;
export const REDACTED = "[redacted]";

/** A URL that carries a credential: a key or token in its query, or a user and password before its host. */
const SECRET_IN_URL = /[?&](?:key|access_token|token|secret|sign(?:ature)?)=|:\/\/[^/@\s]+:[^/@\s]+@/i;

/**
 * Whether a variable's value is a secret to mask where the environment is shown (a deploy's dry run): a secret-looking
 * name (keys, tokens, signing secrets, webhook URLs), or a URL that carries a key whatever its variable is called.
 */
export function isSecretVariable(name: string, value: string): boolean {
  return SECRET_NAME.test(name) || SECRET_IN_URL.test(value);
}

/**
 * Values of secret-looking environment variables, each also in its JSON-escaped form (a secret with `"` or `\` inside
 * a JSON text), longest first so that a value containing another is masked whole.
 */
export function secretValues(env: Env): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!SECRET_NAME.test(name) || value === undefined || value.length < MIN_SECRET_LENGTH) continue;
    values.add(value);
    values.add(JSON.stringify(value).slice(1, -1));
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Masks every secret value in a free text bound for a log or an error message (not for JSON: see redactReport). */
export function redact(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join(REDACTED);
  return masked;
}

export function redactResult(result: InstanceResult, secrets: readonly string[]): InstanceResult {
  const { code, message, notes } = result;
  if (code === undefined && message === undefined && notes === undefined) return result;
  return {
    ...result,
    ...(code === undefined ? {} : { code: redact(code, secrets) }),
    ...(message === undefined ? {} : { message: redact(message, secrets) }),
    ...(notes === undefined ? {} : { notes: notes.map((note) => redact(note, secrets)) }),
  };
}

/**
 * The report with secrets masked in its free-text fields only (an instance's code, message and notes, a skip's
 * reason), which are the only ones that carry text from outside (cloud error messages). Serialise it afterwards.
 */
export function redactReport(report: PowerReport, secrets: readonly string[]): PowerReport {
  if (secrets.length === 0) return report;
  return {
    ...report,
    ...(report.skipped ? { skipped: { reason: redact(report.skipped.reason, secrets) } } : {}),
    instances: report.instances.map((result) => redactResult(result, secrets)),
  };
}

/** redactReport for a run whose rows are read one at a time: each row is masked as it is read. */
export function redactRun(run: PowerRun, secrets: readonly string[]): PowerRun {
  if (secrets.length === 0) return run;
  const { head, rows } = run;
  return {
    head: head.skipped ? { ...head, skipped: { reason: redact(head.skipped.reason, secrets) } } : head,
    rows: {
      count: rows.count,
      *rows() {
        for (const row of rows.rows()) yield redactResult(row, secrets);
      },
    },
  };
}
