/**
 * The local SCF's timers firing: every fire of every open timer trigger in a window, as the event SCF hands the
 * function (`{"Type":"Timer","TriggerName","Time","Message"}`), crons read in the platform's zone (unconfirmed on the
 * real platform; Asia/Shanghai by default, like deploy.scf.triggerTimezone). Timer invocations are asynchronous and may
 * be delivered twice: `duplicates` repeats every fire, so that tests see what the platform may do.
 */
import { CronExpressionParser } from "cron-parser";
import type { ScfState } from "./scf-state.ts";

export interface TimerEvent {
  readonly Type: "Timer";
  readonly TriggerName: string;
  /** ISO 8601 UTC, to the second (`2026-11-23T13:00:00Z`). */
  readonly Time: string;
  readonly Message: string;
}

export interface TimerFire {
  readonly region: string;
  readonly namespace: string;
  readonly functionName: string;
  readonly event: TimerEvent;
}

export interface TimerFireOptions {
  readonly from: number;
  readonly to: number;
  /** The zone crons are read in. Default Asia/Shanghai. */
  readonly zone?: string;
  /** Deliver every fire twice, as the platform may. */
  readonly duplicates?: boolean;
}

/** A 7-field SCF cron (`sec min hour dom month dow year`) as cron-parser's 6 fields; the year must be `*`. */
function sixFields(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length === 7 && fields[6] !== "*") throw new Error(`local SCF: a year field other than * in "${cron}"`);
  return fields.slice(0, 6).join(" ");
}

/** The zone's offset in minutes at `instant`. */
function offsetAt(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(new Date(instant));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(value("year"), value("month") - 1, value("day"), value("hour"), value("minute"));
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The zone's one offset over the window (checked daily), or undefined when it changes. */
function fixedOffset(zone: string, from: number, to: number): number | undefined {
  const first = offsetAt(zone, from);
  for (let instant = from; instant <= to + 86_400_000; instant += 86_400_000) {
    if (offsetAt(zone, instant) !== first) return undefined;
  }
  return first;
}

/**
 * The fire instants of one cron in [from, to): read in UTC and shifted when the zone keeps one offset over the window
 * (Asia/Shanghai: much faster), else read by cron-parser in the zone.
 */
function fireInstants(cron: string, zone: string, from: number, to: number): number[] {
  const offset = fixedOffset(zone, from, to);
  const shift = (offset ?? 0) * 60_000;
  const expression = CronExpressionParser.parse(sixFields(cron), {
    tz: offset === undefined ? zone : "UTC",
    currentDate: new Date(from + shift - 1000),
    endDate: new Date(to + shift),
  });
  const instants: number[] = [];
  while (expression.hasNext()) {
    const at = expression.next().getTime() - (offset === undefined ? 0 : shift);
    if (at >= to) break;
    if (at >= from) instants.push(at);
  }
  return instants;
}

/** Every fire in [from, to), in time order (ties by function and trigger name). */
export function timerFires(state: ScfState, options: TimerFireOptions): TimerFire[] {
  const fires: TimerFire[] = [];
  for (const view of state.list()) {
    for (const trigger of view.function.triggers) {
      if (trigger.Type !== "timer" || trigger.Enable !== 1) continue;
      const { cron } = JSON.parse(trigger.TriggerDesc) as { cron: string };
      for (const at of fireInstants(cron, options.zone ?? "Asia/Shanghai", options.from, options.to)) {
        const event: TimerEvent = {
          Type: "Timer",
          TriggerName: trigger.TriggerName,
          Time: `${new Date(at).toISOString().slice(0, 19)}Z`,
          Message: trigger.CustomArgument,
        };
        const fire = {
          region: view.region,
          namespace: view.namespace,
          functionName: view.function.FunctionName,
          event,
        };
        fires.push(fire);
        if (options.duplicates) fires.push(fire);
      }
    }
  }
  return fires.sort(
    (a, b) =>
      a.event.Time.localeCompare(b.event.Time) ||
      a.functionName.localeCompare(b.functionName) ||
      a.event.TriggerName.localeCompare(b.event.TriggerName),
  );
}
