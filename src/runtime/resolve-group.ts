/**
 * The default group resolver: `{"group": "x"}` → the group's request from the schedule config, after the schedule
 * guard has checked a timer's scheduled time against the group's cron, calendar and zone.
 */
import { DEFAULT_OPTIONS, type PowerAction, type PowerRequest } from "../domain/types.ts";
import type { Invocation } from "../input/parse-invocation.ts";
import {
  DEFAULT_CONFIG_PATH,
  findGroup,
  loadScheduleConfig,
  type ScheduleConfig,
  type ScheduleGroup,
} from "../schedule/config.ts";
import { checkScheduledFire, DEFAULT_TOLERANCE_MS } from "../schedule/guard.ts";
import type { GroupResolver } from "./invoke-power.ts";

/** The variable naming the schedule config file; a relative path is read from the working directory. */
export const CONFIG_PATH_VARIABLE = "POWER_CONFIG";

type Env = Readonly<Record<string, string | undefined>>;

export function configPathOf(env: Env): string {
  const path = env[CONFIG_PATH_VARIABLE]?.trim();
  return path ? path : DEFAULT_CONFIG_PATH;
}

/** Loaded once per path and kept for the life of the function instance (a warm container re-uses it). */
const loaded = new Map<string, Promise<ScheduleConfig>>();

function cachedLoad(path: string): Promise<ScheduleConfig> {
  let config = loaded.get(path);
  if (config === undefined) {
    config = loadScheduleConfig(path);
    loaded.set(path, config);
    config.catch(() => loaded.delete(path));
  }
  return config;
}

/** The request a group stands for: one target per region, options from the config under the event's and env's. */
export function groupRequest(
  group: ScheduleGroup,
  action: PowerAction,
  invocation: Extract<Invocation, { kind: "group" }>,
): PowerRequest {
  return {
    action,
    targets: group.regions.map((region) => ({
      provider: group.provider,
      region,
      instanceIds: [...group.instanceIds],
      tags: { ...group.tags },
    })),
    options: { ...DEFAULT_OPTIONS, ...group.options, ...invocation.options },
    scope: invocation.scope,
  };
}

export interface ScheduleResolverOptions {
  readonly loadConfig?: (path: string) => Promise<ScheduleConfig>;
  readonly toleranceMs?: number;
}

/**
 * A timer's fire (it carries a scheduled time: SCF `Time`, EventBridge `time`, the scheduler's placeholder) goes
 * through the guard; an event without one (a console test, `powercron run` with a plain event) acts at once.
 */
export function scheduleGroupResolver(options: ScheduleResolverOptions = {}): GroupResolver {
  const load = options.loadConfig ?? cachedLoad;
  return async function resolveScheduleGroup(invocation, action, env) {
    const config = await load(configPathOf(env));
    const group = findGroup(config, invocation.group);
    if (!group.enabled) return { skip: `group "${group.name}" is disabled in the schedule config` };
    const { scheduledTime } = invocation.trigger;
    if (scheduledTime !== undefined) {
      const decision = checkScheduledFire(
        group,
        action,
        new Date(scheduledTime),
        config,
        options.toleranceMs ?? DEFAULT_TOLERANCE_MS,
      );
      if (!decision.fire) return { skip: decision.reason };
    } else if (group[action] === undefined) {
      return { skip: `group "${group.name}" has no ${action} schedule` };
    }
    return { request: groupRequest(group, action, invocation) };
  };
}
