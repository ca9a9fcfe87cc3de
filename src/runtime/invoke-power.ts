import type { CloudAccount } from "../domain/account.ts";
import { outsideRegionsMessage, targetsOutsideScope } from "../domain/scope-guard.ts";
import type { PowerAction, PowerOptions, PowerRequest } from "../domain/types.ts";
import { type Clock, type Random, systemClock } from "../engine/clock.ts";
import { runPower } from "../engine/run-power.ts";
import { InvalidInputError } from "../errors.ts";
import { type Invocation, parseInvocation } from "../input/parse-invocation.ts";
import type { ProviderFactory } from "../providers/compute-provider.ts";
import { cloudProviders } from "../providers/provider-factory.ts";
import type { PowerReport } from "../report/power-report.ts";
import { redactReport, secretValues } from "../report/redact.ts";
import { skippedReport } from "../report/summarize.ts";
import { requestTimeoutMs } from "../settings/index.ts";
import { maxEventAgeMs, staleReason } from "./event-age.ts";
import { mergeReports } from "./merge-reports.ts";
import { checkTargetAccounts, namesAccounts } from "./target-accounts.ts";
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
) => Promise<{ groups: readonly string[]; notes: readonly string[] }>;

export interface InvokeDeps {
  readonly env: Env;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly providers?: ProviderFactory;
  readonly resolveGroup?: GroupResolver;
  readonly resolveTick?: TickResolver;
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
}

/**
 * What the input layer checks for requests it builds, checked again on a group's request, whatever the resolver did:
 * no target outside POWER_ALLOWED_REGIONS (nothing there may be touched: an input error before any cloud call), and a
 * dry run asked for by the environment or the event stays one.
 */
function withGroupSafety(request: PowerRequest, invocation: Invocation): PowerRequest {
  const outside = targetsOutsideScope(request.targets, request.scope);
  if (outside.length > 0) {
    const subject = invocation.kind === "group" ? `group "${invocation.group}"` : "request";
    const issues = outside.map((target) => `${subject}: ${outsideRegionsMessage(target, request.scope)}`);
    throw new InvalidInputError(
      `Invalid ${request.action} invocation:${issues.map((issue) => `\n  - ${issue}`).join("")}`,
      issues,
    );
  }
  const dryRun = invocation.kind === "group" && invocation.options.dryRun === true;
  return dryRun && !request.options.dryRun ? { ...request, options: { ...request.options, dryRun: true } } : request;
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

const defaultAccountsLoader = async (env: Env): Promise<readonly CloudAccount[]> =>
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
): Promise<PowerReport> {
  const clock = deps.clock ?? systemClock;
  const stale = staleReason(tick.time, deps.now ? deps.now() : clock.now(), maxEventAgeMs(deps.env));
  if (stale !== undefined) return skippedReport(action, stale, new Date(clock.now()));
  const { groups, notes } = await (deps.resolveTick ?? defaultTickResolver)(tick, action, deps.env);
  if (groups.length === 0) {
    const why = notes.length > 0 ? `: ${notes.join("; ")}` : "";
    return skippedReport(
      action,
      `tick "${tick.triggerName}" at ${tick.time}: no group due${why}`,
      new Date(clock.now()),
    );
  }
  // The groups share the one invocation's time: each gets what the ones before it left.
  const endsAt = clock.now() + timeBudgetMs(context, deps.env);
  const shared: InvocationContext = { getRemainingTimeInMillis: () => endsAt - clock.now() + BUDGET_MARGIN_MS };
  const reports: PowerReport[] = [];
  for (const group of groups) {
    reports.push(await invokePower(action, { group, scheduledTime: tick.time }, shared, deps));
  }
  return mergeReports(reports);
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
  const clock = deps.clock ?? systemClock;
  const tick = readTickEvent(event);
  if (tick !== undefined) return invokeTick(action, tick, context, deps);
  const invocation = parseInvocation(action, event, deps.env);
  const stale = staleReason(
    invocation.trigger.scheduledTime,
    deps.now ? deps.now() : clock.now(),
    maxEventAgeMs(deps.env),
  );
  if (stale !== undefined) return skippedReport(action, stale, new Date(clock.now()));
  let request: PowerRequest;
  if (invocation.kind === "group") {
    const resolved = await (deps.resolveGroup ?? defaultGroupResolver)(invocation, action, deps.env);
    if ("skip" in resolved) return skippedReport(action, resolved.skip, new Date(clock.now()));
    request = resolved.request;
  } else {
    request = invocation.request;
  }
  request = withGroupSafety(request, invocation);
  if (deps.overrides) request = { ...request, options: { ...request.options, ...deps.overrides } };
  let accounts: readonly CloudAccount[] = [];
  if (namesAccounts(request)) {
    accounts = await (deps.loadAccounts ?? defaultAccountsLoader)(deps.env);
    checkTargetAccounts(request, accounts, invocation.kind === "group" ? `group "${invocation.group}"` : "request");
  }
  const report = await runPower(request, {
    providers:
      deps.providers ??
      cloudProviders(deps.env, {
        accounts,
        ...(invocation.kind === "group" ? { sessionSubject: invocation.group } : {}),
      }),
    clock,
    random: deps.random ?? Math.random,
    budgetMs: timeBudgetMs(context, deps.env),
    policy: {
      requestTimeoutMs: requestTimeoutMs(deps.env),
      ...(deps.pollIntervalMs ? { pollIntervalMs: deps.pollIntervalMs } : {}),
    },
  });
  return redactReport(report, secretValues(deps.env));
}
