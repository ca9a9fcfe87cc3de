import type { InstanceView, PowerAction, PowerState, ProviderName } from "../domain/index.ts";
import { type InstanceResult, OUTCOMES, type Outcome } from "../report/index.ts";

/** What only some instances carry: a code and message (failures, kept-running) and notes (fallbacks, overrides). */
interface Extra {
  code?: string;
  message?: string;
  notes?: string[];
}

/** The word a report uses for a state: ours, or the provider's own for states we do not model. */
export function stateLabel(view: InstanceView): string {
  return view.state === "other" ? view.cloudState : view.state;
}

const ACCEPTED: Record<PowerAction, { outcome: Outcome; moving: PowerState }> = {
  start: { outcome: "started", moving: "starting" },
  stop: { outcome: "stopped", moving: "stopping" },
};
const DRY_RUN: Record<PowerAction, Outcome> = { start: "would-start", stop: "would-stop" };
const INITIAL_CAPACITY = 256;

/**
 * A string of its own. An ID or state word cut from an SDK's answer (an XML or JSON parser's substring) may be a slice
 * that keeps the whole answer alive: kept for the run, it would hold every describe page in memory.
 */
function own(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

/** Facts the run keeps per instance as bits, instead of one set of IDs each. */
export const Mark = {
  /** Selected by the target's tags: a start/stop call may carry it. */
  selectedByTags: 1,
  /** Our call was accepted, or it is already there with a note: `wait` confirms it. */
  toConfirm: 2,
  /** Seen moving after our call (a later return to the old state is then a fall-back, not the lag). */
  sawMoving: 4,
  /** The first describe showed a powercron:last-error stamp: a success removes it. */
  hadLastError: 8,
} as const;
export type Mark = (typeof Mark)[keyof typeof Mark];
const MAX_SENDS = 255;

/**
 * Everything the run learns about each instance of one target, in the order they were first met, kept compact so
 * that a run's memory grows by a few dozen bytes per instance: the ID, one byte each for the states before and after
 * (an index into the few state words met), the outcome and the calls sent; a code, a message and notes only for the
 * instances that have them.
 */
export class InstanceLedger {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  /** State words met, by code; code 0 is "never seen" (null). */
  private readonly labels: (string | null)[] = [null];
  private readonly labelCodes = new Map<string, number>();
  private before = new Uint8Array(INITIAL_CAPACITY);
  private after = new Uint8Array(INITIAL_CAPACITY);
  /** 0: no outcome yet, else the outcome's position in OUTCOMES plus one. */
  private outcomes = new Uint8Array(INITIAL_CAPACITY);
  private sends = new Uint8Array(INITIAL_CAPACITY);
  private marks = new Uint8Array(INITIAL_CAPACITY);
  private readonly extras = new Map<number, Extra>();

  constructor(
    private readonly provider: ProviderName,
    private readonly region: string,
    private readonly action: PowerAction,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  private slot(instanceId: string): number {
    const known = this.index.get(instanceId);
    if (known !== undefined) return known;
    const slot = this.ids.length;
    if (slot === this.before.length) this.grow();
    const id = own(instanceId);
    this.ids.push(id);
    this.index.set(id, slot);
    return slot;
  }

  private grow(): void {
    const bigger = (array: Uint8Array) => {
      const next = new Uint8Array(array.length * 2);
      next.set(array);
      return next;
    };
    this.before = bigger(this.before);
    this.after = bigger(this.after);
    this.outcomes = bigger(this.outcomes);
    this.sends = bigger(this.sends);
    this.marks = bigger(this.marks);
  }

  private labelCode(label: string): number {
    let code = this.labelCodes.get(label);
    if (code === undefined) {
      // More than 255 distinct state words cannot happen with real clouds; the last code is then shared.
      code = Math.min(this.labels.length, 255);
      const word = own(label);
      if (code === this.labels.length) this.labels.push(word);
      this.labelCodes.set(word, code);
    }
    return code;
  }

  private extra(slot: number): Extra {
    let extra = this.extras.get(slot);
    if (!extra) {
      extra = {};
      this.extras.set(slot, extra);
    }
    return extra;
  }

  has(instanceId: string): boolean {
    return this.index.has(instanceId);
  }

  /** Whether a describe showed this instance (its state before is known). */
  wasSeen(instanceId: string): boolean {
    const slot = this.index.get(instanceId);
    return slot !== undefined && this.before[slot] !== 0;
  }

  mark(instanceId: string, mark: Mark): void {
    const slot = this.slot(instanceId);
    this.marks[slot] = (this.marks[slot] ?? 0) | mark;
  }

  isMarked(instanceId: string, mark: Mark): boolean {
    const slot = this.index.get(instanceId);
    return slot !== undefined && ((this.marks[slot] ?? 0) & mark) !== 0;
  }

  /** The instances with this mark, in the order they were first met. */
  marked(mark: Mark): string[] {
    const ids: string[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (((this.marks[slot] ?? 0) & mark) !== 0) ids.push(this.ids[slot] ?? "");
    }
    return ids;
  }

  seen(view: InstanceView): void {
    const slot = this.slot(view.instanceId);
    const code = this.labelCode(stateLabel(view));
    if (this.before[slot] === 0) this.before[slot] = code;
    this.after[slot] = code;
  }

  note(instanceId: string, note: string): void {
    const extra = this.extra(this.slot(instanceId));
    (extra.notes ??= []).push(note);
  }

  hasNote(instanceId: string, note: string): boolean {
    const slot = this.index.get(instanceId);
    return slot === undefined ? false : (this.extras.get(slot)?.notes?.includes(note) ?? false);
  }

  markAttempted(instanceId: string): void {
    const slot = this.slot(instanceId);
    this.sends[slot] = Math.min(MAX_SENDS, (this.sends[slot] ?? 0) + 1);
  }

  /** How many start/stop calls named this instance. */
  sendsOf(instanceId: string): number {
    const slot = this.index.get(instanceId);
    return slot === undefined ? 0 : (this.sends[slot] ?? 0);
  }

  accepted(instanceId: string, currentState: string | undefined, dryRun: boolean): void {
    if (dryRun) {
      this.settle(instanceId, DRY_RUN[this.action]);
      return;
    }
    const slot = this.slot(instanceId);
    this.after[slot] = this.labelCode(currentState ?? ACCEPTED[this.action].moving);
    this.settle(instanceId, ACCEPTED[this.action].outcome);
  }

  wouldAct(instanceId: string): void {
    this.settle(instanceId, DRY_RUN[this.action]);
  }

  /** Already at the target, or on its way there: our own call if we made one, else nothing was needed. */
  alreadyThere(instanceId: string, outcome: Outcome, note?: string): void {
    if (note) this.note(instanceId, note);
    this.settle(instanceId, this.sendsOf(instanceId) > 0 ? ACCEPTED[this.action].outcome : outcome);
  }

  confirmed(view: InstanceView): void {
    this.after[this.slot(view.instanceId)] = this.labelCode(stateLabel(view));
  }

  settle(instanceId: string, outcome: Outcome, code?: string, message?: string): void {
    const slot = this.slot(instanceId);
    this.outcomes[slot] = OUTCOMES.indexOf(outcome) + 1;
    const extra = this.extras.get(slot);
    if (code === undefined && message === undefined) {
      if (extra) {
        delete extra.code;
        delete extra.message;
        if (!extra.notes) this.extras.delete(slot);
      }
      return;
    }
    const kept = extra ?? this.extra(slot);
    if (code === undefined) delete kept.code;
    else kept.code = code;
    if (message === undefined) delete kept.message;
    else kept.message = message;
  }

  /** Settles each of these instances that has no outcome yet with the failure's code and message. */
  settleAll(instanceIds: readonly string[], outcome: Outcome, failure: { code: string; message: string }): void {
    for (const id of instanceIds) if (!this.outcomeOf(id)) this.settle(id, outcome, failure.code, failure.message);
  }

  /** Every instance's ID, in the order first met. */
  instanceIds(): readonly string[] {
    return this.ids;
  }

  /** The code of the instance's outcome (a failure's), if any. */
  codeOf(instanceId: string): string | undefined {
    const slot = this.index.get(instanceId);
    return slot === undefined ? undefined : this.extras.get(slot)?.code;
  }

  outcomeOf(instanceId: string): Outcome | undefined {
    const slot = this.index.get(instanceId);
    return slot === undefined ? undefined : this.outcomeAt(slot);
  }

  private outcomeAt(slot: number): Outcome | undefined {
    const code = this.outcomes[slot] ?? 0;
    return code === 0 ? undefined : OUTCOMES[code - 1];
  }

  /** The report row of the instance met at this position (0-based). */
  resultAt(slot: number): InstanceResult {
    const outcome = this.outcomeAt(slot);
    const extra = this.extras.get(slot);
    if (outcome && !extra) {
      return {
        provider: this.provider,
        region: this.region,
        instanceId: this.ids[slot] ?? "",
        before: this.labels[this.before[slot] ?? 0] ?? null,
        after: this.labels[this.after[slot] ?? 0] ?? null,
        outcome,
      };
    }
    return {
      provider: this.provider,
      region: this.region,
      instanceId: this.ids[slot] ?? "",
      before: this.labels[this.before[slot] ?? 0] ?? null,
      after: this.labels[this.after[slot] ?? 0] ?? null,
      outcome: outcome ?? "failed",
      ...(outcome ? {} : { code: "Unresolved", message: "no outcome was reached (internal error)" }),
      ...(extra?.code ? { code: extra.code } : {}),
      ...(extra?.message ? { message: extra.message } : {}),
      ...(extra?.notes && extra.notes.length > 0 ? { notes: extra.notes } : {}),
    };
  }

  /** Every row, built one at a time as it is read. */
  *rows(): Generator<InstanceResult> {
    for (let slot = 0; slot < this.ids.length; slot++) yield this.resultAt(slot);
  }

  results(): InstanceResult[] {
    return [...this.rows()];
  }
}
