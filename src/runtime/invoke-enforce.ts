/**
 * An enforce fire: the group's instances should be in this function's target state now (the last scheduled
 * transition, past its grace period), so the function runs the group's request, and the engine acts only on the
 * instances that are not there (it describes every instance, decides each one, and calls only for the drifted ones;
 * the keep-running tag holds on stop as always). With nothing drifted, the run makes describe calls only. The
 * corrections carry `reason: "drift"` and the time they were due. Never a misfire; a stale fire is skipped like any.
 */
import type { PowerAction, PowerRequest } from "../domain/index.ts";
import { systemClock } from "../engine/index.ts";
import { InvalidInputError } from "../errors.ts";
import { type Invocation, parseInvocation } from "../input/index.ts";
import type { InstanceResult, Outcome, PowerRun } from "../report/index.ts";
import { skippedRun } from "../report/index.ts";
import type { EnforceFire } from "./enforce-event.ts";
import { maxEventAgeMs, staleReason } from "./event-age.ts";
import type { InvokeDeps } from "./invoke-power.ts";
import { runRequest } from "./run-request.ts";
import type { InvocationContext } from "./time-budget.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** An enforce fire → the group's request and the time the drifted instances should have changed, or why not. */
export type EnforceResolver = (
  invocation: Extract<Invocation, { kind: "group" }>,
  action: PowerAction,
  env: Env,
  now: Date,
) => Promise<{ request: PowerRequest; dueAt: Date } | { skip: string }>;

/** The outcomes of an instance the run changed (or, in a dry run, would have): the corrections. */
const CORRECTIONS: ReadonlySet<Outcome> = new Set(["started", "stopped", "would-start", "would-stop"]);

let enforceResolver: Promise<EnforceResolver> | undefined;

const defaultEnforceResolver: EnforceResolver = async (invocation, action, env, now) => {
  enforceResolver ??= import("./resolve-enforce.ts").then((module) => module.scheduleEnforceResolver());
  return (await enforceResolver)(invocation, action, env, now);
};

/** The run's corrections marked as drift, due at the scheduled transition (row by row, as they are read). */
export function markDrift(run: PowerRun, dueAt: Date): PowerRun {
  const due = dueAt.toISOString();
  const mark = (result: InstanceResult): InstanceResult =>
    CORRECTIONS.has(result.outcome) ? { ...result, reason: "drift", dueAt: due } : result;
  return {
    head: run.head,
    rows: {
      count: run.rows.count,
      *rows() {
        for (const row of run.rows.rows()) yield mark(row);
      },
    },
  };
}

export async function invokeEnforce(
  action: PowerAction,
  fire: EnforceFire,
  context: InvocationContext | undefined,
  deps: InvokeDeps,
): Promise<PowerRun> {
  const clock = deps.clock ?? systemClock;
  const invocation = parseInvocation(action, fire.groupEvent, deps.env);
  deps.onInvocation?.(invocation);
  if (invocation.kind !== "group") {
    throw new InvalidInputError(`enforce: an enforce fire names a group ({"group": "<name>", "enforce": true})`);
  }
  const stale = staleReason(
    invocation.trigger.scheduledTime,
    deps.now ? deps.now() : clock.now(),
    maxEventAgeMs(deps.env),
  );
  if (stale !== undefined) return skippedRun(action, stale, new Date(clock.now()));
  const resolve = deps.resolveEnforce ?? defaultEnforceResolver;
  const resolved = await resolve(invocation, action, deps.env, new Date(clock.now()));
  if ("skip" in resolved) return skippedRun(action, resolved.skip, new Date(clock.now()));
  const run = await runRequest(resolved.request, invocation, context, deps);
  return markDrift(run, resolved.dueAt);
}
