import { outsideRegionsMessage, targetsOutsideScope } from "../domain/scope-guard.ts";
import type { PowerAction, PowerOptions, PowerRequest } from "../domain/types.ts";
import { type Clock, type Random, systemClock } from "../engine/clock.ts";
import { runPowerRows } from "../engine/run-power.ts";
import { InvalidInputError } from "../errors.ts";
import { type Invocation, parseInvocation } from "../input/parse-invocation.ts";
import type { ProviderFactory } from "../providers/compute-provider.ts";
import { cloudProviders } from "../providers/provider-factory.ts";
import { materialize, type PowerReport, type PowerRun } from "../report/power-report.ts";
import { redactRun, secretValues } from "../report/redact.ts";
import { skippedRun } from "../report/summarize.ts";
import { requestTimeoutMs } from "../settings/index.ts";
import { type InvocationContext, timeBudgetMs } from "./time-budget.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** Turns `{"group": …}` into a request, or says why this fire is skipped (schedule guard). */
export type GroupResolver = (
  invocation: Extract<Invocation, { kind: "group" }>,
  action: PowerAction,
  env: Env,
) => Promise<{ request: PowerRequest } | { skip: string }>;

export interface InvokeDeps {
  readonly env: Env;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly providers?: ProviderFactory;
  readonly resolveGroup?: GroupResolver;
  readonly pollIntervalMs?: number;
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

/**
 * Loads the schedule config (POWER_CONFIG, default config/schedules.yaml) and applies the schedule guard. The schedule
 * modules (YAML, time zones, crons) load on the first `{group}` event only: the other invocations start faster.
 */
const defaultGroupResolver: GroupResolver = async (invocation, action, env) => {
  scheduleResolver ??= import("./resolve-group.ts").then((module) => module.scheduleGroupResolver());
  return (await scheduleResolver)(invocation, action, env);
};

/**
 * The functions' whole code path, shared by the SCF and Lambda handlers and `powercron run`: parse the event and the
 * environment, resolve a schedule group, run the engine. Returns the report, credentials masked in its free-text
 * fields; throws InvalidInputError on bad input before any cloud call.
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
  const invocation = parseInvocation(action, event, deps.env);
  let request: PowerRequest;
  if (invocation.kind === "group") {
    const resolved = await (deps.resolveGroup ?? defaultGroupResolver)(invocation, action, deps.env);
    if ("skip" in resolved) return skippedRun(action, resolved.skip, new Date(clock.now()));
    request = resolved.request;
  } else {
    request = invocation.request;
  }
  request = withGroupSafety(request, invocation);
  if (deps.overrides) request = { ...request, options: { ...request.options, ...deps.overrides } };
  const run = await runPowerRows(request, {
    providers: deps.providers ?? cloudProviders(deps.env),
    clock,
    random: deps.random ?? Math.random,
    budgetMs: timeBudgetMs(context, deps.env),
    policy: {
      requestTimeoutMs: requestTimeoutMs(deps.env),
      ...(deps.pollIntervalMs ? { pollIntervalMs: deps.pollIntervalMs } : {}),
    },
  });
  return redactRun(run, secretValues(deps.env));
}
