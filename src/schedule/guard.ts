/**
 * The schedule guard: when a timer fires for a group, does this fire stand for one of the group's occurrences? A
 * trigger per UTC offset (SCF), or a daily trigger for a group with a calendar, fires more often than the group's
 * schedule; the guard lets exactly one fire through per occurrence and says why it skips the others.
 */
import type { PowerAction } from "../domain/index.ts";
import { timesOfDay } from "./cron-match.ts";
import { calendarOf, type Occurrence, type OccurrenceRule, occurrencesBetween } from "./occurrences.ts";
import type { ScheduleConfig } from "./schedule-config.ts";
import { formatLocalIso, localTimeAt } from "./zone.ts";

/**
 * How far a trigger's scheduled time may be from an occurrence and still count as it: timers carry their scheduled
 * minute (EventBridge lands within 60 s; SCF's `Time` is reported to the second), and the smallest difference between
 * two UTC offsets of one zone is 30 minutes (Australia/Lord_Howe), so 5 minutes tells DST twins apart with room to spare.
 */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

export type GuardDecision =
  | { readonly fire: true; readonly occurrence: Occurrence }
  | {
      readonly fire: false;
      readonly reason: string;
      readonly occurrence?: Occurrence;
      /**
       * Set when the fire's local time of day is none of the group's times (within the tolerance): not a DST twin,
       * holiday or day the schedule leaves out, but a trigger in the wrong zone or a stale deploy.
       */
      readonly misfire?: { readonly nearest?: Occurrence };
    };

const DAY_MS = 86_400_000;
const DAY_MINUTES = 1440;

/** Whether the local time of day at `at` is within the tolerance of one of the cron's times (around midnight too). */
export function atScheduledTimeOfDay(times: readonly number[], zone: string, at: number, toleranceMs: number): boolean {
  const local = localTimeAt(zone, at);
  const minute = local.hour * 60 + local.minute;
  const tolerance = Math.ceil(toleranceMs / 60_000);
  return times.some((time) => {
    const distance = Math.abs(time - minute) % DAY_MINUTES;
    return Math.min(distance, DAY_MINUTES - distance) <= tolerance;
  });
}

export function checkScheduledFire(
  group: OccurrenceRule,
  action: PowerAction,
  scheduledTime: Date,
  config: Pick<ScheduleConfig, "calendars">,
  toleranceMs: number = DEFAULT_TOLERANCE_MS,
): GuardDecision {
  const label = `${action} of group "${group.name}"`;
  if (!group.enabled) return { fire: false, reason: `group "${group.name}" is disabled in the schedule config` };
  if (group[action] === undefined) {
    return { fire: false, reason: `group "${group.name}" has no ${action} schedule` };
  }
  const at = scheduledTime.getTime();
  if (Number.isNaN(at)) return { fire: false, reason: `scheduled time is not a date` };
  const calendar = calendarOf(group, config);
  const near = occurrencesBetween(group, action, new Date(at - toleranceMs), new Date(at + toleranceMs + 1), calendar);
  const distance = (occurrence: Occurrence) => Math.abs(occurrence.at.getTime() - at);
  const firing = near
    .filter((occurrence) => occurrence.skipped === undefined)
    .sort((a, b) => distance(a) - distance(b));
  if (firing[0] !== undefined) return { fire: true, occurrence: firing[0] };
  const skipped = near.sort((a, b) => distance(a) - distance(b))[0];
  if (skipped !== undefined) {
    return {
      fire: false,
      reason: `${label} at ${skipped.local}: ${skipped.note ?? skipped.skipped}`,
      occurrence: skipped,
    };
  }
  const local = formatLocalIso(group.timezone, at);
  const around = occurrencesBetween(group, action, new Date(at - 2 * DAY_MS), new Date(at + 2 * DAY_MS), calendar)
    .filter((occurrence) => occurrence.skipped === undefined)
    .sort((a, b) => distance(a) - distance(b))[0];
  const nearest = around === undefined ? "none within two days" : `the nearest is ${around.local}`;
  const cron = group[action];
  const onTime = cron !== undefined && atScheduledTimeOfDay(timesOfDay(cron), group.timezone, at, toleranceMs);
  if (onTime) {
    return {
      fire: false,
      reason: `${scheduledTime.toISOString()} (${local}) is not a scheduled ${label}: a day the schedule leaves out (${nearest})`,
    };
  }
  return {
    fire: false,
    reason: `${scheduledTime.toISOString()} (${local}) is not a scheduled ${label} (${nearest})`,
    misfire: around === undefined ? {} : { nearest: around },
  };
}
