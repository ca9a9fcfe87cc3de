import {
  type InstanceView,
  LAST_ERROR_TAG,
  type PowerAction,
  type PowerOptions,
  type PowerRequest,
  type PowerTarget,
} from "../domain/index.ts";
import { type CloudApiError, TimeBudgetExhaustedError } from "../errors.ts";
import type { ComputeProvider } from "../providers/index.ts";
import { ActionBacklog } from "./action-backlog.ts";
import { Admission } from "./admission.ts";
import { BatchRecovery, FRESH, type Lineage } from "./batch-recovery.ts";
import { BatchFiller, chunk } from "./batches.ts";
import { asCloudError, type CallContext } from "./call-with-retry.ts";
import { confirmTargetState } from "./confirm.ts";
import { InstanceLedger, Mark } from "./instance-ledger.ts";
import { InstanceReader } from "./instance-reader.ts";
import type { RateLimiterRegistry } from "./rate-limiter.ts";
import { Settling } from "./settling.ts";
import { readTagPages } from "./tag-pages.ts";
import { TargetCalls } from "./target-calls.ts";

/** Describe pages wait while this many full batches are handed to start/stop calls and not yet answered. */
const BACKLOG_BATCHES = 10;

/**
 * Brings the instances of one provider and region to the request's target state: describe (InstanceReader, tag
 * pages), decide (Admission), act in batches, and when a batch fails, decide again from evidence (BatchRecovery); look
 * again at those still moving (Settling), and optionally confirm (confirmTargetState). This class only composes them.
 */
export class TargetRun {
  readonly ledger: InstanceLedger;
  /**
   * Every instance the request named: with those the tags selected (Mark.selectedByTags, kept in the ledger), the
   * only ones a start/stop call may carry. What the run learns per instance lives in the ledger, compactly.
   */
  private readonly selected = new Set<string>();
  private readonly action: PowerAction;
  private readonly calls: TargetCalls;
  private readonly reader: InstanceReader;
  private readonly admission: Admission;
  private readonly settling: Settling;
  private readonly recovery: BatchRecovery;
  private readonly batches: BatchFiller;
  private readonly backlog: ActionBacklog;
  /** Start/stop calls handed over and not yet answered (recoveries included). */
  private pending: Promise<void>[] = [];
  private startedAt = 0;

  constructor(
    private readonly provider: ComputeProvider,
    private readonly target: PowerTarget,
    private readonly request: PowerRequest,
    private readonly context: CallContext,
    limiters: RateLimiterRegistry,
  ) {
    const action = request.action;
    this.action = action;
    const ledger = new InstanceLedger(target.provider, target.region, action);
    this.ledger = ledger;
    this.calls = new TargetCalls(provider, target.account, action, context, limiters);
    const reader = new InstanceReader(provider, this.calls, ledger);
    this.reader = reader;
    const admission = new Admission(
      ledger,
      request.scope,
      action,
      context.clock,
      (id) => this.settling.stillMoving(id),
      request.knownSchedules,
    );
    this.admission = admission;
    this.settling = new Settling({ context, ledger, reader, admission, act: (views) => this.actNow(views) });
    const send = (ids: readonly string[], options: PowerOptions, lineage: Lineage) =>
      this.sendBatch(ids, options, lineage);
    this.recovery = new BatchRecovery({
      provider,
      action,
      context,
      ledger,
      reader,
      admission,
      settling: this.settling,
      send,
    });
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
    await this.settling.untilSettled();
    if (this.request.options.wait && !this.request.options.dryRun) {
      await confirmTargetState(this.action, this.context, this.ledger, this.reader);
    }
    return this.ledger;
  }

  /**
   * Describes what the target names and selects. Each page is decided as it arrives and its eligible instances join
   * the action batches at once, so start/stop calls overlap the remaining describe pages.
   */
  private async resolve(): Promise<void> {
    for (const id of this.target.instanceIds) this.selected.add(id);
    const byIds = chunk(this.target.instanceIds, this.provider.maxIdsPerCall).map(async (ids) => {
      const described = await this.reader.describeIds(ids);
      if (described.error) this.ledger.settleAll(ids, "failed", described.error);
      this.described(described.views);
    });
    // Each further tag page waits for room in the action backlog: pages are read as fast as the calls can use them.
    // In the last quarter of the budget every page is read regardless: an instance the run cannot reach in time is
    // then reported (TimeBudgetExhausted), not left out of the report.
    const byTags =
      Object.keys(this.target.tags).length > 0
        ? readTagPages(this.provider, this.calls, this.ledger, {
            tags: this.target.tags,
            room: () => this.backlog.room(this.inLastQuarter),
            keep: (views) => this.described(views),
          })
        : Promise.resolve();
    await Promise.all([...byIds, byTags]);
    for (const id of this.target.instanceIds) {
      if (!this.ledger.wasSeen(id) && !this.ledger.outcomeOf(id)) this.reader.notFound(id);
    }
  }

  /** Records a page of instances (each once: IDs and tags may select the same one) and queues the eligible. */
  private described(views: readonly InstanceView[]): void {
    const fresh = views.filter((view) => !this.ledger.wasSeen(view.instanceId));
    for (const view of fresh) {
      this.ledger.seen(view);
      if (view.tags[LAST_ERROR_TAG] !== undefined) this.ledger.mark(view.instanceId, Mark.hadLastError);
    }
    this.act(fresh.filter((view) => this.admission.admit(view)));
  }

  /** Whether less than a quarter of the time the calls may use (the budget less its reserve) is left. */
  private readonly inLastQuarter = () => {
    const { deadline, policy } = this.context;
    const usable = deadline.at - this.startedAt - policy.reserveMs;
    return deadline.remainingMs() - policy.reserveMs <= usable / 4;
  };

  /** Queues the instances the request selected into the action batches (a dry run without the cloud's own: noted). */
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

  /** Acts on these instances now: their batches go out, partial or not, and are answered. */
  private async actNow(views: readonly InstanceView[]): Promise<void> {
    this.act(views);
    this.batches.sendPartial();
    await this.flushActions();
  }

  private async flushActions(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch);
    }
  }

  /** One start/stop call for these instances; when it fails, what the failure means decides what happens next. */
  private async sendBatch(ids: readonly string[], options: PowerOptions, lineage: Lineage): Promise<void> {
    for (const id of ids) this.ledger.markAttempted(id);
    let refusals: [string, CloudApiError][] = [];
    try {
      const response = await this.calls.act(ids, options);
      refusals = [...(response.refused ?? [])].filter(([id]) => ids.includes(id));
      for (const id of ids) {
        if (response.refused?.has(id)) continue;
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
      const error = asCloudError(thrown, this.provider.actionNames[this.action]);
      const failure = this.provider.classify(error, this.action, options);
      await this.recovery.recover(ids, options, lineage, error, failure);
      return;
    }
    // Refused on its own while the rest was applied: each is recovered alone, from its own error.
    await Promise.all(
      refusals.map(([id, error]) =>
        this.recovery.recover([id], options, lineage, error, this.provider.classify(error, this.action, options)),
      ),
    );
  }
}
