type Env = Readonly<Record<string, string | undefined>>;

const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD|CREDENTIAL/i;
/** Shorter values are not searched for: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;
export const REDACTED = "[redacted]";

/**
 * Values of secret-looking environment variables, each also in its JSON-escaped form (a secret with `"` or `\` inside
 * a JSON log line), longest first so that a value containing another is masked whole.
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

/** Masks every secret value of the environment in a text bound for a log, a report or an error. */
export function redact(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join(REDACTED);
  return masked;
}
