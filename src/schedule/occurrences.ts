/**
 * The occurrence engine: when a group's start or stop happens in a window of time, and which occurrences are skipped
 * and why. Pure: the window is passed in.
 *
 * DST, one rule on both clouds (EventBridge Scheduler's): a local time that does not exist on a spring-forward day is
 * skipped; a local time that occurs twice on a fall-back day happens once, at its first occurrence.
 */
import type { PowerAction } from "../domain/index.ts";
import { type Calendar, describeHoliday, holidayOn, isExtraWorkday } from "./calendar.ts";
import { matchesDay, timesOfDay } from "./cron-match.ts";
import type { ScheduleConfig, ScheduleGroup } from "./schedule-config.ts";
import {
  addDays,
  formatDate,
  formatLocalIso,
  formatOffset,
  instantsOfLocalTime,
  localTimeAt,
  offsetBeforeLocalTime,
} from "./zone.ts";

export type OccurrenceReason = "cron" | "extra-workday";
export type SkipReason = "holiday" | "dst-gap" | "dst-repeat";

export interface Occurrence {
  readonly group: string;
  readonly action: PowerAction;
  /** The UTC instant. For a time in a DST gap: where it would have been with the offset before the jump. */
  readonly at: Date;
  /** ISO 8601 with the group's offset (`2026-03-30T08:00:00+02:00`). */
  readonly local: string;
  /** The local date (`YYYY-MM-DD`) in the group's zone. */
  readonly date: string;
  readonly reason: OccurrenceReason;
  /** Set when the occurrence does not fire. */
  readonly skipped?: SkipReason;
  /** Why, in words, for plan and the guard's report. */
  readonly note?: string;
}

const MINUTE_MS = 60_000;
const FIFTEEN_HOURS_MS = 15 * 3_600_000;
const pad = (value: number) => String(value).padStart(2, "0");

/**
 * What the occurrence engine reads of a group: its name, whether it is enabled, its crons, zone and calendar (the SCF
 * tick front passes these, compiled at build time, without the rest of the group).
 */
export type OccurrenceRule = Pick<ScheduleGroup, "name" | "enabled" | "start" | "stop" | "timezone" | "calendar">;

/** The calendar a group uses, if any. */
export function calendarOf(
  group: Pick<ScheduleGroup, "calendar">,
  config: Pick<ScheduleConfig, "calendars">,
): Calendar | undefined {
  return group.calendar === undefined ? undefined : config.calendars[group.calendar];
}

/**
 * Every occurrence of the group's `action` with `from <= at < to`, in order, skipped ones included. A disabled group or
 * one without that action has none.
 */
export function occurrencesBetween(
  group: OccurrenceRule,
  action: PowerAction,
  from: Date,
  to: Date,
  calendar: Calendar | undefined,
): Occurrence[] {
  const cron = group[action];
  if (cron === undefined || !group.enabled) return [];
  const zone = group.timezone;
  const times = timesOfDay(cron);
  const first = localTimeAt(zone, from.getTime());
  const last = localTimeAt(zone, to.getTime());
  const days = Math.round(
    (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(first.year, first.month - 1, first.day)) / 86_400_000,
  );
  const found: Occurrence[] = [];
  for (let offset = -1; offset <= days + 1; offset++) {
    const day = addDays(first, offset);
    const date = formatDate(day);
    let reason: OccurrenceReason;
    if (matchesDay(cron, day)) reason = "cron";
    else if (isExtraWorkday(calendar, date)) reason = "extra-workday";
    else continue;
    const holiday = action === "start" ? holidayOn(calendar, date) : undefined;
    for (const minutes of times) {
      const wall = { ...day, hour: Math.floor(minutes / 60), minute: minutes % 60 };
      // No zone is more than 15 hours from UTC: a wall time that far outside the window has no instant in it.
      const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
      if (asUtc - FIFTEEN_HOURS_MS >= to.getTime() || asUtc + FIFTEEN_HOURS_MS < from.getTime()) continue;
      const clock = `${pad(wall.hour)}:${pad(wall.minute)}`;
      const base = { group: group.name, action, date, reason };
      const instants = instantsOfLocalTime(zone, wall);
      const candidates: Occurrence[] = [];
      if (instants.length === 0) {
        const offsetBefore = offsetBeforeLocalTime(zone, wall);
        const at = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - offsetBefore * MINUTE_MS;
        candidates.push({
          ...base,
          at: new Date(at),
          local: `${date}T${clock}:00${formatOffset(offsetBefore)}`,
          skipped: "dst-gap",
          note: `${clock} does not exist in ${zone} on ${date} (clocks go forward): skipped`,
        });
      } else {
        instants.forEach((instant, index) => {
          const local = formatLocalIso(zone, instant);
          if (index > 0) {
            candidates.push({
              ...base,
              at: new Date(instant),
              local,
              skipped: "dst-repeat",
              note: `${clock} occurs twice in ${zone} on ${date} (clocks go back): it ran at its first occurrence, ${formatLocalIso(zone, instants[0] ?? instant)}`,
            });
          } else if (holiday !== undefined) {
            candidates.push({
              ...base,
              at: new Date(instant),
              local,
              skipped: "holiday",
              note: `${date} is a holiday in calendar ${calendar?.name}: ${describeHoliday(holiday)}`,
            });
          } else {
            candidates.push({ ...base, at: new Date(instant), local });
          }
        });
      }
      for (const candidate of candidates) {
        const at = candidate.at.getTime();
        if (at >= from.getTime() && at < to.getTime()) found.push(candidate);
      }
    }
  }
  return found.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Both actions of a group, merged in time order. */
export function groupOccurrences(
  group: ScheduleGroup,
  from: Date,
  to: Date,
  config: Pick<ScheduleConfig, "calendars">,
): Occurrence[] {
  const calendar = calendarOf(group, config);
  return [
    ...occurrencesBetween(group, "start", from, to, calendar),
    ...occurrencesBetween(group, "stop", from, to, calendar),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.action === "stop" ? -1 : 1));
}
