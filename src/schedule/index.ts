/** Schedules: the config, calendars, time zones and the DST rule, occurrences, the guard, triggers and ticks, the plan. */
export * from "./config.ts";
export { conflictWarnings, sharedSelection } from "./conflict-warnings.ts";
export {
  DEFAULT_ENFORCE_EVERY_MINUTES,
  DEFAULT_ENFORCE_GRACE_MINUTES,
  type DesiredPower,
  type DesiredState,
  desiredStateAt,
  STATE_AFTER,
  type Transition,
} from "./desired-state.ts";
export { dstGapWarnings } from "./dst-warnings.ts";
export { type EnforceCoverage, enforceCoverage, renderEnforceCoverage } from "./enforce-coverage.ts";
export {
  awsEnforceTriggers,
  dueEnforceGroups,
  ENFORCE_TICK_NAME,
  enforcesWith,
  scfEnforceTick,
  scfEnforcingGroups,
} from "./enforce-triggers.ts";
export { checkScheduledFire, DEFAULT_TOLERANCE_MS, type GuardDecision } from "./guard.ts";
export { type InstanceStatus, instanceStatus, missingStatus, summarizeStatuses } from "./instance-status.ts";
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
export { formatLocalIso } from "./zone.ts";
