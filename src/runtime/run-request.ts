/**
 * The last step of every invocation: a resolved request through the engine, with the group safety checks and the CLI's
 * overrides applied; the rows stay in the run's ledgers and are masked as they are read.
 */
import {
  type CloudAccount,
  outsideRegionsMessage,
  type PowerRequest,
  type StampContext,
  targetsOutsideScope,
} from "../domain/index.ts";
import { runPowerRows, systemClock } from "../engine/index.ts";
import { InvalidInputError } from "../errors.ts";
import type { Invocation } from "../input/index.ts";
import { cloudProviders } from "../providers/index.ts";
import { type PowerRun, redactRun, secretValues } from "../report/index.ts";
import { deployStage, type Environment, requestTimeoutMs, stampsEnabled } from "../settings/index.ts";
import type { InvokeDeps } from "./invoke-deps.ts";
import type { RunDeadline } from "./run-deadline.ts";
import { defaultAccountsLoader } from "./schedule-resolvers.ts";
import { checkTargetAccounts, namesAccounts } from "./target-accounts.ts";

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

/**
 * Who the stamps name as acting: the group (a tick's, a timer's or an enforce fire's), else `event`; the deploy's
 * stage; the fire's scheduled time when it has one. Undefined when POWER_STAMPS is off.
 */
export function stampContextOf(invocation: Invocation, env: Environment): StampContext | undefined {
  if (!stampsEnabled(env)) return undefined;
  const at = invocation.trigger.scheduledTime;
  return {
    by: invocation.kind === "group" ? invocation.group : "event",
    stage: deployStage(env),
    ...(at !== undefined ? { at } : {}),
  };
}

/** Runs a resolved request through the engine; credentials masked in the rows' free-text fields as they are read. */
export async function runRequest(
  resolved: PowerRequest,
  invocation: Invocation,
  deadline: RunDeadline,
  deps: InvokeDeps,
  /** Accounts found at fire time (from the organisation), besides the config's. */
  found: readonly CloudAccount[] = [],
): Promise<PowerRun> {
  const clock = deps.clock ?? systemClock;
  let request = withGroupSafety(resolved, invocation);
  if (deps.overrides) request = { ...request, options: { ...request.options, ...deps.overrides } };
  const stamps = stampContextOf(invocation, deps.env);
  request = { ...request, ...(stamps ? { stamps } : {}) };
  let accounts: readonly CloudAccount[] = [];
  if (namesAccounts(request)) {
    accounts = [...(await (deps.loadAccounts ?? defaultAccountsLoader)(deps.env)), ...found];
    checkTargetAccounts(request, accounts, invocation.kind === "group" ? `group "${invocation.group}"` : "request");
  }
  const providers =
    deps.providers ??
    cloudProviders(deps.env, {
      accounts,
      ...(invocation.kind === "group" ? { sessionSubject: invocation.group } : {}),
    });
  const run = await runPowerRows(request, {
    providers: deps.observeProviders ? deps.observeProviders(providers) : providers,
    clock,
    random: deps.random ?? Math.random,
    budgetMs: deadline.remainingMs(),
    policy: {
      requestTimeoutMs: requestTimeoutMs(deps.env),
      ...(deps.pollIntervalMs ? { pollIntervalMs: deps.pollIntervalMs } : {}),
    },
  });
  return redactRun(run, secretValues(deps.env));
}
