/**
 * The opt-out: an instance tagged `powercron:skip` = `true`, or = an ISO 8601 date-time with an offset until which it
 * holds, is left alone by every group, event and enforce fire, for start and stop alike (unlike the keep-running tag,
 * which holds on stop only). An owner opts a machine out without editing the central config. `false` or an empty
 * value opts nothing out; any other value is unreadable: noted and ignored, never guessed.
 */
import { readKeepRunningUntil } from "./keep-running-tag.ts";

export const SKIP_TAG = "powercron:skip";

export type Skip =
  | { readonly kind: "none" }
  | { readonly kind: "skip"; readonly until?: Date }
  | { readonly kind: "expired"; readonly until: Date }
  | { readonly kind: "unreadable"; readonly value: string };

/** Reads the tag's value at `now`. */
export function readSkip(value: string | undefined, now: Date): Skip {
  if (value === undefined) return { kind: "none" };
  const text = value.trim();
  if (text === "" || text.toLowerCase() === "false") return { kind: "none" };
  if (text.toLowerCase() === "true") return { kind: "skip" };
  // The same date-time grammar as the keep-running tag (an offset is required: no local-time guessing).
  const time = readKeepRunningUntil(text, now);
  if (time.kind === "keep") return { kind: "skip", until: time.until };
  if (time.kind === "expired") return { kind: "expired", until: time.until };
  return { kind: "unreadable", value };
}

/** The reason a skipped row gives: `powercron:skip=true` or `powercron:skip until 2026-12-24T00:00:00.000Z`. */
export function skipReason(skip: Extract<Skip, { kind: "skip" }>): string {
  return skip.until === undefined ? `${SKIP_TAG}=true` : `${SKIP_TAG} until ${skip.until.toISOString()}`;
}

/** The note of a skip tag that holds nothing: expired or unreadable; undefined when there is nothing to say. */
export function skipNote(skip: Skip): string | undefined {
  if (skip.kind === "expired") return `${SKIP_TAG} ${skip.until.toISOString()} has passed; ignored`;
  if (skip.kind === "unreadable") {
    return `${SKIP_TAG} "${skip.value}" is neither true, false nor an ISO 8601 date-time with offset; ignored`;
  }
  return undefined;
}
