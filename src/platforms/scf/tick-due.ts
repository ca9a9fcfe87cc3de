/**
 * What an SCF tick fire stands for: is it one of the function's deployed ticks (else a misfire: the platform reads
 * crons in another zone, or the deploy is stale), and which groups are due at its time (the guard, group by group).
 * Pure: the fire time is passed in.
 */
import type { PowerAction } from "../../domain/index.ts";
import {
  atScheduledTimeOfDay,
  checkScheduledFire,
  DEFAULT_TOLERANCE_MS,
  formatLocalIso,
  localTimeAt,
  type Occurrence,
  type ScheduleConfig,
  type ScheduleGroup,
  timesOfDay,
} from "../../schedule/index.ts";
import type { ScfTimerTrigger } from "./tick-trigger.ts";
import { scfGroups, scfTimerTriggers } from "./ticks.ts";

const DAY_MINUTES = 1440;
const triggersOf = new WeakMap<ScheduleConfig, ScfTimerTrigger[]>();
const minutesOf = new WeakMap<ScfTimerTrigger, number[]>();
const timesOf = new WeakMap<object, number[]>();

function tickMinutesOf(trigger: ScfTimerTrigger): number[] {
  let minutes = minutesOf.get(trigger);
  if (minutes === undefined) {
    minutes = tickCronMinutes(trigger.cron);
    minutesOf.set(trigger, minutes);
  }
  return minutes;
}

function timesOfCron(cron: Parameters<typeof timesOfDay>[0]): number[] {
  let times = timesOf.get(cron);
  if (times === undefined) {
    times = timesOfDay(cron);
    timesOf.set(cron, times);
  }
  return times;
}

/** The config's SCF ticks, computed once per loaded config (a warm function keeps them). */
export function cachedTicks(config: ScheduleConfig): ScfTimerTrigger[] {
  let triggers = triggersOf.get(config);
  if (triggers === undefined) {
    triggers = scfTimerTriggers(config);
    triggersOf.set(config, triggers);
  }
  return triggers;
}

/** Every minute of the day a tick cron fires at (`0 0,30 8,9 * * * *` → 480, 510, 540, 570). */
export function tickCronMinutes(cron: string): number[] {
  const [, minuteField = "", hourField = ""] = cron.split(" ");
  const expand = (field: string, max: number) =>
    field === "*"
      ? Array.from({ length: max + 1 }, (_, value) => value)
      : field.split(",").flatMap((part) => {
          const [low = 0, high = low] = part.split("-").map(Number);
          return Array.from({ length: high - low + 1 }, (_, index) => low + index);
        });
  return expand(hourField, 23).flatMap((hour) => expand(minuteField, 59).map((minute) => hour * 60 + minute));
}

export type TickCheck =
  | { readonly onTick: true }
  | { readonly onTick: false; readonly reason: string; readonly nearest?: string };

/** Whether a tick fired at one of its deployed times (in the trigger zone, within the tolerance). */
export function checkTickTime(
  config: ScheduleConfig,
  action: PowerAction,
  triggerName: string,
  at: Date,
  toleranceMs: number = DEFAULT_TOLERANCE_MS,
): TickCheck {
  const zone = config.deploy.scf.triggerTimezone;
  const ticks = cachedTicks(config).filter((trigger) => trigger.action === action);
  const trigger = ticks.find((candidate) => candidate.name === triggerName);
  const minutes = (trigger ? [trigger] : ticks).flatMap(tickMinutesOf);
  if (trigger !== undefined && atScheduledTimeOfDay(minutes, zone, at.getTime(), toleranceMs)) return { onTick: true };
  const local = localTimeAt(zone, at.getTime());
  const minute = local.hour * 60 + local.minute;
  const nearestMinute = [...minutes].sort((a, b) => circular(a, minute) - circular(b, minute))[0];
  const nearest =
    nearestMinute === undefined
      ? undefined
      : `${String(Math.floor(nearestMinute / 60)).padStart(2, "0")}:${String(nearestMinute % 60).padStart(2, "0")} ${zone}`;
  const fired = `${at.toISOString()} (${formatLocalIso(zone, at.getTime())} in ${zone})`;
  const reason =
    trigger === undefined
      ? `SCF timer "${triggerName}" fired at ${fired}, but this config's ${action} ticks are ${ticks.map((t) => t.name).join(", ") || "none"}`
      : `SCF tick "${triggerName}" fired at ${fired}, which is none of its times (the nearest is ${nearest})`;
  return { onTick: false, reason, ...(nearest === undefined ? {} : { nearest }) };
}

function circular(a: number, b: number): number {
  const distance = Math.abs(a - b) % DAY_MINUTES;
  return Math.min(distance, DAY_MINUTES - distance);
}

export interface DueGroup {
  readonly group: ScheduleGroup;
  readonly occurrence: Occurrence;
}

/**
 * The SCF groups whose `action` is due at `at` by the guard (cron, calendar, zone, DST rule), and a note for each group
 * whose time it is but whose occurrence is skipped (a holiday, the DST twin, a day the schedule leaves out).
 */
export function dueGroups(
  config: ScheduleConfig,
  action: PowerAction,
  at: Date,
  toleranceMs: number = DEFAULT_TOLERANCE_MS,
): { due: DueGroup[]; notes: string[] } {
  const due: DueGroup[] = [];
  const notes: string[] = [];
  for (const group of scfGroups(config, action)) {
    const cron = group[action];
    if (cron === undefined) continue;
    // Cheap first: the group's local time of day; the guard only for the groups whose time it is.
    if (!atScheduledTimeOfDay(timesOfCron(cron), group.timezone, at.getTime(), toleranceMs)) continue;
    const decision = checkScheduledFire(group, action, at, config, toleranceMs);
    if (decision.fire) due.push({ group, occurrence: decision.occurrence });
    else notes.push(decision.reason);
  }
  return { due, notes };
}
