/**
 * The orchestrator's side of a fan-out: a group's fire over more (account, region) partitions than one invocation
 * carries (POWER_PARTITIONS_PER_WORKER) is cut in slices, each run by a worker invoked synchronously through the
 * platform, at most POWER_WORKER_CONCURRENCY at once. A worker that fails (an error, no report, killed, out of time)
 * is invoked once more with the same slice — the engine reads before it acts, so what the first attempt stopped is
 * `already-stopped` and gets no second call — and a slice that fails twice is reported with its partitions as
 * `failed` rows. One report for the fire; the alert is sent once, by the orchestrator, from it.
 */
import type { PowerAction, PowerRequest } from "../domain/index.ts";
import type { Clock } from "../engine/index.ts";
import type { Invocation } from "../input/index.ts";
import type { PowerRun } from "../report/index.ts";
import type { Environment } from "../settings/index.ts";
import { type Partition, workerEvent } from "./worker-event.ts";
import { gatherSlices, readWorkerReport, type SliceOutcome } from "./worker-reports.ts";
import { partitionsPerWorker, workerConcurrency, workerSecret } from "./worker-settings.ts";
import { partitionsOf, slicePartitions } from "./worker-slices.ts";
import { WorkerFailure, type Workers } from "./workers.ts";

/** Time the orchestrator waits past a worker's budget (its cold start, its answer) before it gives up on it. */
export const WORKER_WAIT_MARGIN_MS = 5_000;
/** The share of the orchestrator's budget a first attempt may use: what is left lets the retry run. */
const FIRST_ATTEMPT_SHARE = 0.45;
const MIN_WORKER_BUDGET_MS = 1_000;

type GroupInvocation = Extract<Invocation, { kind: "group" }>;

/**
 * The slices of a resolved group fire when it fans out, else undefined (it runs here): fan-out needs the platform's
 * workers, more partitions than POWER_PARTITIONS_PER_WORKER (0 = never), no event option but `dryRun` (the worker
 * recomputes the request from its config), and a scheduled time or POWER_WORKER_SECRET (what the worker verifies).
 */
export function fanOutSlices(
  request: PowerRequest,
  invocation: Invocation,
  env: Environment,
  workers: Workers | undefined,
): Partition[][] | undefined {
  if (workers === undefined || invocation.kind !== "group") return undefined;
  const perWorker = partitionsPerWorker(env);
  if (perWorker === 0) return undefined;
  const partitions = partitionsOf(request);
  if (partitions.length <= perWorker) return undefined;
  if (Object.keys(invocation.options).some((option) => option !== "dryRun")) return undefined;
  if (invocation.trigger.scheduledTime === undefined && workerSecret(env) === undefined) return undefined;
  return slicePartitions(partitions, perWorker);
}

export interface FanOut {
  readonly action: PowerAction;
  readonly request: PowerRequest;
  readonly invocation: GroupInvocation;
  readonly slices: readonly Partition[][];
  readonly workers: Workers;
  readonly env: Environment;
  readonly clock: Clock;
  /** The orchestrator's own budget, ms. */
  readonly budgetMs: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the slices through the workers and gathers one report. */
export async function runFanOut(fanOut: FanOut): Promise<PowerRun> {
  const { action, request, invocation, slices, workers, env, clock } = fanOut;
  const started = clock.now();
  const endsAt = started + fanOut.budgetMs;
  const secret = workerSecret(env);
  const scheduled = invocation.trigger.scheduledTime;
  const fireTime = scheduled ?? new Date(started).toISOString();
  const syncCap = workers.syncLimitMs - WORKER_WAIT_MARGIN_MS;
  const firstCap = Math.floor(fanOut.budgetMs * FIRST_ATTEMPT_SHARE);

  async function attempt(index: number, partitions: readonly Partition[], number: 1 | 2) {
    const left = endsAt - clock.now() - WORKER_WAIT_MARGIN_MS;
    const budgetMs = Math.max(MIN_WORKER_BUDGET_MS, Math.min(syncCap, number === 1 ? firstCap : left, left));
    const event = workerEvent(
      {
        group: invocation.group,
        action,
        fireTime,
        scheduled: scheduled !== undefined,
        dryRun: request.options.dryRun === true,
        partitions: [...partitions],
        slice: index + 1,
        attempt: number,
        budgetMs: Math.round(budgetMs),
      },
      secret,
    );
    const read = readWorkerReport(await workers.invoke(event, budgetMs + WORKER_WAIT_MARGIN_MS));
    if ("problem" in read) throw new WorkerFailure(read.problem, "NoReport");
    return read.report;
  }

  async function runSlice(index: number): Promise<SliceOutcome> {
    const partitions = slices[index] ?? [];
    const slice = index + 1;
    try {
      return { slice, partitions, report: await attempt(index, partitions, 1) };
    } catch (first) {
      try {
        return { slice, partitions, report: await attempt(index, partitions, 2), retried: messageOf(first) };
      } catch (second) {
        return { slice, partitions, lost: `${messageOf(first)}; retried once: ${messageOf(second)}` };
      }
    }
  }

  const outcomes: SliceOutcome[] = [];
  let next = 0;
  async function lane(): Promise<void> {
    while (next < slices.length) {
      const index = next++;
      outcomes.push(await runSlice(index));
    }
  }
  const lanes = Math.min(workerConcurrency(env), slices.length);
  await Promise.all(Array.from({ length: lanes }, lane));
  const report = gatherSlices(action, new Date(started), clock.now() - started, request.targets, outcomes);
  const { instances, ...head } = report;
  return { head, rows: { count: instances.length, rows: () => instances } };
}
