/**
 * A worker's invocation: the slice verified against the function's own config (worker-verification.ts), then the
 * group's request narrowed to the slice's partitions and run through the engine within the slice's budget. The
 * schedule modules (the config, the guard) load on the first worker event only, as for a group event. A refused slice acts on nothing and throws
 * InvalidInputError; a run whose instances failed still returns its report, which the orchestrator gathers.
 */
import type { PowerAction } from "../domain/index.ts";
import { systemClock } from "../engine/index.ts";
import { InvalidInputError } from "../errors.ts";
import { parseInvocation } from "../input/index.ts";
import type { PowerRun } from "../report/index.ts";
import { configPath } from "../settings/index.ts";
import { maxEventAgeMs } from "./event-age.ts";
import type { InvokeDeps } from "./invoke-deps.ts";
import { OrganizationFires } from "./organization-fire.ts";
import { RunDeadline } from "./run-deadline.ts";
import { runRequest } from "./run-request.ts";
import { type InvocationContext, remainingMsOf } from "./time-budget.ts";
import type { WorkerSlice } from "./worker-event.ts";
import { workerSecret } from "./worker-settings.ts";
import { targetsIn } from "./worker-slices.ts";

/** Throws InvalidInputError for a malformed or refused worker event, before any cloud call. */
export async function runWorker(
  action: PowerAction,
  read: { slice?: WorkerSlice; problem?: string },
  context: InvocationContext | undefined,
  deps: InvokeDeps,
): Promise<PowerRun> {
  const { slice } = read;
  if (slice === undefined) throw new InvalidInputError(`worker event refused: ${read.problem}; nothing was done`);
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const [{ cachedLoad, groupRequest }, { verifyWorkerSlice }] = await Promise.all([
    import("./resolve-group.ts"),
    import("./worker-verification.ts"),
  ]);
  const config = await cachedLoad(configPath(deps.env));
  const secret = workerSecret(deps.env);
  const verdict = verifyWorkerSlice(slice, action, config, {
    nowMs: deps.now ? deps.now() : started,
    maxAgeMs: maxEventAgeMs(deps.env),
    secret,
  });
  if ("refused" in verdict) {
    throw new InvalidInputError(`worker event refused: ${verdict.refused}; nothing was done`);
  }
  const invocation = parseInvocation(
    action,
    {
      group: slice.group,
      ...(slice.scheduled ? { scheduledTime: slice.fireTime } : {}),
      ...(slice.dryRun ? { options: { dryRun: true } } : {}),
    },
    deps.env,
  );
  if (invocation.kind !== "group") throw new Error("runWorker: a group event parsed as another kind");
  deps.onInvocation?.(invocation);
  // The slice's budget caps the platform's own time left: the orchestrator waits no longer for the report.
  const capped: InvocationContext = {
    ...context,
    getRemainingTimeInMillis: () => {
      const elapsed = clock.now() - started;
      const own = remainingMsOf(context, elapsed);
      return Math.min(own ?? Number.POSITIVE_INFINITY, slice.budgetMs - elapsed);
    },
  };
  const deadline = new RunDeadline(capped, deps.env, clock);
  const { group } = verdict;
  // A group whose accounts come from its organisation: the signed slice's members, no listing here.
  const found = group.organization
    ? new OrganizationFires(action, clock, deadline, deps).sliceMembers(group, slice.partitions, secret !== undefined)
    : [];
  const whole = groupRequest(group, action, invocation, {
    ...(group.organization ? { found: found.map((account) => account.name) } : {}),
  });
  const request = { ...whole, targets: targetsIn(whole.targets, slice.partitions) };
  return runRequest(request, invocation, deadline, deps, found);
}
