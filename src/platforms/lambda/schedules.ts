/**
 * The config turned into EventBridge Scheduler schedules: one per group action, in the group's own zone, carrying the
 * group's name. The handler's guard (schedule/guard.ts) checks every fire against the group's cron, calendar and
 * zone, so a schedule may fire more often than the group (daily for a group with a calendar) and still act exactly
 * once per occurrence.
 */
import type { PowerAction } from "../../domain/index.ts";
import { InvalidInputError } from "../../errors.ts";
import {
  type Crontab,
  compressList,
  configPlace,
  fitName,
  type ScheduleConfig,
  type ScheduleGroup,
} from "../../schedule/index.ts";
import { type AwsScheduleTrigger, SCHEDULED_TIME_PLACEHOLDER } from "./schedule-trigger.ts";

const ACTIONS: readonly PowerAction[] = ["start", "stop"];
const AWS_DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;
/** Crontab's day-of-week (0-7, 0 and 7 = Sunday) as AWS's (1-7, 1 = Sunday). */
export function awsDayOfWeek(crontabDay: number): number {
  return (crontabDay % 7) + 1;
}

function groupPath(config: ScheduleConfig, group: ScheduleGroup): string {
  return `${configPlace(config.groups, config.groups.indexOf(group))} (${group.name})`;
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
