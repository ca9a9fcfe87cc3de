/**
 * The schedule side of SCF's ticks, as the runtime asks it (loaded on the first tick only): whether a tick fired at
 * one of its deployed times, and the groups due then (the enforce tick: the enforcing groups due at its minute).
 */
import type { TickSchedule } from "../../runtime/index.ts";
import { dueEnforceGroups, ENFORCE_TICK_NAME } from "./enforce-tick.ts";
import { checkTickTime, dueGroups } from "./tick-due.ts";

export const SCF_TICK_SCHEDULE: TickSchedule = {
  check: (config, action, tick, at, toleranceMs) => checkTickTime(config, action, tick.triggerName, at, toleranceMs),
  due(config, action, tick, at, toleranceMs) {
    if (tick.triggerName === ENFORCE_TICK_NAME) {
      const groups = dueEnforceGroups(config, action, at, toleranceMs).map((group) => group.name);
      return { groups, notes: [], enforce: true };
    }
    const { due, notes } = dueGroups(config, action, at, toleranceMs);
    return { groups: due.map((entry) => entry.group.name), notes };
  },
};
