import { decide, fellBack, reachedTarget } from "../domain/decide.ts";
import { errorKind, isNotFound, isStateRefusal } from "../domain/error-policy.ts";
import { KEEP_RUNNING_TAG } from "../domain/keep-running-tag.ts";
import { outsideScope } from "../domain/scope-guard.ts";
import type { InstanceView, PowerOptions, PowerRequest, PowerTarget } from "../domain/types.ts";
import type { CloudApiError } from "../errors.ts";
import type { ComputeProvider } from "../providers/compute-provider.ts";
import { BatchFiller, chunk, halves } from "./batches.ts";
import { asCloudError, type CallContext, callWithRetry } from "./call-with-retry.ts";
import { InstanceLedger } from "./instance-ledger.ts";
import type { RateLimiterRegistry } from "./rate-limiter.ts";

const STOP_CHARGING_REFUSED = "UnsupportedOperation.StoppedModeStopCharging";
const HIBERNATION_REFUSED = "UnsupportedHibernationConfiguration";
const HIBERNATION_NOT_CONFIGURED = "hibernation not configured; stopped without hibernating";

/**
 * Brings the instances of one provider and region to the request's target state: describe, decide, act in batches,
 * isolate the instances that make a batch fail, look again at those still moving, and optionally confirm.
 */
export class TargetRun {
  readonly ledger: InstanceLedger;
  /** Every instance the request named or selected: the only ones a start/stop call may carry. */
  private readonly selected = new Set<string>();
  private readonly toRecheck = new Set<string>();
  private readonly toConfirm = new Set<string>();
  /** Instances whose override tag was already noted in the report. */
  private readonly noted = new Set<string>();
  /** Instances described at least once. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly provider: ComputeProvider,
    private readonly target: PowerTarget,
    private readonly request: PowerRequest,
    private readonly context: CallContext,
    private readonly limiters: RateLimiterRegistry,
  ) {
    this.ledger = new InstanceLedger(target.provider, target.region, request.action);
    this.batches = new BatchFiller(provider.maxIdsPerCall, (ids, options) =>
      this.pending.push(this.actOnBatch(ids, options)),
    );
  }

  private limiter(apiAction: string, callsPerSecond: number) {
    return this.limiters.for(`${this.provider.provider}:${this.provider.region}:${apiAction}`, callsPerSecond);
  }

  private call<T>(apiAction: string, callsPerSecond: number, fn: () => Promise<T>): Promise<T> {
    return callWithRetry(apiAction, this.limiter(apiAction, callsPerSecond), this.context, fn);
  }

  private describeCall<T>(fn: () => Promise<T>): Promise<T> {
    return this.call(this.provider.actionNames.describe, this.provider.describeCallsPerSecond, fn);
  }

  async run(): Promise<InstanceLedger> {
    await this.resolve();
    this.batches.sendPartial();
    await this.flushActions();
    await this.recheckUntilSettled();
    if (this.request.options.wait && !this.request.options.dryRun) await this.confirm();
    return this.ledger;
  }

  // ---- describe -------------------------------------------------------------------------------------------------

  /**
   * Describes what the target names and selects. Each page is decided as it arrives and its eligible instances join
   * the action batches at once, so start/stop calls overlap the remaining describe pages.
   */
  private async resolve(): Promise<void> {
    for (const id of this.target.instanceIds) this.selected.add(id);
    const byIds = chunk(this.target.instanceIds, this.provider.maxIdsPerCall).map((ids) =>
      this.describeIds(ids).then((views) => this.described(views)),
    );
    const byTags = Object.keys(this.target.tags).length > 0 ? this.describeTags() : Promise.resolve();
    await Promise.all([...byIds, byTags]);
    for (const id of this.target.instanceIds) {
      if (!this.seen.has(id) && !this.ledger.outcomeOf(id)) {
        this.ledger.settle(id, "not-found", "InvalidInstanceId.NotFound", "no such instance in this region");
      }
    }
  }

  /** Records a page of instances (each once: IDs and tags may select the same one) and queues the eligible. */
  private described(views: readonly InstanceView[]): void {
    const fresh = views.filter((view) => !this.seen.has(view.instanceId));
    for (const view of fresh) {
      this.seen.add(view.instanceId);
      this.ledger.seen(view);
    }
    this.act(fresh.filter((view) => this.admit(view)));
  }

  /** Describes up to maxIdsPerCall IDs; an unknown ID that fails the call is isolated by halving. */
  private async describeIds(ids: readonly string[]): Promise<readonly InstanceView[]> {
    try {
      const views = await this.describeCall(() => this.provider.describeByIds(ids));
      const asked = new Set(ids);
      return views.filter((view) => asked.has(view.instanceId));
    } catch (thrown) {
      const error = asCloudError(thrown, this.provider.actionNames.describe);
      if (errorKind(error.code) === "isolate" && ids.length > 1) {
        const [left, right] = halves(ids);
        return (await Promise.all([this.describeIds(left), this.describeIds(right)])).flat();
      }
      const outcome = isNotFound(error.code) ? "not-found" : "failed";
      for (const id of ids) this.ledger.settle(id, outcome, error.code, error.message);
      return [];
    }
  }

  private async describeTags(): Promise<void> {
    const keep = (views: readonly InstanceView[]) => {
      for (const view of views) this.selected.add(view.instanceId);
      this.described(views);
    };
    try {
      let page = await this.describeCall(() => this.provider.describeByTags(this.target.tags, undefined));
      keep(page.instances);
      if (page.remainingCursors) {
        await Promise.all(
          page.remainingCursors.map((cursor) =>
            this.describeCall(() => this.provider.describeByTags(this.target.tags, cursor)).then((next) =>
              keep(next.instances),
            ),
          ),
        );
      }
      while (page.nextCursor) {
        const cursor = page.nextCursor;
        page = await this.describeCall(() => this.provider.describeByTags(this.target.tags, cursor));
        keep(page.instances);
      }
    } catch (thrown) {
      // The pages already read hold instances the tags did select: they keep their calls; the failure is reported.
      const error = asCloudError(thrown, this.provider.actionNames.describe);
      const tags = Object.entries(this.target.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(",");
      const pseudoId = `tags:${tags}`;
      this.ledger.settle(pseudoId, "failed", error.code, `selecting by tags failed: ${error.message}`);
    }
  }

  // ---- decide ---------------------------------------------------------------------------------------------------

  /** Applies the scope guard and the decision table; returns whether the instance needs a call. */
  private admit(view: InstanceView): boolean {
    if (this.ledger.outcomeOf(view.instanceId)) return false;
    const refusal = outsideScope(view, this.request.scope);
    if (refusal) {
      this.ledger.settle(view.instanceId, "refused", "OutOfScope", refusal);
      return false;
    }
    return this.applyDecision(view);
  }

  private applyDecision(view: InstanceView): boolean {
    const decision = decide(view, this.request.action, new Date(this.context.clock.now()));
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
        if (decision.note) this.toConfirm.add(view.instanceId);
        return false;
      case "recheck":
        this.toRecheck.add(view.instanceId);
        return false;
      case "fail":
        this.ledger.settle(view.instanceId, "failed", decision.code, decision.message);
        return false;
    }
  }

  // ---- act ------------------------------------------------------------------------------------------------------

  private pending: Promise<void>[] = [];
  private readonly batches: BatchFiller;

  private act(views: readonly InstanceView[]): void {
    const ids = views.map((view) => view.instanceId).filter((id) => this.selected.has(id));
    if (ids.length === 0) return;
    if (this.request.options.dryRun && !this.provider.supportsDryRun) {
      for (const id of ids) this.ledger.wouldAct(id);
      return;
    }
    const { options } = this.request;
    if (this.request.action === "stop" && options.hibernate) {
      // EC2 says which instances can hibernate: the others get a plain stop rather than a refused batch to split.
      const cannot = new Set(views.filter((view) => view.hibernationConfigured === false).map((v) => v.instanceId));
      const plain = ids.filter((id) => cannot.has(id));
      for (const id of plain) this.ledger.note(id, HIBERNATION_NOT_CONFIGURED);
      this.batches.add(plain, { ...options, hibernate: false });
      this.batches.add(
        ids.filter((id) => !cannot.has(id)),
        options,
      );
      return;
    }
    this.batches.add(ids, options);
  }

  private async flushActions(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch);
    }
  }

  /**
   * One start/stop call for these instances. Both clouds fail a whole batch for one bad instance, so a batch that
   * fails because of its instances is split in halves until the culprits stand alone and every other instance got
   * its call.
   */
  private async actOnBatch(ids: readonly string[], options: PowerOptions): Promise<void> {
    const { action } = this.request;
    const apiAction = this.provider.actionNames[action];
    for (const id of ids) this.ledger.markAttempted(id);
    try {
      const response = await this.call(apiAction, options.maxCallsPerSecond, () =>
        action === "start" ? this.provider.start(ids, options) : this.provider.stop(ids, options),
      );
      for (const id of ids) {
        this.ledger.accepted(id, response.currentStates?.get(id), options.dryRun);
        if (!options.dryRun) this.toConfirm.add(id);
      }
    } catch (thrown) {
      const error = asCloudError(thrown, apiAction);
      if (errorKind(error.code) === "isolate" && ids.length > 1) {
        const [left, right] = halves(ids);
        await Promise.all([this.actOnBatch(left, options), this.actOnBatch(right, options)]);
        return;
      }
      const [only] = ids;
      if (ids.length === 1 && only !== undefined) {
        await this.handleSingleRefusal(only, error, options);
        return;
      }
      for (const id of ids) this.ledger.settle(id, "failed", error.code, error.message);
    }
  }

  private async handleSingleRefusal(id: string, error: CloudApiError, options: PowerOptions): Promise<void> {
    if (error.code === STOP_CHARGING_REFUSED && options.stoppedMode === "STOP_CHARGING") {
      this.ledger.note(id, "STOP_CHARGING refused by the cloud; stopped with KEEP_CHARGING instead");
      await this.actOnBatch([id], { ...options, stoppedMode: "KEEP_CHARGING" });
      return;
    }
    if (error.code === HIBERNATION_REFUSED && options.hibernate) {
      this.ledger.note(id, HIBERNATION_NOT_CONFIGURED);
      await this.actOnBatch([id], { ...options, hibernate: false });
      return;
    }
    if (isStateRefusal(error.code)) {
      this.toRecheck.add(id);
      return;
    }
    this.ledger.settle(id, isNotFound(error.code) ? "not-found" : "failed", error.code, error.message);
  }

  // ---- look again -----------------------------------------------------------------------------------------------

  /** Instances in a transitional state are described again until they can be acted on, or time runs out. */
  private async recheckUntilSettled(): Promise<void> {
    const { clock, deadline, policy } = this.context;
    while (this.toRecheck.size > 0) {
      if (!deadline.allowsWait(policy.pollIntervalMs, policy.callAllowanceMs)) {
        for (const id of this.toRecheck) {
          this.ledger.settle(
            id,
            "failed",
            "StillTransitional",
            "still in a transitional state when the time budget ran out",
          );
        }
        this.toRecheck.clear();
        return;
      }
      await clock.sleep(policy.pollIntervalMs);
      const ids = [...this.toRecheck];
      this.toRecheck.clear();
      const views = await this.describeMany(ids);
      for (const view of views) this.ledger.seen(view);
      this.act(views.filter((view) => this.applyDecision(view)));
      this.batches.sendPartial();
      await this.flushActions();
    }
  }

  private async describeMany(ids: readonly string[]): Promise<InstanceView[]> {
    const pages = await Promise.all(chunk(ids, this.provider.maxIdsPerCall).map((batch) => this.describeIds(batch)));
    return pages.flat();
  }

  // ---- confirm --------------------------------------------------------------------------------------------------

  /** With `wait`: polls until every instance we moved is in the target state, fell back, or time runs out. */
  private async confirm(): Promise<void> {
    const { clock, deadline, policy } = this.context;
    const waiting = new Set([...this.toConfirm].filter((id) => this.ledger.outcomeOf(id) !== "failed"));
    while (waiting.size > 0) {
      if (!deadline.allowsWait(policy.pollIntervalMs, policy.callAllowanceMs)) {
        for (const id of waiting) {
          this.ledger.settle(id, "failed", "NotConfirmed", "the target state was not confirmed within the time budget");
        }
        return;
      }
      await clock.sleep(policy.pollIntervalMs);
      for (const view of await this.describeMany([...waiting])) {
        this.ledger.confirmed(view);
        if (reachedTarget(view, this.request.action)) {
          waiting.delete(view.instanceId);
        } else if (fellBack(view, this.request.action)) {
          const reason = view.latestOperation?.errorMessage ?? view.stateReason ?? `back in ${view.rawState}`;
          this.ledger.settle(
            view.instanceId,
            "failed",
            "ActionDidNotTake",
            `the ${this.request.action} did not take: ${reason}`,
          );
          waiting.delete(view.instanceId);
        }
      }
    }
  }
}
