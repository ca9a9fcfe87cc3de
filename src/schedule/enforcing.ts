/**
 * Which function enforces a group (the stop function for `stop` and `both`, the start function for `both`), and how
 * often. Pure. Each platform turns these into its own triggers (src/platforms/<platform>/).
 */
import type { PowerAction } from "../domain/index.ts";
import type { ScheduleGroup } from "./config.ts";
import { DEFAULT_ENFORCE_EVERY_MINUTES } from "./desired-state.ts";

/** Whether the function of `action` enforces this group: stop for `stop` and `both`, start for `both` only. */
export function enforcesWith(group: ScheduleGroup, action: PowerAction): boolean {
  if (!group.enabled || group.enforce === undefined) return false;
  return action === "stop" || group.enforce === "both";
}

/** The group's enforce interval in minutes. */
export function enforceEveryOf(group: ScheduleGroup): number {
  return group.enforceEvery ?? DEFAULT_ENFORCE_EVERY_MINUTES;
}
