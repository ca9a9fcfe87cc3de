/**
 * The SCF enforce tick: one per function that fires every `enforceEvery` minutes (the smallest of its groups') and
 * runs the enforcing groups due at that minute. Pure. (Lambda writes a schedule per group: ../lambda/.)
 */
import type { PowerAction } from "../../domain/index.ts";
import {
  compressList,
  enforceEveryOf,
  enforcesWith,
  localTimeAt,
  minutesOfHour,
  type ScheduleConfig,
  type ScheduleGroup,
} from "../../schedule/index.ts";
import { ENFORCE_TICK_NAME, enforceDueAt } from "./enforce-minutes.ts";
import type { ScfTimerTrigger } from "./tick-trigger.ts";

export { ENFORCE_TICK_NAME };

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The SCF groups the function of `action` enforces. */
export function scfEnforcingGroups(config: Pick<ScheduleConfig, "groups">, action: PowerAction): ScheduleGroup[] {
  return config.groups.filter((group) => group.platform === "scf" && enforcesWith(group, action));
}

/** The SCF enforce tick of the function of `action`, or undefined when it enforces no group. */
export function scfEnforceTick(
  config: Pick<ScheduleConfig, "groups">,
  action: PowerAction,
): ScfTimerTrigger | undefined {
  const groups = scfEnforcingGroups(config, action);
  if (groups.length === 0) return undefined;
  const every = groups.map(enforceEveryOf).reduce(gcd);
  return {
    name: ENFORCE_TICK_NAME,
    groups: groups.map((group) => group.name),
    action,
    cron: `0 ${compressList(minutesOfHour(every), 0, 59)} * * * * *`,
    customArgument: JSON.stringify({ powercron: "tick", tick: ENFORCE_TICK_NAME }),
  };
}

/**
 * The enforcing groups due at an enforce tick's fire: those whose interval the fire's minute of the day (in the
 * trigger zone) falls on, within the tolerance.
 */
export function dueEnforceGroups(
  config: Pick<ScheduleConfig, "groups" | "deploy">,
  action: PowerAction,
  at: Date,
  toleranceMs: number,
): ScheduleGroup[] {
  const local = localTimeAt(config.deploy.scf.triggerTimezone, at.getTime());
  const minute = local.hour * 60 + local.minute;
  return scfEnforcingGroups(config, action).filter((group) => enforceDueAt(enforceEveryOf(group), minute, toleranceMs));
}
