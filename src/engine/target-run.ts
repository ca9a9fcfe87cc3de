import type {
  ClassifiedFailure,
  InstanceView,
  PowerAction,
  PowerOptions,
  PowerRequest,
  PowerTarget,
} from "../domain/index.ts";
import { decide, fellBack, KEEP_RUNNING_TAG, outsideScope, reachedTarget } from "../domain/index.ts";
import { type CloudApiError, TimeBudgetExhaustedError } from "../errors.ts";
import type { CallOptions, ComputeProvider } from "../providers/index.ts";
import { ActionBacklog } from "./action-backlog.ts";
import { BatchFiller, chunk, halves } from "./batches.ts";
import { asCloudError, backoffMs, type CallContext, type CallSpec, callWithRetry } from "./call-with-retry.ts";
import { InstanceLedger, Mark } from "./instance-ledger.ts";
import type { RateLimiterRegistry } from "./rate-limiter.ts";

/** Halvings of one batch at most: 100 IDs stand alone after 7. */
const MAX_SPLIT_DEPTH = 8;
/** Start/stop calls that may name one instance in one run (splits and resends included) before it is given up. */
const MAX_SENDS_PER_INSTANCE = 12;
/** Starts refused for capacity are retried in batches this small (AWS's own Instance Scheduler uses 5). */
const CAPACITY_BATCH = 5;
/** Tries of one small batch before its instances are tried one by one, and then given up. */
const CAPACITY_TRIES = 3;
/** Describe pages wait while this many full batches are handed to start/stop calls and not yet answered. */
const BACKLOG_BATCHES = 10;
/** Describe pages of one selection read at the same time when the cloud gives every page's cursor at once (CVM). */
const PAGE_READERS = 16;

/** Where a batch comes from, for deciding what its failure means. */
interface Lineage {
  /** Halvings that led to this batch. */
  readonly depth: number;
  /** Its instances were described after an earlier failure: a pure refusal needs no new describe. */
  readonly described: boolean;
  /** Capacity refusals it met. */
  readonly capacityTries: number;
}
const FRESH: Lineage = { depth: 0, described: false, capacityTries: 0 };

/** Why an instance is being looked at again, and what it ends as if it never settles. */
interface Pending {
  readonly code: string;
  readonly message: string;
}
const STILL_MOVING: Pending = {
  code: "StillTransitional",
  message: "still in a transitional state when the time budget ran out",
};

/**
 * Brings the instances of one provider and region to the request's target state: describe, decide, act in batches,
 * and when a batch fails, decide again from evidence (describe the batch, re-classify each instance, re-send what is
 * still actionable, split only what fails again); look again at those still moving, and optionally confirm.
 */
export class TargetRun {
  readonly ledger: InstanceLedger;
  /**
   * Every instance the request named: with those the tags selected (Mark.selectedByTags, kept in the ledger), the
   * only ones a start/stop call may carry. What the run learns per instance lives in the ledger, compactly.
   */
  private readonly selected = new Set<string>();
  private readonly toRecheck = new Map<string, Pending>();
  /** Instances whose override tag was already noted in the report. */
  private readonly noted = new Set<string>();
  private readonly action: PowerAction;

  constructor(
    private readonly provider: ComputeProvider,
    private readonly target: PowerTarget,
    private readonly request: PowerRequest,
    private readonly context: CallContext,
    private readonly limiters: RateLimiterRegistry,
  ) {
    this.action = request.action;
    this.ledger = new InstanceLedger(target.provider, target.region, request.action);
    this.backlog = new ActionBacklog(BACKLOG_BATCHES * provider.maxIdsPerCall);
    this.batches = new BatchFiller(provider.maxIdsPerCall, (ids, options) => {
      this.backlog.add(ids.length);
      this.pending.push(this.sendBatch(ids, options, FRESH).finally(() => this.backlog.done(ids.length)));
    });
  }

  async run(): Promise<InstanceLedger> {
    this.startedAt = this.context.clock.now();
    await this.resolve();
    this.batches.sendPartial();
    await this.flushActions();
    await this.recheckUntilSettled();
    if (this.request.options.wait && !this.request.options.dryRun) await this.confirm();
    return this.ledger;
  }

  // ---- calls ----------------------------------------------------------------------------------------------------

  private spec(apiAction: string, idempotent: boolean, options?: PowerOptions, final = false): CallSpec {
    const kindOf = idempotent ? "describe" : this.action;
    return {
      apiAction,
      idempotent,
      final,
      classify: (error) => this.provider.classify(error, kindOf, options),
      onAccountThrottle: () => this.limiters.slowAccount(this.provider.provider, apiAction),
    };
  }

  private call<T>(spec: CallSpec, callsPerSecond: number, fn: (call: CallOptions) => Promise<T>): Promise<T> {
    // Each account has its own limits: another account's target is paced on its own (`region@account`).
    const where =
      this.target.account === undefined ? this.provider.region : `${this.provider.region}@${this.target.account}`;
    const key = `${this.provider.provider}:${where}:${spec.apiAction}`;
    return callWithRetry(spec, this.limiters.for(key, callsPerSecond), this.context, fn);
  }

  private describeCall<T>(fn: (call: CallOptions) => Promise<T>, final = false): Promise<T> {
    const apiAction = this.provider.actionNames.describe;
    return this.call(this.spec(apiAction, true, undefined, final), this.provider.describeCallsPerSecond, fn);
  }

  // ---- describe -------------------------------------------------------------------------------------------------

  /**
   * Describes what the target names and selects. Each page is decided as it arrives and its eligible instances join
   * the action batches at once, so start/stop calls overlap the remaining describe pages.
   */
  private async resolve(): Promise<void> {
    for (const id of this.target.instanceIds) this.selected.add(id);
    const byIds = chunk(this.target.instanceIds, this.provider.maxIdsPerCall).map(async (ids) => {
      const described = await this.describeIds(ids);
      if (described.error) this.settleAll(ids, "failed", described.error);
      this.described(described.views);
    });
    const byTags = Object.keys(this.target.tags).length > 0 ? this.describeTags() : Promise.resolve();
    await Promise.all([...byIds, byTags]);
    for (const id of this.target.instanceIds) {
      if (!this.ledger.wasSeen(id) && !this.ledger.outcomeOf(id)) this.settleNotFound(id);
    }
  }

  private settleNotFound(id: string): void {
    this.ledger.settle(id, "not-found", this.provider.notFoundCode, "no such instance in this region");
  }

  /** Records a page of instances (each once: IDs and tags may select the same one) and queues the eligible. */
  private described(views: readonly InstanceView[]): void {
    const fresh = views.filter((view) => !this.ledger.wasSeen(view.instanceId));
    for (const view of fresh) this.ledger.seen(view);
    this.act(fresh.filter((view) => this.admit(view)));
  }

  /**
   * Describes up to maxIdsPerCall IDs. An unknown ID that fails the call is isolated by halving (and settled
   * not-found); any other failure, after the retries, is returned for the caller to decide on.
   */
  private async describeIds(
    ids: readonly string[],
    final = false,
  ): Promise<{ views: InstanceView[]; error?: CloudApiError }> {
    try {
      const views = await this.describeCall((call) => this.provider.describeByIds(ids, call), final);
      const asked = new Set(ids);
      return { views: views.filter((view) => asked.has(view.instanceId)) };
    } catch (thrown) {
      const error = asCloudError(thrown, this.provider.actionNames.describe);
      if (error instanceof TimeBudgetExhaustedError) return { views: [], error };
      if (this.provider.classify(error, "describe").kind === "not-found") {
        if (ids.length === 1) {
          for (const id of ids) this.settleNotFound(id);
          return { views: [] };
        }
        const [left, right] = halves(ids);
        const parts = await Promise.all([this.describeIds(left, final), this.describeIds(right, final)]);
        const error = parts.find((part) => part.error)?.error;
        return { views: parts.flatMap((part) => part.views), ...(error ? { error } : {}) };
      }
      return { views: [], error };
    }
  }

  /** Describes many IDs in pages; the views of the pages that answered, and the IDs of those that did not. */
  private async describeMany(
    ids: readonly string[],
    final = false,
  ): Promise<{ views: Map<string, InstanceView>; unanswered: Map<string, CloudApiError> }> {
    const views = new Map<string, InstanceView>();
    const unanswered = new Map<string, CloudApiError>();
    await Promise.all(
      chunk(ids, this.provider.maxIdsPerCall).map(async (page) => {
        const described = await this.describeIds(page, final);
        for (const view of described.views) views.set(view.instanceId, view);
        if (described.error) {
          for (const id of page) if (!views.has(id)) unanswered.set(id, described.error);
        }
      }),
    );
    return { views, unanswered };
  }

  private async describeTags(): Promise<void> {
    const keep = (views: readonly InstanceView[]) => {
      for (const view of views) this.ledger.mark(view.instanceId, Mark.selectedByTags);
      this.described(views);
    };
    // Each further page waits for room in the action backlog: pages are read as fast as the calls can use them. In
    // the last quarter of the budget every page is read regardless: an instance the run cannot reach in time is then
    // reported (TimeBudgetExhausted), not left out of the report.
    const page = async (cursor: string | undefined) => {
      if (cursor !== undefined) await this.backlog.room(this.inLastQuarter);
      return this.describeCall((call) => this.provider.describeByTags(this.target.tags, cursor, call));
    };
    try {
      let current = await page(undefined);
      keep(current.instances);
      if (current.remainingCursors) {
        const cursors = current.remainingCursors.values();
        const reader = async () => {
          for (const cursor of cursors) keep((await page(cursor)).instances);
        };
        await Promise.all(Array.from({ length: PAGE_READERS }, reader));
      }
      while (current.nextCursor) {
        current = await page(current.nextCursor);
        keep(current.instances);
      }
    } catch (thrown) {
      // The pages already read hold instances the tags did select: they keep their calls; the failure is reported.
      const error = asCloudError(thrown, this.provider.actionNames.describe);
      const tags = Object.entries(this.target.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(",");
      this.ledger.settle(`tags:${tags}`, "failed", error.code, `selecting by tags failed: ${error.message}`);
    }
  }

  // ---- decide ---------------------------------------------------------------------------------------------------

  /**
   * Applies the scope guard and the decision table to what a describe just showed; returns whether the instance needs
   * a call. Runs on every describe of an instance, so a guard or override tag that changed is seen before each call.
   */
  private admit(view: InstanceView): boolean {
    if (this.ledger.outcomeOf(view.instanceId)) return false;
    const refusal = outsideScope(view, this.request.scope);
    if (refusal) {
      this.ledger.settle(view.instanceId, "refused", "OutOfScope", refusal);
      return false;
    }
    const decision = decide(view, this.action, new Date(this.context.clock.now()));
    if (decision.overrideNote && !this.noted.has(view.instanceId)) {
      this.noted.add(view.instanceId);
      this.ledger.note(view.instanceId, decision.overrideNote);
    }
    switch (decision.kind) {
      case "keep-running":
        this.ledger.settle(
          view.instanceId,
          "kept-running",
          undefined,
          `${KEEP_RUNNING_TAG} until ${decision.until.toISOString()}`,
        );
        return false;
      case "act":
        return true;
      case "done":
        this.ledger.alreadyThere(view.instanceId, decision.outcome, decision.note);
        if (decision.note || this.ledger.sendsOf(view.instanceId) > 0)
          this.ledger.mark(view.instanceId, Mark.toConfirm);
        return false;
      case "recheck":
        this.toRecheck.set(view.instanceId, STILL_MOVING);
        return false;
      case "fail":
        this.ledger.settle(view.instanceId, "failed", decision.code, decision.message);
        return false;
    }
  }

  // ---- act ------------------------------------------------------------------------------------------------------

  private pending: Promise<void>[] = [];
  private readonly batches: BatchFiller;
  private readonly backlog: ActionBacklog;
  private startedAt = 0;
  /** Whether less than a quarter of the time the calls may use (the budget less its reserve) is left. */
  private readonly inLastQuarter = () => {
    const { deadline, policy } = this.context;
    const usable = deadline.at - this.startedAt - policy.reserveMs;
    return deadline.remainingMs() - policy.reserveMs <= usable / 4;
  };

  private act(views: readonly InstanceView[]): void {
    const eligible = views.filter(
      (view) => this.selected.has(view.instanceId) || this.ledger.isMarked(view.instanceId, Mark.selectedByTags),
    );
    if (eligible.length === 0) return;
    if (this.request.options.dryRun && !this.provider.supportsDryRun) {
      for (const view of eligible) this.ledger.wouldAct(view.instanceId);
      return;
    }
    for (const view of eligible) {
      const { options, note } = this.provider.optionsFor(view, this.action, this.request.options);
      if (note && !this.ledger.hasNote(view.instanceId, note)) this.ledger.note(view.instanceId, note);
      this.batches.add([view.instanceId], options);
    }
  }

  private async flushActions(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch);
    }
  }

  private settleAll(ids: readonly string[], outcome: "failed" | "not-found", error: CloudApiError): void {
    for (const id of ids) if (!this.ledger.outcomeOf(id)) this.ledger.settle(id, outcome, error.code, error.message);
  }

  /** One start/stop call for these instances; when it fails, what the failure means decides what happens next. */
  private async sendBatch(ids: readonly string[], options: PowerOptions, lineage: Lineage): Promise<void> {
    const apiAction = this.provider.actionNames[this.action];
    for (const id of ids) this.ledger.markAttempted(id);
    try {
      const response = await this.call(this.spec(apiAction, false, options), options.maxCallsPerSecond, (call) =>
        this.action === "start" ? this.provider.start(ids, options, call) : this.provider.stop(ids, options, call),
      );
      for (const id of ids) {
        const state = response.currentStates?.get(id);
        if (state) this.ledger.mark(id, Mark.sawMoving);
        this.ledger.accepted(id, state, options.dryRun);
        if (!options.dryRun) this.ledger.mark(id, Mark.toConfirm);
      }
    } catch (thrown) {
      if (thrown instanceof TimeBudgetExhaustedError) {
        for (const id of ids) this.ledger.settle(id, "failed", "TimeBudgetExhausted", thrown.message);
        return;
      }
      const error = asCloudError(thrown, apiAction);
      await this.recover(ids, options, lineage, error, this.provider.classify(error, this.action, options));
    }
  }

  /**
   * Both clouds fail a whole start/stop call for one instance they refuse, and a lost answer says nothing about
   * whether the call was applied. So: errors certainly about the whole call fail it; option refusals and capacity
   * have their own ways; anything else is decided from evidence (describe the batch, decide each instance again,
   * re-send what is still actionable, split only what fails again with every instance looking actionable).
   */
  private async recover(
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
        this.settleAll(ids, "failed", error);
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
      await this.sendBatch(actionable, options, { ...lineage, described: true });
      return;
    }
    if (failure.kind === "state" || failure.kind === "busy") {
      // The cloud saw a state or an operation its describe does not show yet (Tencent's lag): look again shortly.
      for (const id of actionable) this.toRecheck.set(id, { code: error.code, message: error.message });
      return;
    }
    await this.split(actionable, options, { ...lineage, described: true }, error, failure);
  }

  /**
   * Describes a batch whose call failed and decides each instance anew (guard, override tag, state). Returns the
   * instances that still need the call; gives up those that already had too many.
   */
  private async reclassify(ids: readonly string[], error: CloudApiError): Promise<string[]> {
    const { views, unanswered } = await this.describeMany(ids);
    const actionable: string[] = [];
    for (const id of ids) {
      if (this.ledger.outcomeOf(id)) continue;
      const view = views.get(id);
      if (!view) {
        const why = unanswered.get(id);
        if (why) this.toRecheck.set(id, { code: error.code, message: `${error.message}; not described: ${why.code}` });
        else this.settleNotFound(id);
        continue;
      }
      this.ledger.seen(view);
      if (!this.admit(view)) continue;
      if (this.ledger.sendsOf(id) >= MAX_SENDS_PER_INSTANCE)
        this.ledger.settle(id, "failed", error.code, error.message);
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
      this.settleAll(ids, failure.kind === "not-found" ? "not-found" : "failed", error);
      return;
    }
    const next = { ...lineage, depth: lineage.depth + 1 };
    const [left, right] = halves(ids);
    await Promise.all([this.sendBatch(left, options, next), this.sendBatch(right, options, next)]);
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
    const fallback = this.provider.fallback(error, this.action, options);
    if (!fallback) {
      this.ledger.settle(only, "failed", error.code, error.message);
      return;
    }
    if (fallback.note) this.ledger.note(only, fallback.note);
    await this.sendBatch([only], fallback.options, lineage);
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
    const { clock, deadline, policy, random } = this.context;
    const tries = lineage.capacityTries + 1;
    const delay = backoffMs(tries + 2, policy, random);
    const giveUp = tries > CAPACITY_TRIES && ids.length === 1;
    if (giveUp || !deadline.allowsWait(delay, policy.reserveMs + policy.minRequestMs)) {
      this.settleAll(ids, "failed", error);
      return;
    }
    await clock.sleep(delay);
    const size = tries >= CAPACITY_TRIES ? 1 : CAPACITY_BATCH;
    const next = { ...lineage, capacityTries: tries };
    await Promise.all(chunk(ids, size).map((part) => this.sendBatch(part, options, next)));
  }

  // ---- look again -----------------------------------------------------------------------------------------------

  /** Instances in a transitional state are described again until they can be acted on, or time runs out. */
  private async recheckUntilSettled(): Promise<void> {
    const { clock, deadline, policy } = this.context;
    while (this.toRecheck.size > 0) {
      if (!deadline.allowsWait(policy.pollIntervalMs, policy.reserveMs + policy.minRequestMs)) {
        await this.finalLook(this.toRecheck);
        return;
      }
      await clock.sleep(policy.pollIntervalMs);
      const waiting = new Map(this.toRecheck);
      this.toRecheck.clear();
      const { views, unanswered } = await this.describeMany([...waiting.keys()]);
      // A describe that failed is no news about the instance: it keeps the reason it was waiting for.
      for (const [id, error] of unanswered) {
        const prior = waiting.get(id) ?? STILL_MOVING;
        this.toRecheck.set(id, {
          code: prior.code,
          message: `${prior.message}; the last describe failed: ${error.code}`,
        });
      }
      const actionable: InstanceView[] = [];
      for (const view of views.values()) {
        this.ledger.seen(view);
        if (this.admit(view)) actionable.push(view);
      }
      this.act(actionable);
      this.batches.sendPartial();
      await this.flushActions();
    }
  }

  /**
   * The time is up for instances still waiting: one last describe (the reserve kept for it), then whatever has
   * reached the target counts, and the rest fail with why they were waiting.
   */
  private async finalLook(waiting: Map<string, Pending>): Promise<void> {
    const left = new Map(waiting);
    waiting.clear();
    const { views } = await this.describeMany([...left.keys()], true).catch(() => ({
      views: new Map<string, InstanceView>(),
    }));
    for (const [id, pending] of left) {
      const view = views.get(id);
      if (view) {
        this.ledger.seen(view);
        if (
          reachedTarget(view, this.action) ||
          decide(view, this.action, new Date(this.context.clock.now())).kind === "done"
        ) {
          if (!this.ledger.outcomeOf(id)) this.admit(view);
          if (this.ledger.outcomeOf(id)) continue;
        }
      }
      if (!this.ledger.outcomeOf(id)) this.ledger.settle(id, "failed", pending.code, pending.message);
    }
  }

  // ---- confirm --------------------------------------------------------------------------------------------------

  /** With `wait`: polls until every instance we moved is in the target state, fell back, or time runs out. */
  private async confirm(): Promise<void> {
    const { clock, deadline, policy } = this.context;
    const waiting = new Set(this.ledger.marked(Mark.toConfirm).filter((id) => this.ledger.outcomeOf(id) !== "failed"));
    let final = false;
    while (waiting.size > 0) {
      if (!deadline.allowsWait(policy.pollIntervalMs, policy.reserveMs + policy.minRequestMs)) {
        if (final) break;
        final = true; // one last look, into the reserve kept for it
      } else {
        await clock.sleep(policy.pollIntervalMs);
      }
      // A describe that fails is no evidence against the instances: they are polled again while time is left.
      const { views } = await this.describeMany([...waiting], final).catch(() => ({
        views: new Map<string, InstanceView>(),
      }));
      for (const view of views.values()) this.confirmOne(view, waiting);
      if (final) break;
    }
    for (const id of waiting) {
      this.ledger.settle(id, "failed", "NotConfirmed", "the target state was not confirmed within the time budget");
    }
  }

  private confirmOne(view: InstanceView, waiting: Set<string>): void {
    this.ledger.confirmed(view);
    if (view.state !== "running" && view.state !== "stopped") this.ledger.mark(view.instanceId, Mark.sawMoving);
    if (reachedTarget(view, this.action)) {
      waiting.delete(view.instanceId);
    } else if (fellBack(view, this.action, this.ledger.isMarked(view.instanceId, Mark.sawMoving))) {
      const reason = view.latestOperation?.message ?? view.stateReason ?? `back in ${view.cloudState}`;
      this.ledger.settle(view.instanceId, "failed", "ActionDidNotTake", `the ${this.action} did not take: ${reason}`);
      waiting.delete(view.instanceId);
    }
  }
}
