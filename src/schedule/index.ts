/** Schedules: the config, calendars, time zones and the DST rule, occurrences, the guard, triggers and ticks, the plan. */
export * from "./config.ts";
export { checkScheduledFire, DEFAULT_TOLERANCE_MS, type GuardDecision } from "./guard.ts";
export { groupOccurrences, type Occurrence } from "./occurrences.ts";
export {
  occurrenceJson,
  renderAwsTriggers,
  renderGroupHeader,
  renderOccurrences,
  renderScfTriggers,
  renderWeek,
} from "./render-plan.ts";
export { checkTickTime, dueGroups } from "./tick-due.ts";
export {
  type AwsScheduleTrigger,
  awsScheduleTriggers,
  fitName,
  SCF_TIMER_LIMIT,
  type ScfTimerTrigger,
  scfTimerTriggers,
} from "./triggers.ts";
export { weekPlan } from "./week-plan.ts";
