/**
 * The enforce schedules: one EventBridge Scheduler schedule per enforcing group and function (the stop function for
 * `stop` and `both`, the start function for `both`), every `enforceEvery` minutes in the group's zone. Pure.
 */
import type { PowerAction } from "../../domain/index.ts";
import {
  compressList,
  enforceEveryOf,
  enforcesWith,
  fitName,
  minutesOfHour,
  type ScheduleConfig,
} from "../../schedule/index.ts";
import { type AwsScheduleTrigger, SCHEDULED_TIME_PLACEHOLDER } from "./schedule-trigger.ts";

const ACTIONS: readonly PowerAction[] = ["start", "stop"];

/** The AWS enforce schedules: a cron every `enforceEvery` minutes, carrying `{"group","enforce":true,scheduledTime}`. */
export function awsEnforceTriggers(config: Pick<ScheduleConfig, "groups">): AwsScheduleTrigger[] {
  const triggers: AwsScheduleTrigger[] = [];
  for (const group of config.groups) {
    if (group.platform !== "aws") continue;
    for (const action of ACTIONS) {
      if (!enforcesWith(group, action)) continue;
      triggers.push({
        name: fitName(`powercron-${group.name}`, `-enforce-${action}`, 64),
        group: group.name,
        action,
        expression: `cron(${compressList(minutesOfHour(enforceEveryOf(group)), 0, 59)} * * * ? *)`,
        timezone: group.timezone,
        input: JSON.stringify({ group: group.name, enforce: true, scheduledTime: SCHEDULED_TIME_PLACEHOLDER }),
        enforce: true,
      });
    }
  }
  return triggers;
}
