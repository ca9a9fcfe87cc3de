import type { ClassifiedFailure, PowerAction, PowerOptions } from "../domain/index.ts";
import type { CloudApiError } from "../errors.ts";
import type { ComputeProvider } from "../providers/index.ts";
import type { Admission } from "./admission.ts";
import { chunk, halves } from "./batches.ts";
import { backoffMs, type CallContext } from "./call-with-retry.ts";
import type { InstanceLedger } from "./instance-ledger.ts";
import type { InstanceReader } from "./instance-reader.ts";
import type { Settling } from "./settling.ts";

/** Halvings of one batch at most: 100 IDs stand alone after 7. */
export const MAX_SPLIT_DEPTH = 8;
/** Start/stop calls that may name one instance in one run (splits and resends included) before it is given up. */
export const MAX_SENDS_PER_INSTANCE = 12;
/** Starts refused for capacity are retried in batches this small (AWS's own Instance Scheduler uses 5). */
export const CAPACITY_BATCH = 5;
/** Tries of one small batch before its instances are tried one by one, and then given up. */
export const CAPACITY_TRIES = 3;

/** Where a batch comes from, for deciding what its failure means. */
export interface Lineage {
  /** Halvings that led to this batch. */
  readonly depth: number;
  /** Its instances were described after an earlier failure: a pure refusal needs no new describe. */
  readonly described: boolean;
  /** Capacity refusals it met. */
  readonly capacityTries: number;
}
export const FRESH: Lineage = { depth: 0, described: false, capacityTries: 0 };

/** Sends one start/stop call for these instances (recovering again if it fails). */
export type SendBatch = (ids: readonly string[], options: PowerOptions, lineage: Lineage) => Promise<void>;

export interface RecoveryDeps {
  readonly provider: ComputeProvider;
  readonly action: PowerAction;
  readonly context: CallContext;
  readonly ledger: InstanceLedger;
  readonly reader: InstanceReader;
  readonly admission: Admission;
  readonly settling: Settling;
  readonly send: SendBatch;
}

/**
 * What a failed start/stop batch means, and what happens next. Both clouds fail a whole call for one instance they
 * refuse, and a lost answer says nothing about whether the call was applied. So: errors certainly about the whole
 * call fail it; option refusals and capacity have their own ways; anything else is decided from evidence (describe
 * the batch, decide each instance again, re-send what is still actionable, split only what fails again with every
 * instance looking actionable).
 */
export class BatchRecovery {
  constructor(private readonly deps: RecoveryDeps) {}

  async recover(
    ids: readonly string[],
    options: PowerOptions,
    lineage: Lineage,
    error: CloudApiError,
    failure: ClassifiedFailure,
  ): Promise<void> {
    switch (failure.kind) {
      case "global":
      case "throttle":
      case "transient":
        // Retried already as far as the budget allowed (throttle, transient), or never to succeed (global).
        this.deps.ledger.settleAll(ids, "failed", error);
        return;
      case "option":
        return this.recoverOption(ids, options, lineage, error);
      case "capacity":
        return this.recoverCapacity(ids, options, lineage, error);
      default:
        break;
    }
    if (failure.kind === "refused" && lineage.described) return this.split(ids, options, lineage, error, failure);
    const actionable = await this.reclassify(ids, error);
    if (actionable.length === 0) return;
    if (actionable.length < ids.length || failure.kind === "uncertain") {
      // The evidence explained some instances (or the answer was lost): one call for the rest.
      await this.deps.send(actionable, options, { ...lineage, described: true });
      return;
    }
    if (failure.kind === "state" || failure.kind === "busy") {
      // The cloud saw a state or an operation its describe does not show yet (Tencent's lag): look again shortly.
      for (const id of actionable) this.deps.settling.wait(id, { code: error.code, message: error.message });
      return;
    }
    await this.split(actionable, options, { ...lineage, described: true }, error, failure);
  }

  /**
   * Describes a batch whose call failed and decides each instance anew (guard, override tag, state). Returns the
   * instances that still need the call; gives up those that already had too many.
   */
  private async reclassify(ids: readonly string[], error: CloudApiError): Promise<string[]> {
    const { ledger, reader, admission, settling } = this.deps;
    const { views, unanswered } = await reader.describeMany(ids);
    const actionable: string[] = [];
    for (const id of ids) {
      if (ledger.outcomeOf(id)) continue;
      const view = views.get(id);
      if (!view) {
        const why = unanswered.get(id);
        if (why) settling.wait(id, { code: error.code, message: `${error.message}; not described: ${why.code}` });
        else reader.notFound(id);
        continue;
      }
      ledger.seen(view);
      if (!admission.admit(view)) continue;
      if (ledger.sendsOf(id) >= MAX_SENDS_PER_INSTANCE) ledger.settle(id, "failed", error.code, error.message);
      else actionable.push(id);
    }
    return actionable;
  }

  /** Halves a batch whose every instance looks actionable, until the ones the cloud refuses stand alone. */
  private async split(
    ids: readonly string[],
    options: PowerOptions,
    lineage: Lineage,
    error: CloudApiError,
    failure: ClassifiedFailure,
  ): Promise<void> {
    if (ids.length === 1 || lineage.depth >= MAX_SPLIT_DEPTH) {
      this.deps.ledger.settleAll(ids, failure.kind === "not-found" ? "not-found" : "failed", error);
      return;
    }
    const next = { ...lineage, depth: lineage.depth + 1 };
    const [left, right] = halves(ids);
    await Promise.all([this.deps.send(left, options, next), this.deps.send(right, options, next)]);
  }

  /** An option refused (a billing mode, hibernation): find the instance, then send it with the provider's fallback. */
  private async recoverOption(
    ids: readonly string[],
    options: PowerOptions,
    lineage: Lineage,
    error: CloudApiError,
  ): Promise<void> {
    const [only] = ids;
    if (ids.length > 1 || only === undefined) return this.split(ids, options, lineage, error, { kind: "option" });
    const fallback = this.deps.provider.fallback(error, this.deps.action, options);
    if (!fallback) {
      this.deps.ledger.settle(only, "failed", error.code, error.message);
      return;
    }
    if (fallback.note) this.deps.ledger.note(only, fallback.note);
    await this.deps.send([only], fallback.options, lineage);
  }

  /**
   * No capacity to start now: nothing was started. Try again a little later in small batches (one shortage then
   * holds back few instances), then one by one; the instances that never get capacity fail with the cloud's code.
   */
  private async recoverCapacity(
    ids: readonly string[],
    options: PowerOptions,
    lineage: Lineage,
    error: CloudApiError,
  ): Promise<void> {
    const { clock, deadline, policy, random } = this.deps.context;
    const tries = lineage.capacityTries + 1;
    const delay = backoffMs(tries + 2, policy, random);
    const giveUp = tries > CAPACITY_TRIES && ids.length === 1;
    if (giveUp || !deadline.allowsWait(delay, policy.reserveMs + policy.minRequestMs)) {
      this.deps.ledger.settleAll(ids, "failed", error);
      return;
    }
    await clock.sleep(delay);
    const size = tries >= CAPACITY_TRIES ? 1 : CAPACITY_BATCH;
    const next = { ...lineage, capacityTries: tries };
    await Promise.all(chunk(ids, size).map((part) => this.deps.send(part, options, next)));
  }
}
