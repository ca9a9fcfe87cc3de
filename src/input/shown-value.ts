/**
 * A failing value as a problem message may show it: never a secret. A field named like a credential (`secret`,
 * `token`, `password`, `webhook`, `key`, `apiKey`, ...) shows `[redacted]`; a web URL shows its origin only (a webhook
 * URL carries its robot's key in its path or query); an object shows its keys, not its values (a notify channel holds
 * its secret); a list shows its entries by the same rules.
 */
/** As src/report/redact.ts writes a masked secret. */
const REDACTED = "[redacted]";

const SECRET_FIELD = /secret|token|password|passwd|credential|webhook|signature|(^|[a-z0-9_-])key$/i;
const WEB_URL = /^(https?|wss?):\/\//i;

export function isSecretField(field: string | undefined): boolean {
  return field !== undefined && SECRET_FIELD.test(field);
}

function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function shownText(text: string): string {
  if (!WEB_URL.test(text) || !URL.canParse(text)) return text;
  const url = new URL(text);
  return url.pathname.length > 1 || url.search !== "" || url.username !== "" ? `${url.origin}/…` : text;
}

/** The value as message text (JSON-like), `field` being the name of the key that holds it. */
export function shownValue(value: unknown, field?: string): string {
  if (isSecretField(field) && value !== undefined && value !== null) return JSON.stringify(REDACTED);
  if (typeof value === "string") return JSON.stringify(shownText(value));
  if (Array.isArray(value)) return `[${value.map((entry) => shownValue(entry, field)).join(",")}]`;
  if (value !== null && typeof value === "object") return `{${Object.keys(value).join(", ")}}`;
  return toJson(value);
}

/** The last key of a message path (`notify.channels[0].secret` → `secret`). */
export function lastField(path: string): string | undefined {
  return /(?:^|\.)([A-Za-z_$][A-Za-z0-9_$]*)$/.exec(path)?.[1];
}
