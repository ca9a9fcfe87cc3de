/**
 * The config turned into platform triggers: EventBridge Scheduler schedules (AWS, one per group action, in the group's
 * own zone, carrying the group's name) and SCF tick timers (ticks.ts). The handler's guard (guard.ts) checks every
 * fire against the group's cron, calendar and zone, so a trigger may fire more often than the schedule (daily for a
 * group with a calendar) and still act exactly once per occurrence.
 */
import { createHash } from "node:crypto";
import type { PowerAction } from "../domain/index.ts";
import { InvalidInputError } from "../errors.ts";
import type { ScheduleConfig, ScheduleGroup } from "./config.ts";
import type { Crontab } from "./crontab.ts";

export interface AwsScheduleTrigger {
  /** EventBridge Scheduler schedule name (≤ 64 characters of [0-9A-Za-z_.-]). */
  name: string;
  group: string;
  action: "start" | "stop";
  /** `cron(0 20 ? * MON-FRI *)` */
  expression: string;
  /** ScheduleExpressionTimezone: the group's zone. */
  timezone: string;
  /** JSON text: `{"group":…,"scheduledTime":"<aws.scheduler.scheduled-time>"}`, so that the guard sees the time. */
  input: string;
  /** Set on an enforce schedule (enforce-triggers.ts): fires every `enforceEvery` minutes, not at the group's crons. */
  enforce?: true;
}

export interface ScfTimerTrigger {
  /** ≤ 60 characters: a letter, then letters, digits, `-` and `_`. */
  name: string;
  /** The groups whose starts or stops this tick can find due. */
  groups: string[];
  action: "start" | "stop";
  /** 7-field SCF cron (`second minute hour day month day-of-week year`) in the trigger zone. */
  cron: string;
  /** JSON text, the timer's Message: the tick marker `{"powercron":"tick","tick":"<name>"}`. */
  customArgument: string;
}

const ACTIONS: readonly PowerAction[] = ["start", "stop"];
const AWS_DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;
/** The scheduler fills this in with the scheduled time (ISO 8601, UTC). */
export const SCHEDULED_TIME_PLACEHOLDER = "<aws.scheduler.scheduled-time>";

/** Crontab's day-of-week (0-7, 0 and 7 = Sunday) as AWS's (1-7, 1 = Sunday). */
export function awsDayOfWeek(crontabDay: number): number {
  return (crontabDay % 7) + 1;
}

/** `[1,2,3,5]` → `1-3,5`; all of `[min..max]` → `*`. */
export function compressList(
  values: readonly number[],
  min: number,
  max: number,
  name: (value: number) => string = String,
): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length === max - min + 1) return "*";
  const parts: string[] = [];
  for (let index = 0; index < sorted.length; ) {
    let end = index;
    while (end + 1 < sorted.length && (sorted[end + 1] ?? 0) === (sorted[end] ?? 0) + 1) end++;
    const low = sorted[index] ?? 0;
    const high = sorted[end] ?? 0;
    parts.push(
      high - low >= 2 ? `${name(low)}-${name(high)}` : low === high ? name(low) : `${name(low)},${name(high)}`,
    );
    index = end + 1;
  }
  return parts.join(",");
}

/** A name within `max` characters: shortened with a hash of the whole when it does not fit. */
export function fitName(base: string, suffix: string, max: number): string {
  const full = `${base}${suffix}`;
  if (full.length <= max) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 6);
  return `${base.slice(0, max - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

function groupPath(config: ScheduleConfig, group: ScheduleGroup): string {
  return `groups[${config.groups.indexOf(group)}] (${group.name})`;
}

/** The month-day rules of day-of-week as EventBridge writes them (1-7 = SUN-SAT): `6L`, `2#1`. */
function awsSpecialDayOfWeek(cron: Crontab): string | undefined {
  const rules = [
    ...cron.lastWeekdays.map((day) => `${awsDayOfWeek(day)}L`),
    ...cron.nthWeekdays.map((rule) => `${awsDayOfWeek(rule.dayOfWeek)}#${rule.nth}`),
  ];
  return rules.length === 0 ? undefined : rules.join(",");
}

function awsExpression(group: ScheduleGroup, cron: Crontab, path: string): string {
  const minute = compressList(cron.minutes, 0, 59);
  const hour = compressList(cron.hours, 0, 23);
  if (group.calendar !== undefined) return `cron(${minute} ${hour} * * ? *)`;
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) {
    throw new InvalidInputError(
      `${path}: "${cron.source}" restricts both day-of-month and day-of-week; crontab fires when either matches, but an EventBridge cron needs one of them to be "?"`,
      [
        `${path}: "${cron.source}" cannot be expressed as an EventBridge cron (both day fields restricted); give the group a calendar (it then fires daily and the handler applies crontab's rule) or split it into two groups`,
      ],
    );
  }
  const month = cron.monthRestricted ? compressList(cron.months, 1, 12) : "*";
  if (cron.dayOfWeekRestricted) {
    const special = awsSpecialDayOfWeek(cron);
    if (special !== undefined) {
      if (special.includes(",")) {
        throw new InvalidInputError(`${path}: "${cron.source}": EventBridge takes one nL or n#k rule per cron`, [
          `${path}: "${cron.source}" has several nL/n#k rules; EventBridge takes one per cron: split it into groups`,
        ]);
      }
      return `cron(${minute} ${hour} ? ${month} ${special} *)`;
    }
    const days = cron.daysOfWeek.map(awsDayOfWeek);
    const dayOfWeek = compressList(days, 1, 7, (day) => AWS_DAY_NAMES[day - 1] ?? String(day));
    return `cron(${minute} ${hour} ? ${month} ${dayOfWeek === "*" ? "*" : dayOfWeek} *)`;
  }
  const dayOfMonth = cron.lastDayOfMonth
    ? "L"
    : cron.dayOfMonthRestricted
      ? compressList(cron.daysOfMonth, 1, 31)
      : "*";
  return `cron(${minute} ${hour} ${dayOfMonth} ${month} ? *)`;
}

/** EventBridge Scheduler schedules for the enabled groups deployed on AWS. Throws what cannot be expressed. */
export function awsScheduleTriggers(config: ScheduleConfig): AwsScheduleTrigger[] {
  const triggers: AwsScheduleTrigger[] = [];
  const issues: string[] = [];
  for (const group of config.groups) {
    if (!group.enabled || group.platform !== "aws") continue;
    for (const action of ACTIONS) {
      const cron = group[action];
      if (cron === undefined) continue;
      try {
        triggers.push({
          name: fitName(`powercron-${group.name}`, `-${action}`, 64),
          group: group.name,
          action,
          expression: awsExpression(group, cron, `${groupPath(config, group)}.${action}`),
          timezone: group.timezone,
          input: JSON.stringify({ group: group.name, scheduledTime: SCHEDULED_TIME_PLACEHOLDER }),
        });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        issues.push(...error.issues);
      }
    }
  }
  if (issues.length > 0) {
    throw new InvalidInputError(`Cannot express as EventBridge schedules:\n  - ${issues.join("\n  - ")}`, issues);
  }
  return triggers;
}

export { SCF_TIMER_LIMIT, scfTimerTriggers, TICK_MESSAGE } from "./ticks.ts";
