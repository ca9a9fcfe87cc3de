/**
 * The schedule guard: when a timer fires for a group, does this fire stand for one of the group's occurrences? A
 * trigger per UTC offset (SCF), or a daily trigger for a group with a calendar, fires more often than the group's
 * schedule; the guard lets exactly one fire through per occurrence and says why it skips the others.
 */
import type { PowerAction } from "../domain/types.ts";
import type { ScheduleConfig, ScheduleGroup } from "./config.ts";
import { calendarOf, type Occurrence, occurrencesBetween } from "./occurrences.ts";
import { formatLocalIso } from "./zone.ts";

/**
 * How far a trigger's scheduled time may be from an occurrence and still count as it: timers carry their scheduled
 * minute (EventBridge lands within 60 s; SCF's `Time` is reported to the second), and the smallest difference between
 * two UTC offsets of one zone is 30 minutes (Australia/Lord_Howe), so 5 minutes tells DST twins apart with room to spare.
 */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

export type GuardDecision =
  | { readonly fire: true; readonly occurrence: Occurrence }
  | { readonly fire: false; readonly reason: string; readonly occurrence?: Occurrence };

const DAY_MS = 86_400_000;

export function checkScheduledFire(
  group: ScheduleGroup,
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
  const nextDay = occurrencesBetween(group, action, new Date(at - DAY_MS), new Date(at + DAY_MS), calendar)
    .filter((occurrence) => occurrence.skipped === undefined)
    .sort((a, b) => distance(a) - distance(b))[0];
  const nearest = nextDay === undefined ? "none within a day" : `the nearest is ${nextDay.local}`;
  return {
    fire: false,
    reason: `${scheduledTime.toISOString()} (${local}) is not a scheduled ${label} (${nearest}); a trigger for another UTC offset or a day the schedule leaves out`,
  };
}
