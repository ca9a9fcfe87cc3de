/**
 * The default resolvers, over the schedule config (POWER_CONFIG, default config/schedules.yaml). The schedule
 * modules (YAML, time zones, crons) load on the first fire that needs them only: the other invocations start faster.
 */
import type { CloudAccount } from "../domain/index.ts";
import type { Environment } from "../settings/index.ts";
import type { EnforceResolver, GroupResolver, TickResolver } from "./invoke-deps.ts";

let groupResolver: Promise<GroupResolver> | undefined;
let tickResolver: Promise<TickResolver> | undefined;
let enforceResolver: Promise<EnforceResolver> | undefined;

/** Loads the schedule config and applies the schedule guard. */
export const defaultGroupResolver: GroupResolver = async (invocation, action, env, platforms) => {
  groupResolver ??= import("./resolve-group.ts").then((module) => module.scheduleGroupResolver());
  return (await groupResolver)(invocation, action, env, platforms);
};

/** Loads the schedule config and asks the platform's ticks which groups are due. */
export const defaultTickResolver: TickResolver = async (tick, action, env, platform) => {
  tickResolver ??= import("./resolve-group.ts").then((module) => module.scheduleTickResolver());
  return (await tickResolver)(tick, action, env, platform);
};

export const defaultEnforceResolver: EnforceResolver = async (invocation, action, env, now) => {
  enforceResolver ??= import("./resolve-enforce.ts").then((module) => module.scheduleEnforceResolver());
  return (await enforceResolver)(invocation, action, env, now);
};

/** The config's accounts, read only when a target names one. */
export const defaultAccountsLoader = async (env: Environment): Promise<readonly CloudAccount[]> =>
  (await import("./resolve-group.ts")).configAccounts(env);
