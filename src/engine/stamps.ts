/**
 * The stamps of a run (src/domain/stamp-tags.ts): after every target's start/stop calls and their confirmation, the
 * instances a call of ours reached get `powercron:last-action`; those that ended failed after a call of ours get
 * `powercron:last-error`; a success removes a last-error the first describe showed. One value serves the whole run,
 * so the instances of all targets of one cloud, account and region are gathered and tagged in as few calls as the
 * tagging API's per-call limit allows. The calls are paced and retried like every other (idempotent: a lost answer
 * is sent again) and counted in the report's calls; a tagging failure never changes an outcome: it is a note on the
 * rows it concerns and a line of the report's head.
 */
import {
  LAST_ACTION_TAG,
  LAST_ERROR_TAG,
  lastActionValue,
  lastErrorValue,
  type PowerRequest,
  type PowerTarget,
  type StampContext,
  stampTime,
} from "../domain/index.ts";
import { TimeBudgetExhaustedError } from "../errors.ts";
import type { CallOptions, ComputeProvider, ProviderTagging } from "../providers/index.ts";
import { chunk } from "./batches.ts";
import { asCloudError, type CallContext } from "./call-with-retry.ts";
import type { InstanceLedger } from "./instance-ledger.ts";
import { Mark } from "./instance-ledger.ts";
import type { RateLimiterRegistry } from "./rate-limiter.ts";
import { TargetCalls } from "./target-calls.ts";

/** One target of the run as it ended: its provider, the target, and what the run learnt per instance. */
export interface StampedTarget {
  readonly provider: ComputeProvider;
  readonly target: PowerTarget;
  readonly ledger: InstanceLedger;
}

/** One tagging change: set these tags, or remove these keys, on these instances. */
type Change = { readonly ids: readonly string[] } & (
  | { readonly kind: "tag"; readonly tags: Readonly<Record<string, string>> }
  | { readonly kind: "untag"; readonly keys: readonly string[] }
);

/** The instances of one cloud, account and region, each with the ledger that reports it. */
interface Scope {
  readonly provider: ComputeProvider;
  readonly tagging: ProviderTagging;
  readonly account: string | undefined;
  readonly ledgers: Map<string, InstanceLedger>;
}

const ACTED = { start: "started", stop: "stopped" } as const;

/** The stamps' scope of a target: its cloud, account and region (one value, tagged in as few calls as allowed). */
export function stampScopeOf(target: PowerTarget): string {
  return JSON.stringify([target.provider, target.account ?? null, target.region]);
}

function scopesOf(targets: readonly StampedTarget[]): Scope[] {
  const scopes = new Map<string, Scope>();
  for (const { provider, target, ledger } of targets) {
    const tagging = provider.tagging;
    if (!tagging) continue;
    const key = stampScopeOf(target);
    let scope = scopes.get(key);
    if (!scope) {
      scope = { provider, tagging, account: target.account, ledgers: new Map() };
      scopes.set(key, scope);
    }
    for (const id of ledger.instanceIds()) if (!scope.ledgers.has(id)) scope.ledgers.set(id, ledger);
  }
  return [...scopes.values()];
}

/** What each instance of a scope gets: the last-action tag, a last-error tag by code, the last-error removed. */
function changesOf(request: PowerRequest, stamp: StampContext, at: Date, scope: Scope): Change[] {
  const acted: string[] = [];
  const cleared: string[] = [];
  const failedByCode = new Map<string, string[]>();
  for (const [id, ledger] of scope.ledgers) {
    // Only the instances a start/stop call of ours named: one already in the target state is not stamped again.
    if (ledger.sendsOf(id) === 0) continue;
    const outcome = ledger.outcomeOf(id);
    if (outcome === ACTED[request.action]) {
      acted.push(id);
      if (ledger.isMarked(id, Mark.hadLastError)) cleared.push(id);
    } else if (outcome === "failed") {
      const code = ledger.codeOf(id) ?? "Failed";
      failedByCode.set(code, [...(failedByCode.get(code) ?? []), id]);
    }
  }
  const changes: Change[] = [];
  const lastAction = lastActionValue(request.action, at, stamp, scope.tagging.maxValueLength);
  if (acted.length > 0) changes.push({ kind: "tag", tags: { [LAST_ACTION_TAG]: lastAction }, ids: acted });
  for (const [code, ids] of failedByCode) {
    changes.push({
      kind: "tag",
      tags: { [LAST_ERROR_TAG]: lastErrorValue(code, at, scope.tagging.maxValueLength) },
      ids,
    });
  }
  if (cleared.length > 0) changes.push({ kind: "untag", keys: [LAST_ERROR_TAG], ids: cleared });
  return changes;
}

/** Failures that one instance of a call can cause: worth splitting the call to find it (not throttling, time, keys). */
const SPLITS = new Set(["refused", "not-found", "state", "option", "busy", "capacity"]);

function splits(thrown: unknown, provider: ComputeProvider): boolean {
  if (thrown instanceof TimeBudgetExhaustedError) return false;
  const error = asCloudError(thrown, "tagging");
  return SPLITS.has(provider.classify(error, "describe").kind);
}

/**
 * Tagging calls in flight per cloud, account and region (the scopes run in parallel). All of a run's are ready at
 * once: sent as fast as the limiter allows, a busy event loop (SDK signing, parsing) hands them to the network in a
 * bunch, which a cloud's small burst allowance throttles. Measured against the local cloud (300 instances a cloud,
 * `powercron run`): 2 of 6 Tencent calls throttled with 2 in flight, 1 with 1 in flight; none in 4 runs with 1 in
 * flight and no catching up (TargetCalls.tagging). One at a time costs a round trip a call, near the APIs' 10-20/s.
 */
const IN_FLIGHT = 1;

async function inFlight(jobs: (() => Promise<void>)[], workers: number): Promise<void> {
  const next = async (): Promise<void> => {
    for (let job = jobs.shift(); job; job = jobs.shift()) await job();
  };
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, next));
}

/** Why a tagging call did not take: the code, and the message when it says more. */
function failureText(thrown: unknown, apiAction: string): { code: string; note: string } {
  if (thrown instanceof TimeBudgetExhaustedError) {
    return { code: "TimeBudgetExhausted", note: `stamp skipped: no time left in the budget for ${apiAction}` };
  }
  const error = asCloudError(thrown, apiAction);
  return { code: error.code, note: `stamp not written: ${apiAction} failed (${error.code}: ${error.message})` };
}

/**
 * Writes the stamps of a run whose targets have ended. Returns the report head's lines about the tagging calls that
 * failed (none when every stamp was written), one per API action, scope and code, each counting its instances.
 */
export async function writeStamps(
  request: PowerRequest,
  targets: readonly StampedTarget[],
  context: CallContext,
  limiters: RateLimiterRegistry,
  runStartedAt: number,
): Promise<string[]> {
  const stamp = request.stamps;
  if (stamp === undefined || request.options.dryRun) return [];
  const at = stampTime(stamp, runStartedAt);
  const failures = new Map<string, number>();
  const sends: Promise<void>[] = [];
  for (const scope of scopesOf(targets)) {
    const calls = new TargetCalls(scope.provider, scope.account, request.action, context, limiters);
    const jobs: (() => Promise<void>)[] = [];
    const where = `${scope.provider.provider} ${scope.provider.region}${scope.account ? ` (account ${scope.account})` : ""}`;
    for (const change of changesOf(request, stamp, at, scope)) {
      const apiAction = scope.tagging.actionNames[change.kind];
      const send = (batch: readonly string[], call: CallOptions) =>
        change.kind === "tag"
          ? scope.tagging.tag(batch, change.tags, call)
          : scope.tagging.untag(batch, change.keys, call);
      const fail = (batch: readonly string[], thrown: unknown) => {
        const { code, note } = failureText(thrown, apiAction);
        for (const id of batch) scope.ledgers.get(id)?.note(id, note);
        const line = `${apiAction} in ${where}: ${code}`;
        failures.set(line, (failures.get(line) ?? 0) + batch.length);
      };
      // A call the cloud refuses for one of its instances (one gone since, one it will not tag) is split in halves
      // until the refused ones stand alone, so that they alone go without their stamp.
      const sendSplitting = async (batch: readonly string[]): Promise<void> => {
        try {
          await calls.tagging(apiAction, scope.tagging.callsPerSecond, (call) => send(batch, call));
        } catch (thrown) {
          if (batch.length > 1 && splits(thrown, scope.provider)) {
            const half = Math.ceil(batch.length / 2);
            await Promise.all([sendSplitting(batch.slice(0, half)), sendSplitting(batch.slice(half))]);
            return;
          }
          fail(batch, thrown);
        }
      };
      for (const batch of chunk(change.ids, scope.tagging.maxIdsPerCall)) jobs.push(() => sendSplitting(batch));
    }
    sends.push(inFlight(jobs, IN_FLIGHT));
  }
  await Promise.all(sends);
  return [...failures].map(([line, count]) => `stamps not written on ${count} instances: ${line}`);
}
