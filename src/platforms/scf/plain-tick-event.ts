/**
 * The SCF tick read without zod, for the tick front: a timer event whose Message is the tick marker, with a
 * TriggerName and an ISO 8601 `Time` with its offset. It accepts a subset of what tick-event.ts accepts, and reads it
 * the same; anything else (another event, a broken tick, a time written some other way) is undefined, and the full
 * handler reads it with tick-event.ts, which words the errors.
 */
import type { TickFire } from "../../runtime/quiet-fire.ts";

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2026-11-22T13:00:00Z`, `2026-11-22T21:00:00.000+08:00`: a real date, its seconds and offset given. */
export function isPlainIsoTime(text: string): boolean {
  const match = ISO_TIME.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && year >= 1000;
}

const ownString = (record: Record<string, unknown>, key: string): string | undefined => {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  return typeof value === "string" ? value : undefined;
};

/** The tick in `event` when it is plainly one, else undefined. Never throws. */
export function readPlainTick(event: unknown): TickFire | undefined {
  if (typeof event !== "object" || event === null || Array.isArray(event)) return undefined;
  const record = event as Record<string, unknown>;
  const message = ownString(record, "Message");
  if (ownString(record, "Type") !== "Timer" || message === undefined) return undefined;
  let marker: unknown;
  try {
    marker = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof marker !== "object" || marker === null || Array.isArray(marker)) return undefined;
  const keys = Object.keys(marker);
  const { powercron, tick } = marker as Record<string, unknown>;
  if (powercron !== "tick" || keys.some((key) => key !== "powercron" && key !== "tick")) return undefined;
  if (keys.includes("tick") && (typeof tick !== "string" || tick.length < 1 || tick.length > 100)) return undefined;
  const triggerName = ownString(record, "TriggerName");
  const time = ownString(record, "Time");
  if (triggerName === undefined || triggerName === "" || time === undefined || !isPlainIsoTime(time)) return undefined;
  return { triggerName: typeof tick === "string" ? tick : triggerName, time };
}
