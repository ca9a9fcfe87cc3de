/** An EventBridge Scheduler schedule as the config makes it. Types and constants only: imports nothing back. */
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
  /** Set on an enforce schedule (enforce-schedules.ts): fires every `enforceEvery` minutes, not at the group's crons. */
  enforce?: true;
}

/** The scheduler fills this in with the scheduled time (ISO 8601, UTC). */
export const SCHEDULED_TIME_PLACEHOLDER = "<aws.scheduler.scheduled-time>";
