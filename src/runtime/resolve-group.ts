/**
 * The default group resolver: `{"group": "x"}` → the group's request from the schedule config, after the schedule
 * guard has checked a timer's scheduled time against the group's cron, calendar and zone.
 */
import { DEFAULT_OPTIONS, type PowerAction, type PowerRequest } from "../domain/index.ts";
import { ScheduleMisfireError } from "../errors.ts";
import {
  checkScheduledFire,
  DEFAULT_TOLERANCE_MS,
  findGroup,
  loadScheduleConfig,
  type ScheduleConfig,
  type ScheduleGroup,
  scheduleNames,
} from "../schedule/index.ts";
import { configPath, type Environment } from "../settings/index.ts";
import type { GroupInvocation, GroupResolver, OrganizationDemand, TickResolver } from "./invoke-deps.ts";
import type { PlatformEvents } from "./platform-events.ts";

/** Loaded once per path and kept for the life of the function instance (a warm container re-uses it). */
const loaded = new Map<string, Promise<ScheduleConfig>>();

export function cachedLoad(path: string): Promise<ScheduleConfig> {
  let config = loaded.get(path);
  if (config === undefined) {
    config = loadScheduleConfig(path);
    loaded.set(path, config);
    config.catch(() => loaded.delete(path));
  }
  return config;
}

/** The config's `accounts` (loaded once per path, like the groups): the roles targets' `account` names. */
export async function configAccounts(env: Environment): Promise<ScheduleConfig["accounts"]> {
  return (await cachedLoad(configPath(env))).accounts;
}

/**
 * The request a group stands for: one target per region (and per account, for a group across accounts), options from
 * the config under the event's and env's.
 */
export function groupRequest(
  group: ScheduleGroup,
  action: PowerAction,
  invocation: GroupInvocation,
  also: {
    /** The accounts found from the organisation at fire time, for a group with `accounts: {organization}`. */
    readonly found?: readonly string[];
    /** The config's named schedules, so a run notes a schedule tag that names none of them. */
    readonly knownSchedules?: readonly string[];
  } = {},
): PowerRequest {
  const { found, knownSchedules } = also;
  if (group.organization !== undefined && found === undefined) {
    // Never the function's own account by mistake: such a group's accounts come only from the listing.
    throw new Error(`group "${group.name}": its accounts come from the organisation, and none were listed`);
  }
  const accounts: readonly (string | undefined)[] = found ?? group.accounts ?? [undefined];
  return {
    action,
    targets: accounts.flatMap((account) =>
      group.regions.map((region) => ({
        provider: group.provider,
        region,
        instanceIds: [...group.instanceIds],
        tags: { ...group.tags },
        ...(account === undefined ? {} : { account }),
      })),
    ),
    options: { ...DEFAULT_OPTIONS, ...group.options, ...invocation.options },
    scope: invocation.scope,
    ...(knownSchedules === undefined ? {} : { knownSchedules }),
  };
}

export interface ScheduleResolverOptions {
  readonly loadConfig?: (path: string) => Promise<ScheduleConfig>;
  readonly toleranceMs?: number;
}

/** How many handled fires a function instance remembers, to skip the platform's duplicate deliveries. */
const REMEMBERED_FIRES = 1000;

/** The fires this function instance has let through: a duplicate delivery to a warm instance is skipped. */
class HandledFires {
  private readonly keys = new Set<string>();

  /** True the first time; false for a fire already handled. */
  claim(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > REMEMBERED_FIRES) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    return true;
  }
}

/** A misfire's likely cause, with where each platform's triggers read their zone (its triggerZoneHint). */
function likelyCause(platforms: readonly PlatformEvents[] = []): string {
  const zones = platforms.flatMap((platform) =>
    platform.triggerZoneHint === undefined ? [] : [platform.triggerZoneHint],
  );
  return `likely cause: the trigger fires in another time zone than the config says (the group's timezone${zones.map((zone) => `; ${zone}`).join("")}), or the deployed triggers are stale (redeploy with the current config)`;
}

/**
 * A timer's fire (it carries a scheduled time: the platform event's, or the scheduler's placeholder) goes
 * through the guard; an event without one (a console test, `powercron run` with a plain event) acts at once.
 */
export function scheduleGroupResolver(options: ScheduleResolverOptions = {}): GroupResolver {
  const load = options.loadConfig ?? cachedLoad;
  const handled = new HandledFires();
  return async function resolveScheduleGroup(invocation, action, env, platforms) {
    const config = await load(configPath(env));
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
      if (!decision.fire && decision.misfire !== undefined) {
        const trigger = invocation.trigger.triggerName ?? `${invocation.trigger.source} event`;
        const nearest = decision.misfire.nearest?.local;
        throw new ScheduleMisfireError(`misfire: trigger "${trigger}": ${decision.reason}; ${likelyCause(platforms)}`, {
          trigger,
          firedAt: scheduledTime,
          ...(nearest === undefined ? {} : { nearest }),
        });
      }
      if (!decision.fire) return { skip: decision.reason };
      const key = `${group.name}|${action}|${decision.occurrence.at.toISOString()}`;
      if (!handled.claim(key)) {
        return {
          skip: `duplicate delivery: the ${action} of group "${group.name}" at ${decision.occurrence.local} was already handled by this function instance`,
        };
      }
    } else if (group[action] === undefined) {
      return { skip: `group "${group.name}" has no ${action} schedule` };
    }
    return groupResolution(group, action, invocation, scheduleNames(config));
  };
}

/** The group's request, or, for a group whose accounts come from its organisation, what to list first. */
export function groupResolution(
  group: ScheduleGroup,
  action: PowerAction,
  invocation: GroupInvocation,
  knownSchedules?: readonly string[],
): { request: PowerRequest } | { organization: OrganizationDemand } {
  const source = group.organization;
  if (source === undefined) return { request: groupRequest(group, action, invocation, { knownSchedules }) };
  return {
    organization: {
      group: group.name,
      provider: group.provider,
      source,
      regions: group.regions,
      request: (accounts) => groupRequest(group, action, invocation, { found: accounts, knownSchedules }),
    },
  };
}

/**
 * A platform's tick: checks, through the platform's ticks, that it fired at one of its deployed times (else a
 * misfire), then names the groups due now. Finding none is the mechanism working, not a misfire.
 */
export function scheduleTickResolver(options: ScheduleResolverOptions = {}): TickResolver {
  const load = options.loadConfig ?? cachedLoad;
  const tolerance = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  return async function resolveTick(tick, action, env, platform) {
    const config = await load(configPath(env));
    if (platform.ticks === undefined) throw new Error("resolveTick: the platform that read the tick has no ticks");
    const schedule = await platform.ticks.schedule();
    const at = new Date(tick.time);
    const check = schedule.check(config, action, tick, at, tolerance);
    if (!check.onTick) {
      throw new ScheduleMisfireError(`misfire: ${check.reason}; ${likelyCause([platform])}`, {
        trigger: tick.triggerName,
        firedAt: tick.time,
        ...(check.nearest === undefined ? {} : { nearest: check.nearest }),
      });
    }
    return schedule.due(config, action, tick, at, tolerance);
  };
}
