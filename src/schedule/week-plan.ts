/**
 * A group's week at a glance: on/off per local hour for the seven local days from a date, the share of the week the
 * machines are off, and what that saves. Pure: `from` is passed in.
 *
 * Savings = off hours × hourlyPrice × instances, where instances is `instanceCount` or the count of the group's IDs
 * (a group that names its instances by ID only). Without either, hourlyPrice is read as the whole group's price per
 * hour. A month is 365.25 / 12 days.
 */

import { groupOccurrences, type Occurrence } from "./occurrences.ts";
import type { ScheduleConfig, ScheduleGroup } from "./schedule-config.ts";
import { addDays, formatDate, instantsOfLocalTime, localTimeAt } from "./zone.ts";

export type Cell = "on" | "off" | "partial" | "none";

export interface DayRow {
  readonly date: string;
  readonly dayOfWeek: number;
  /** 24 cells, local hours 00-23; `none` for an hour the clocks skip. */
  readonly cells: readonly Cell[];
}

export interface Savings {
  readonly perWeek: number;
  readonly perMonth: number;
  readonly currency?: string;
  /** `12 instances × 0.55/h` or `0.35/h for the group (instance count unknown)`. */
  readonly basis: string;
}

export interface WeekPlan {
  readonly group: string;
  readonly days: readonly DayRow[];
  readonly offHours: number;
  readonly totalHours: number;
  readonly offShare: number;
  readonly savings?: Savings;
  /** What the figures assume (a stop-only group: nobody starts the machines by hand). */
  readonly assumption?: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MONTH_WEEKS = 365.25 / 12 / 7;

/** The first instant of a local date (midnight, or the first minute that exists when midnight is skipped). */
export function startOfLocalDay(zone: string, date: { year: number; month: number; day: number }): number {
  for (let minute = 0; minute < 24 * 60; minute += 15) {
    const [instant] = instantsOfLocalTime(zone, { ...date, hour: Math.floor(minute / 60), minute: minute % 60 });
    if (instant !== undefined) return instant;
  }
  throw new Error(`no instant of ${formatDate(date)} exists in ${zone}`);
}

function onIntervals(
  events: readonly Occurrence[],
  initiallyOn: boolean,
  from: number,
  to: number,
): [number, number][] {
  const intervals: [number, number][] = [];
  let on = initiallyOn;
  let since = from;
  for (const event of events) {
    const at = event.at.getTime();
    if (at < from || at >= to) continue;
    if (event.action === "start" && !on) {
      on = true;
      since = at;
    } else if (event.action === "stop" && on) {
      intervals.push([since, at]);
      on = false;
    }
  }
  if (on) intervals.push([since, to]);
  return intervals;
}

function overlap(intervals: readonly [number, number][], from: number, to: number): number {
  return intervals.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);
}

export function weekPlan(group: ScheduleGroup, from: Date, config: Pick<ScheduleConfig, "calendars">): WeekPlan {
  const zone = group.timezone;
  const firstDay = localTimeAt(zone, from.getTime());
  const weekStart = startOfLocalDay(zone, firstDay);
  const weekEnd = startOfLocalDay(zone, addDays(firstDay, 7));
  const lookBack = weekStart - 35 * DAY_MS;
  const events = groupOccurrences(group, new Date(lookBack), new Date(weekEnd), config).filter(
    (occurrence) => occurrence.skipped === undefined,
  );
  const before = events.filter((event) => event.at.getTime() < weekStart).at(-1);
  let assumption: string | undefined;
  let initiallyOn: boolean;
  if (before !== undefined) initiallyOn = before.action === "start";
  else if (group.start === undefined) initiallyOn = true;
  else initiallyOn = group.stop !== undefined;
  if (group.start === undefined) {
    assumption =
      "stop-only group: counts the machines off from each stop on (nobody starts them by hand); an upper bound";
  } else if (group.stop === undefined) {
    assumption =
      "start-only group: counts the machines on from each start on (nobody stops them by hand); a lower bound";
  }
  const intervals = onIntervals(events, initiallyOn, weekStart, weekEnd);

  const days: DayRow[] = [];
  for (let index = 0; index < 7; index++) {
    const day = addDays(firstDay, index);
    const cells: Cell[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const [start] = instantsOfLocalTime(zone, { ...day, hour, minute: 0 });
      if (start === undefined) {
        cells.push("none");
        continue;
      }
      const next = hour === 23 ? addDays(day, 1) : day;
      const nextHour = (hour + 1) % 24;
      const end = instantsOfLocalTime(zone, { ...next, hour: nextHour, minute: 0 })[0] ?? start + HOUR_MS;
      const onMs = overlap(intervals, start, end);
      cells.push(onMs === 0 ? "off" : onMs >= end - start ? "on" : "partial");
    }
    days.push({ date: formatDate(day), dayOfWeek: day.dayOfWeek, cells });
  }

  const totalMs = weekEnd - weekStart;
  const offMs = totalMs - overlap(intervals, weekStart, weekEnd);
  const offHours = offMs / HOUR_MS;
  let savings: Savings | undefined;
  if (group.hourlyPrice !== undefined) {
    const count = group.instanceCount;
    const perWeek = offHours * group.hourlyPrice * (count ?? 1);
    savings = {
      perWeek,
      perMonth: perWeek * MONTH_WEEKS,
      ...(group.currency === undefined ? {} : { currency: group.currency }),
      basis:
        count === undefined
          ? `${group.hourlyPrice}/h for the whole group (instance count unknown: set instanceCount)`
          : `${count} instance${count === 1 ? "" : "s"} × ${group.hourlyPrice}/h`,
    };
  }
  return {
    group: group.name,
    days,
    offHours,
    totalHours: totalMs / HOUR_MS,
    offShare: totalMs === 0 ? 0 : offMs / totalMs,
    ...(savings === undefined ? {} : { savings }),
    ...(assumption === undefined ? {} : { assumption }),
  };
}
