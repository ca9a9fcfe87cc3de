/** The domain: powercron's vocabulary and its pure decisions. Imports nothing but errors. */
export * from "./account.ts";
export { type Decision, decide, fellBack, reachedTarget } from "./decide.ts";
export { type ClassifiedFailure, type FailureKind, retriesAsIs } from "./failure-kind.ts";
export { KEEP_RUNNING_TAG, readKeepRunningUntil } from "./keep-running-tag.ts";
export { SCHEDULE_TAG, scheduleSelection, unknownScheduleNote } from "./schedule-tag.ts";
export { outsideRegionsMessage, outsideScope, targetsOutsideScope } from "./scope-guard.ts";
export { readSkip, SKIP_TAG, type Skip, skipNote, skipReason } from "./skip-tag.ts";
export {
  LAST_ACTION_TAG,
  LAST_ERROR_TAG,
  lastActionValue,
  lastErrorValue,
  STAMP_TAG_KEYS,
  stampTime,
} from "./stamp-tags.ts";
export * from "./types.ts";
