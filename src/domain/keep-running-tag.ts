/**
 * The per-instance override: an instance tagged `powercron:keep-running-until` = an ISO 8601 date-time with an offset
 * (`2026-11-27T20:00:00+08:00`) is left running by stop until then. The name fits both clouds' tag rules: Tencent
 * allows letters, digits, spaces and `+ - = . _ : / @` in keys up to 127 characters; AWS allows the same set, and
 * reserves only the `aws:` prefix.
 */
export const KEEP_RUNNING_TAG = "powercron:keep-running-until";

export type KeepRunning =
  | { readonly kind: "none" }
  | { readonly kind: "keep"; readonly until: Date }
  | { readonly kind: "expired"; readonly until: Date }
  | { readonly kind: "unreadable"; readonly value: string };

/** Date and time with seconds optional, fractions allowed, and a `Z` or `±hh:mm` offset: no local-time guessing. */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Reads the tag's value at `now`: keep until a future time; an expired or unreadable value is reported and ignored. */
export function readKeepRunningUntil(value: string | undefined, now: Date): KeepRunning {
  if (value === undefined || value.trim() === "") return { kind: "none" };
  const text = value.trim();
  if (!WITH_OFFSET.test(text)) return { kind: "unreadable", value };
  const until = new Date(text);
  if (Number.isNaN(until.getTime())) return { kind: "unreadable", value };
  // Date accepts 2026-02-30 and rolls it over: read the calendar date back to refuse it.
  const [year, month, day] = text.slice(0, 10).split("-").map(Number);
  const offset = /(Z|[+-]\d{2}:\d{2})$/i.exec(text)?.[0] ?? "Z";
  const offsetMinutes =
    offset.toUpperCase() === "Z"
      ? 0
      : (offset.startsWith("-") ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(until.getTime() + offsetMinutes * 60_000);
  if (local.getUTCFullYear() !== year || local.getUTCMonth() + 1 !== month || local.getUTCDate() !== day) {
    return { kind: "unreadable", value };
  }
  return until.getTime() > now.getTime() ? { kind: "keep", until } : { kind: "expired", until };
}
