/** Schedules: the config, calendars, time zones and the DST rule, occurrences, the guard, the plan. */

/** The variables the config's alert channels read, for the deploys that copy them into the functions. */
export { channelVariables, NOTIFY_SETTING_VARIABLES, type NotifyVariable } from "../notify/channels.ts";
export { DEFAULT_CONFIG_PATH, findGroup, loadScheduleConfig, parseScheduleConfig } from "./config.ts";
export { configPlace } from "./config-place.ts";
export { conflictWarnings, sharedSelection } from "./conflict-warnings.ts";
export { compressList, fitName, minutesOfHour } from "./cron-fields.ts";
export { type Crontab, timesOfDay } from "./cron-match.ts";
export { type DeploySettings, PLATFORMS, type Platform } from "./deploy-section.ts";
export {
  DEFAULT_ENFORCE_EVERY_MINUTES,
  DEFAULT_ENFORCE_GRACE_MINUTES,
  type DesiredPower,
  type DesiredState,
  desiredStateAt,
  STATE_AFTER,
  type Transition,
} from "./desired-state.ts";
export { DEFAULT_RULES_SPAN, dstGapWarnings } from "./dst-warnings.ts";
export { type EnforceCoverage, enforceCoverage, renderEnforceCoverage } from "./enforce-coverage.ts";
export { enforceEveryOf, enforcesWith } from "./enforcing.ts";
export { atScheduledTimeOfDay, checkScheduledFire, DEFAULT_TOLERANCE_MS, type GuardDecision } from "./guard.ts";
export { type InstanceStatus, instanceStatus, missingStatus, summarizeStatuses } from "./instance-status.ts";
export { groupOccurrences, type Occurrence } from "./occurrences.ts";
export { organizationWords } from "./organization-source.ts";
export { occurrenceJson, renderGroupHeader, renderOccurrences, renderTable, renderWeek } from "./render-plan.ts";
export {
  ENFORCE_EVERY_MINUTES,
  ENFORCE_MODES,
  type EnforceMode,
  type ScheduleConfig,
  type ScheduleGroup,
} from "./schedule-config.ts";
export { groupLabel, scheduleNames } from "./schedule-section.ts";
export { weekPlan } from "./week-plan.ts";
export { formatLocalIso, localTimeAt, offsetMinutesAt, transitionsInSpan, zoneTable } from "./zone.ts";
