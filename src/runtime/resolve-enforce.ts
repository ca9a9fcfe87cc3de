/**
 * The default enforce resolver: `{"group": "x", "enforce": true}` → the group's request when its instances should be
 * in this function's target state now and the grace period after the last scheduled transition has passed; else why
 * the fire does nothing (with no cloud call). Never a misfire: an enforce fire stands for no occurrence.
 */
import type { PowerAction } from "../domain/index.ts";
import {
  desiredStateAt,
  enforcesWith,
  findGroup,
  formatLocalIso,
  type ScheduleConfig,
  STATE_AFTER,
  scheduleNames,
  type Transition,
} from "../schedule/index.ts";
import { configPath, type Environment } from "../settings/index.ts";
import type { EnforceResolver, GroupInvocation } from "./invoke-deps.ts";
import { cachedLoad, groupResolution } from "./resolve-group.ts";

export interface EnforceResolverOptions {
  readonly loadConfig?: (path: string) => Promise<ScheduleConfig>;
}

function describeTransition(transition: Transition | undefined): string {
  return transition === undefined ? "no scheduled transition" : `the ${transition.action} at ${transition.local}`;
}

/** Which drift a function corrects: the stop function stopped-desired instances; the start function only for `both`. */
export function scheduleEnforceResolver(options: EnforceResolverOptions = {}): EnforceResolver {
  const load = options.loadConfig ?? cachedLoad;
  return async function resolveEnforce(invocation: GroupInvocation, action: PowerAction, env: Environment, now: Date) {
    const config = await load(configPath(env));
    const group = findGroup(config, invocation.group);
    const name = `group "${group.name}"`;
    if (!group.enabled) return { skip: `enforce: ${name} is disabled in the schedule config` };
    if (group.enforce === undefined) return { skip: `enforce: ${name} does not enforce (enforce is false)` };
    if (!enforcesWith(group, action)) {
      return { skip: `enforce: ${name} enforces stop only; the start function has nothing to enforce` };
    }
    const desired = desiredStateAt(group, now, config);
    if (desired.state === "unknown" || desired.since === undefined) {
      return { skip: `enforce: ${name} has no scheduled start or stop in the last 400 days; nothing to enforce` };
    }
    if (desired.graceUntil !== undefined) {
      return {
        skip: `enforce: within the grace period after ${describeTransition(desired.since)} (until ${formatLocalIso(group.timezone, desired.graceUntil.getTime())}); the scheduled fire has the time`,
      };
    }
    if (desired.state !== STATE_AFTER[action]) {
      return {
        skip: `enforce: ${name} should be ${desired.state} now (since ${describeTransition(desired.since)}); the ${action} function has nothing to enforce`,
      };
    }
    return { ...groupResolution(group, action, invocation, scheduleNames(config)), dueAt: desired.since.at };
  };
}
