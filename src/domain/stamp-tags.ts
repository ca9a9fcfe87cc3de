/**
 * Stamps: the tags powercron writes on the instances it acted on, so that a person who finds a machine off in the
 * console can tell why, by whom and when. `powercron:last-action` = `<started|stopped> <ISO time> by <group, or
 * "event"> (<stage>)` on every instance a start or stop of ours reached; `powercron:last-error` = `<code> <ISO time>`
 * on every instance that ended failed after a call of ours, removed at its next success. Pure: the values only.
 */
import type { PowerAction, StampContext } from "./types.ts";

export const LAST_ACTION_TAG = "powercron:last-action";
export const LAST_ERROR_TAG = "powercron:last-error";
/** The only tag keys powercron ever writes: the permission policies allow tagging with these alone. */
export const STAMP_TAG_KEYS = [LAST_ACTION_TAG, LAST_ERROR_TAG] as const;

const PAST: Record<PowerAction, string> = { start: "started", stop: "stopped" };

/**
 * A value cut to the cloud's longest tag value (its descriptor's `tagging.maxValueLength`), so that a long group name
 * never gets the call refused. Cut, with no ellipsis: some clouds' tag values take only letters, digits, spaces and
 * a few marks.
 */
function clip(value: string, maxLength: number): string {
  return value.slice(0, maxLength);
}

/** `stopped 2026-11-23T13:00:00.000Z by checkout-test (prod)`, at most maxLength characters. */
export function lastActionValue(action: PowerAction, at: Date, stamp: StampContext, maxLength: number): string {
  return clip(`${PAST[action]} ${at.toISOString()} by ${stamp.by} (${stamp.stage})`, maxLength);
}

/** `ActionDidNotTake 2026-11-23T13:00:00.000Z`, at most maxLength characters. */
export function lastErrorValue(code: string, at: Date, maxLength: number): string {
  return clip(`${code} ${at.toISOString()}`, maxLength);
}

/** The run's time: the fire's, when it is a readable time, else the run's start. */
export function stampTime(stamp: StampContext, runStartedAt: number): Date {
  const fired = stamp.at === undefined ? Number.NaN : Date.parse(stamp.at);
  return new Date(Number.isNaN(fired) ? runStartedAt : fired);
}
