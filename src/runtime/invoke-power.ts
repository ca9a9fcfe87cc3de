/**
 * The dispatcher: the functions' whole code path, shared by every platform's handler and `powercron run`. It reads
 * the event once as a fire (with the platforms' event forms and ticks, InvokeDeps.platforms), drops a stale one
 * (POWER_MAX_EVENT_AGE), resolves it to its requests (a tick to its due groups' fires, each through its resolver just
 * before it runs), and runs them through the engine.
 */
import type { PowerAction } from "../domain/index.ts";
import { type Clock, systemClock } from "../engine/index.ts";
import type { Invocation } from "../input/index.ts";
import { materialize, type PowerReport, type PowerRun, skippedRun } from "../report/index.ts";
import { maxEventAgeMs, staleReason } from "./event-age.ts";
import { fanOutSlices, runFanOut } from "./fan-out.ts";
import { type InvocationFire, readFire, resolverOf, type TickOfPlatform, tickGroupFire } from "./fires.ts";
import type { InvokeDeps, OrganizationDemand } from "./invoke-deps.ts";
import { markDrift } from "./mark-drift.ts";
import { mergeReports } from "./merge-reports.ts";
import { OrganizationFires } from "./organization-fire.ts";
import { RunDeadline } from "./run-deadline.ts";
import { runRequest } from "./run-request.ts";
import { defaultTickResolver } from "./schedule-resolvers.ts";
import { noGroupDueReason } from "./tick-skip.ts";
import type { InvocationContext } from "./time-budget.ts";

export type { EnforceResolver, GroupResolver, InvokeDeps, TickResolver } from "./invoke-deps.ts";

/** One invocation being dispatched. */
class Dispatch {
  readonly clock: Clock;
  readonly deadline: RunDeadline;

  constructor(
    readonly action: PowerAction,
    context: InvocationContext | undefined,
    readonly deps: InvokeDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
    this.deadline = new RunDeadline(context, deps.env, this.clock);
  }

  skipped(reason: string): PowerRun {
    return skippedRun(this.action, reason, new Date(this.clock.now()));
  }

  /** The stale-event check: why a fire scheduled at `scheduledTime` is too old to act now, if it is. */
  stale(scheduledTime: string | undefined): string | undefined {
    const now = this.deps.now ? this.deps.now() : this.clock.now();
    return staleReason(scheduledTime, now, maxEventAgeMs(this.deps.env));
  }

  /** A fire that stands for one request: told to the observers, checked for age, resolved, run. */
  async runFire(fire: InvocationFire): Promise<PowerRun> {
    const { invocation } = fire;
    this.deps.onInvocation?.(invocation);
    const resolve = resolverOf(fire, this.action, this.deps, this.clock);
    const stale = this.stale(invocation.trigger.scheduledTime);
    if (stale !== undefined) return this.skipped(stale);
    const resolved = await resolve();
    if ("skip" in resolved) return this.skipped(resolved.skip);
    if (!("organization" in resolved) && resolved.dueAt === undefined && invocation.kind === "group") {
      const slices = fanOutSlices(resolved.request, invocation, this.deps.env, this.deps.workers);
      if (slices !== undefined && this.deps.workers !== undefined) {
        const { action, clock, deps } = this;
        const budgetMs = this.deadline.remainingMs();
        return runFanOut({
          action,
          request: resolved.request,
          invocation,
          slices,
          workers: deps.workers!,
          env: deps.env,
          clock,
          budgetMs,
        });
      }
    }
    const run =
      "organization" in resolved
        ? await this.runOrganization(resolved.organization, invocation)
        : await runRequest(resolved.request, invocation, this.deadline, this.deps);
    return resolved.dueAt === undefined ? run : markDrift(run, resolved.dueAt);
  }

  /** The invocation's organisation fires: their listings made on first need and shared. */
  private organizationFires?: OrganizationFires;

  /** A group whose accounts come from its organisation: listed (once per invocation), then run. */
  runOrganization(demand: OrganizationDemand, invocation: Invocation): Promise<PowerRun> {
    this.organizationFires ??= new OrganizationFires(this.action, this.clock, this.deadline, this.deps);
    return this.organizationFires.run(demand, invocation);
  }

  /**
   * A platform's tick: checks its age, finds the groups due at its time (a misfire throws), and runs each group's
   * fire one after the other in the one invocation's time; one merged report.
   */
  async runTick({ tick, platform }: TickOfPlatform): Promise<PowerRun> {
    const stale = this.stale(tick.time);
    if (stale !== undefined) return this.skipped(stale);
    const resolve = this.deps.resolveTick ?? defaultTickResolver;
    const { groups, notes, enforce } = await resolve(tick, this.action, this.deps.env, platform);
    if (groups.length === 0) {
      return this.skipped(noGroupDueReason(tick, notes));
    }
    this.deadline.start();
    const reports: PowerReport[] = [];
    for (const group of groups) {
      const fire = tickGroupFire(this.action, tick, group, enforce === true, this.deps.env);
      reports.push(materialize(await this.runFire(fire)));
    }
    const { instances, ...head } = mergeReports(reports);
    return { head, rows: { count: instances.length, rows: () => instances } };
  }
}

/**
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
  const dispatch = new Dispatch(action, context, deps);
  const fire = readFire(action, event, deps.env, deps.platforms);
  return fire.kind === "tick" ? dispatch.runTick(fire) : dispatch.runFire(fire);
}
