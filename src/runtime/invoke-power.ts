import type { CloudAccount, PowerAction, PowerOptions, PowerRequest } from "../domain/index.ts";
import { type Clock, type Random, systemClock } from "../engine/index.ts";
import { type Invocation, parseInvocation } from "../input/index.ts";
import type { ProviderFactory } from "../providers/index.ts";
import { materialize, type PowerReport, type PowerRun, skippedRun } from "../report/index.ts";
import { readEnforceEvent } from "./enforce-event.ts";
import { maxEventAgeMs, staleReason } from "./event-age.ts";
import { type EnforceResolver, invokeEnforce } from "./invoke-enforce.ts";
import { mergeReports } from "./merge-reports.ts";
import type { NotifyDeps } from "./notify-run.ts";
import { runRequest } from "./run-request.ts";
import { readTickEvent, type TickFire } from "./tick-event.ts";
import { BUDGET_MARGIN_MS, type InvocationContext, timeBudgetMs } from "./time-budget.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** Turns `{"group": …}` into a request, or says why this fire is skipped (schedule guard). */
export type GroupResolver = (
  invocation: Extract<Invocation, { kind: "group" }>,
  action: PowerAction,
  env: Env,
) => Promise<{ request: PowerRequest } | { skip: string }>;

/** An SCF tick → the names of the groups due at its time (and notes on the ones skipped); throws on a misfire. */
export type TickResolver = (
  tick: TickFire,
  action: PowerAction,
  env: Env,
) => Promise<{ groups: readonly string[]; notes: readonly string[]; enforce?: boolean }>;

export interface InvokeDeps {
  readonly env: Env;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly providers?: ProviderFactory;
  /** Wraps the providers the run uses (the CLI's progress line counts their calls); default none. */
  readonly observeProviders?: (providers: ProviderFactory) => ProviderFactory;
  readonly resolveGroup?: GroupResolver;
  readonly resolveTick?: TickResolver;
  /** Turns an enforce fire into a request on the drifted state, or says why it does nothing. */
  readonly resolveEnforce?: EnforceResolver;
  /**
   * "Now" for the stale-event check (POWER_MAX_EVENT_AGE); default the clock. `powercron run --now TIME` sets it to
   * replay an old fire on purpose.
   */
  readonly now?: () => number;
  readonly pollIntervalMs?: number;
  /** The schedule config's accounts; default read from POWER_CONFIG, only when a target names an account. */
  readonly loadAccounts?: (env: Env) => Promise<readonly CloudAccount[]>;
  /** Options imposed last, over the event and the environment (the CLI's --dry-run). */
  readonly overrides?: Partial<PowerOptions>;
  /** Told of each invocation parsed (a tick's groups one by one): the alerts read the group and trigger from it. */
  readonly onInvocation?: (invocation: Invocation) => void;
  /** Seams of the alerts sent after the run (src/runtime/notify-run.ts). */
  readonly notify?: NotifyDeps;
}

let scheduleResolver: Promise<GroupResolver> | undefined;
let tickResolver: Promise<TickResolver> | undefined;

/**
 * Loads the schedule config (POWER_CONFIG, default config/schedules.yaml) and applies the schedule guard. The schedule
 * modules (YAML, time zones, crons) load on the first `{group}` event only: the other invocations start faster.
 */
const defaultGroupResolver: GroupResolver = async (invocation, action, env) => {
  scheduleResolver ??= import("./resolve-group.ts").then((module) => module.scheduleGroupResolver());
  return (await scheduleResolver)(invocation, action, env);
};

/** The config's accounts, read only when a target names one. */
export const defaultAccountsLoader = async (env: Env): Promise<readonly CloudAccount[]> =>
  (await import("./resolve-group.ts")).configAccounts(env);

const defaultTickResolver: TickResolver = async (tick, action, env) => {
  tickResolver ??= import("./resolve-group.ts").then((module) => module.scheduleTickResolver());
  return (await tickResolver)(tick, action, env);
};

/**
 * An SCF tick: the groups due at its time run one after the other, each as the `{group, scheduledTime}` fire it
 * stands for (through the guard again, which also drops a duplicate delivery); one merged report.
 */
async function invokeTick(
  action: PowerAction,
  tick: TickFire,
  context: InvocationContext | undefined,
  deps: InvokeDeps,
): Promise<PowerRun> {
  const clock = deps.clock ?? systemClock;
  const stale = staleReason(tick.time, deps.now ? deps.now() : clock.now(), maxEventAgeMs(deps.env));
  if (stale !== undefined) return skippedRun(action, stale, new Date(clock.now()));
  const { groups, notes, enforce } = await (deps.resolveTick ?? defaultTickResolver)(tick, action, deps.env);
  if (groups.length === 0) {
    const why = notes.length > 0 ? `: ${notes.join("; ")}` : "";
    return skippedRun(action, `tick "${tick.triggerName}" at ${tick.time}: no group due${why}`, new Date(clock.now()));
  }
  // The groups share the one invocation's time: each gets what the ones before it left.
  const endsAt = clock.now() + timeBudgetMs(context, deps.env);
  const shared: InvocationContext = { getRemainingTimeInMillis: () => endsAt - clock.now() + BUDGET_MARGIN_MS };
  const reports: PowerReport[] = [];
  for (const group of groups) {
    const fire = enforce ? { group, enforce: true, scheduledTime: tick.time } : { group, scheduledTime: tick.time };
    reports.push(await invokePower(action, fire, shared, deps));
  }
  const merged = mergeReports(reports);
  const { instances, ...head } = merged;
  return { head, rows: { count: instances.length, rows: () => instances } };
}

/**
 * The functions' whole code path, shared by the SCF and Lambda handlers and `powercron run`: parse the event and the
 * environment, drop a stale fire (POWER_MAX_EVENT_AGE), resolve a schedule group or an SCF tick, run the engine.
 * Returns the report, credentials masked in its free-text fields; throws InvalidInputError on bad input and
 * ScheduleMisfireError on a misfire, before any cloud call.
 */
export async function invokePower(
  action: PowerAction,
  event: unknown,
  context: InvocationContext | undefined,
  deps: InvokeDeps,
): Promise<PowerReport> {
  return materialize(await invokePowerRun(action, event, context, deps));
}

/** invokePower with the rows read one at a time (each masked as it is read): what the functions log from. */
export async function invokePowerRun(
  action: PowerAction,
  event: unknown,
  context: InvocationContext | undefined,
  deps: InvokeDeps,
): Promise<PowerRun> {
  const clock = deps.clock ?? systemClock;
  const tick = readTickEvent(event);
  if (tick !== undefined) return invokeTick(action, tick, context, deps);
  const enforce = readEnforceEvent(event);
  if (enforce !== undefined) return invokeEnforce(action, enforce, context, deps);
  const invocation = parseInvocation(action, event, deps.env);
  deps.onInvocation?.(invocation);
  const stale = staleReason(
    invocation.trigger.scheduledTime,
    deps.now ? deps.now() : clock.now(),
    maxEventAgeMs(deps.env),
  );
  if (stale !== undefined) return skippedRun(action, stale, new Date(clock.now()));
  let request: PowerRequest;
  if (invocation.kind === "group") {
    const resolved = await (deps.resolveGroup ?? defaultGroupResolver)(invocation, action, deps.env);
    if ("skip" in resolved) return skippedRun(action, resolved.skip, new Date(clock.now()));
    request = resolved.request;
  } else {
    request = invocation.request;
  }
  return runRequest(request, invocation, context, deps);
}
