/**
 * Stale events: a fire whose scheduled time is older than POWER_MAX_EVENT_AGE (default 15 minutes; 0 disables) acts
 * on nothing. Platform retries arrive late (Lambda retries async invocations for up to 6 hours) and test events get
 * replayed; `powercron run --now TIME` replays one deliberately. Pure: "now" is passed in.
 */
import { InvalidInputError } from "../errors.ts";
import type { Environment } from "../settings/index.ts";

export const MAX_EVENT_AGE_VARIABLE = "POWER_MAX_EVENT_AGE";
export const DEFAULT_MAX_EVENT_AGE_MS = 15 * 60_000;

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000 };

/** POWER_MAX_EVENT_AGE in milliseconds: minutes, or a number with `s`, `m` or `h`; 0 disables (Infinity). */
export function maxEventAgeMs(env: Environment): number {
  const text = env[MAX_EVENT_AGE_VARIABLE];
  if (text === undefined) return DEFAULT_MAX_EVENT_AGE_MS;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$/.exec(text);
  if (!match) {
    throw new InvalidInputError(
      `${MAX_EVENT_AGE_VARIABLE}: "${text}" is not an age (minutes, or a number with s, m or h, such as 15, 90s or 1h; 0 disables the check)`,
    );
  }
  const ms = Number(match[1]) * (UNIT_MS[match[2] || "m"] ?? 60_000);
  return ms === 0 ? Number.POSITIVE_INFINITY : ms;
}

function minutes(ms: number): string {
  return ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : `${Math.round(ms / 60_000)} min`;
}

/** Why a fire scheduled at `scheduledTime` is too old to act at `now`, or undefined when it is fresh enough. */
export function staleReason(scheduledTime: string | undefined, now: number, maxAgeMs: number): string | undefined {
  if (scheduledTime === undefined) return undefined;
  const at = Date.parse(scheduledTime);
  const age = now - at;
  if (Number.isNaN(at) || age <= maxAgeMs) return undefined;
  return `stale: the event was scheduled for ${new Date(at).toISOString()}, ${minutes(age)} before now (${new Date(now).toISOString()}), older than ${MAX_EVENT_AGE_VARIABLE} (${minutes(maxAgeMs)}); nothing was done (replay it on purpose with powercron run --now ${new Date(at).toISOString()})`;
}
