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

/**
 * The shortest value limit of the clouds' tags (Alibaba ECS: 128 characters; EC2 256; Tencent 256): a longer value
 * (a long group name) is cut so the call is never refused for it.
 */
export const STAMP_VALUE_MAX = 128;

const PAST: Record<PowerAction, string> = { start: "started", stop: "stopped" };

function clip(value: string): string {
  // Cut, with no ellipsis: Tencent's tag values take only letters, digits, spaces and a few marks.
  return value.slice(0, STAMP_VALUE_MAX);
}

/** `stopped 2026-11-23T13:00:00.000Z by checkout-test (prod)`. */
export function lastActionValue(action: PowerAction, at: Date, stamp: StampContext): string {
  return clip(`${PAST[action]} ${at.toISOString()} by ${stamp.by} (${stamp.stage})`);
}

/** `ActionDidNotTake 2026-11-23T13:00:00.000Z`. */
export function lastErrorValue(code: string, at: Date): string {
  return clip(`${code} ${at.toISOString()}`);
}

/** The run's time: the fire's, when it is a readable time, else the run's start. */
export function stampTime(stamp: StampContext, runStartedAt: number): Date {
  const fired = stamp.at === undefined ? Number.NaN : Date.parse(stamp.at);
  return new Date(Number.isNaN(fired) ? runStartedAt : fired);
}
