type Env = Readonly<Record<string, string | undefined>>;

const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD|CREDENTIAL/i;

/** Values of secret-looking environment variables, longest first (so a value that contains another is masked whole). */
export function secretValues(env: Env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === "string" && value.length >= 6)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
}

/** Masks every secret value of the environment in a text bound for a log, a report or an error. */
export function redact(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join("***");
  return masked;
}
