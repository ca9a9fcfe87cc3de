/**
 * SCF tick triggers: SCF allows at most 10 timer triggers per function, so each function gets a few "tick" crons (in
 * the deploy's trigger zone) covering every minute of the day at which one of its groups can be due, whatever the
 * UTC offsets of the year; the handler decides from the config which groups are due at the fire time (the guard).
 * A tick that finds nothing due makes no cloud call. Ticks fire daily: month-day rules (`L`, `5L`, `1#2`), calendars
 * and DST are the guard's business, with the same occurrence rule as `plan`.
 */
import type { PowerAction } from "../../domain/index.ts";
import {
  compressList,
  DEFAULT_RULES_SPAN,
  offsetMinutesAt,
  type ScheduleConfig,
  type ScheduleGroup,
  timesOfDay,
  transitionsInSpan,
} from "../../schedule/index.ts";
import { scfEnforceTick } from "./enforce-tick.ts";
import type { ScfTimerTrigger } from "./tick-trigger.ts";

/** SCF's published limit: timer triggers per function. */
export const SCF_TIMER_LIMIT = 10;
/** The timer's Message: marks the fire as a tick (no group named), so that finding nothing due is not a misfire. */
export const TICK_MESSAGE = JSON.stringify({ powercron: "tick" });

/**
 * A tick's message: the marker and the tick's name in the config. The deployed trigger's own name carries the stage and
 * a hash (`prod-powercron-tick-1-5c7517`), so the handler reads which tick fired from the message.
 */
export function tickMessage(name: string): string {
  return JSON.stringify({ powercron: "tick", tick: name });
}
export const TICK_TRIGGER_PREFIX = "powercron-tick-";

const ACTIONS: readonly PowerAction[] = ["start", "stop"];
const DAY_MINUTES = 1440;

export interface Span {
  readonly from: number;
  readonly to: number;
}

const differencesCache = new Map<string, number[]>();

/** The distinct (trigger zone offset − group zone offset) over the span, in minutes, from both zones' transitions. */
export function offsetDifferences(groupZone: string, triggerZone: string, span: Span): number[] {
  const key = `${groupZone}|${triggerZone}|${span.from}|${span.to}`;
  const known = differencesCache.get(key);
  if (known !== undefined) return known;
  const boundaries = [
    span.from,
    ...transitionsInSpan(groupZone, span.from, span.to).map((transition) => transition.at),
    ...transitionsInSpan(triggerZone, span.from, span.to).map((transition) => transition.at),
  ];
  const differences = new Set(
    boundaries.map((instant) => offsetMinutesAt(triggerZone, instant) - offsetMinutesAt(groupZone, instant)),
  );
  const sorted = [...differences].sort((a, b) => a - b);
  differencesCache.set(key, sorted);
  return sorted;
}

/** The groups of the SCF function of `action`: enabled, deployed on SCF, with that action. */
export function scfGroups(config: Pick<ScheduleConfig, "groups">, action: PowerAction): ScheduleGroup[] {
  return config.groups.filter((group) => group.enabled && group.platform === "scf" && group[action] !== undefined);
}

/** Minute of the day in the trigger zone → the groups that can be due then, for one function. */
export function tickMinutes(config: ScheduleConfig, action: PowerAction, span: Span): Map<number, Set<string>> {
  const triggerZone = config.deploy.scf.triggerTimezone;
  const minutes = new Map<number, Set<string>>();
  for (const group of scfGroups(config, action)) {
    const cron = group[action];
    if (cron === undefined) continue;
    const differences = offsetDifferences(group.timezone, triggerZone, span);
    for (const time of timesOfDay(cron)) {
      for (const difference of differences) {
        const minute = (((time + difference) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
        const groups = minutes.get(minute) ?? new Set<string>();
        groups.add(group.name);
        minutes.set(minute, groups);
      }
    }
  }
  return minutes;
}

/** A cron's minutes × hours: every pair fires. */
interface Box {
  readonly minutes: Set<number>;
  readonly hours: Set<number>;
}

const size = (box: Box) => box.minutes.size * box.hours.size;
const union = (a: Set<number>, b: Set<number>) => new Set([...a, ...b]);

/**
 * The fewest boxes (at most `limit`) that cover every minute of the day given: minutes sharing the same hours make one
 * box; while there are too many, the two whose merge adds the fewest extra fires are merged (an extra fire finds
 * nothing due and costs no cloud call).
 */
export function coverMinutes(minutesOfDay: Iterable<number>, limit: number): Box[] {
  const hoursByMinute = new Map<number, Set<number>>();
  for (const minuteOfDay of minutesOfDay) {
    const hours = hoursByMinute.get(minuteOfDay % 60) ?? new Set<number>();
    hours.add(Math.floor(minuteOfDay / 60));
    hoursByMinute.set(minuteOfDay % 60, hours);
  }
  const byHours = new Map<string, Box>();
  for (const [minute, hours] of [...hoursByMinute].sort((a, b) => a[0] - b[0])) {
    const key = [...hours].sort((a, b) => a - b).join(",");
    const box = byHours.get(key) ?? { minutes: new Set<number>(), hours };
    box.minutes.add(minute);
    byHours.set(key, box);
  }
  const boxes = [...byHours.values()];
  while (boxes.length > limit) {
    let best = { cost: Number.POSITIVE_INFINITY, i: 0, j: 1 };
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as Box;
        const b = boxes[j] as Box;
        const cost = union(a.minutes, b.minutes).size * union(a.hours, b.hours).size - size(a) - size(b);
        if (cost < best.cost) best = { cost, i, j };
      }
    }
    const a = boxes[best.i] as Box;
    const b = boxes[best.j] as Box;
    boxes.splice(best.j, 1);
    boxes[best.i] = { minutes: union(a.minutes, b.minutes), hours: union(a.hours, b.hours) };
  }
  return boxes;
}

/**
 * The SCF timer triggers of both functions: tick crons in `config.deploy.scf.triggerTimezone`, at most
 * SCF_TIMER_LIMIT per function, each with the groups it serves.
 */
export function scfTimerTriggers(config: ScheduleConfig, span: Span = DEFAULT_RULES_SPAN): ScfTimerTrigger[] {
  const triggers: ScfTimerTrigger[] = [];
  for (const action of ACTIONS) {
    const minutes = tickMinutes(config, action, span);
    // An enforcing function keeps one of its timers for the enforce tick.
    const enforce = scfEnforceTick(config, action);
    const limit = SCF_TIMER_LIMIT - (enforce === undefined ? 0 : 1);
    coverMinutes(minutes.keys(), limit).forEach((box, index) => {
      const groups = new Set<string>();
      for (const [minuteOfDay, served] of minutes) {
        if (box.minutes.has(minuteOfDay % 60) && box.hours.has(Math.floor(minuteOfDay / 60))) {
          for (const group of served) groups.add(group);
        }
      }
      const name = `${TICK_TRIGGER_PREFIX}${index + 1}`;
      triggers.push({
        name,
        groups: config.groups.map((group) => group.name).filter((name) => groups.has(name)),
        action,
        cron: `0 ${compressList([...box.minutes], 0, 59)} ${compressList([...box.hours], 0, 23)} * * * *`,
        customArgument: tickMessage(name),
      });
    });
    if (enforce !== undefined) triggers.push(enforce);
  }
  return triggers;
}
