import type { InstanceView, PowerAction, PowerState, ProviderName } from "../domain/index.ts";
import type { InstanceResult, Outcome } from "../report/index.ts";

interface Entry {
  before: string | null;
  after: string | null;
  outcome?: Outcome;
  code?: string;
  message?: string;
  /** Start/stop calls naming this instance that were sent (so a later "already on its way" means our call took). */
  sends: number;
  notes: string[];
}

/** The word a report uses for a state: ours, or the provider's own for states we do not model. */
export function stateLabel(view: InstanceView): string {
  return view.state === "other" ? view.rawState : view.state;
}

const ACCEPTED: Record<PowerAction, { outcome: Outcome; moving: PowerState }> = {
  start: { outcome: "started", moving: "starting" },
  stop: { outcome: "stopped", moving: "stopping" },
};
const DRY_RUN: Record<PowerAction, Outcome> = { start: "would-start", stop: "would-stop" };

/** Everything the run learns about each instance of one target, in the order they were first met. */
export class InstanceLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly provider: ProviderName,
    private readonly region: string,
    private readonly action: PowerAction,
  ) {}

  private entry(instanceId: string): Entry {
    let entry = this.entries.get(instanceId);
    if (!entry) {
      entry = { before: null, after: null, sends: 0, notes: [] };
      this.entries.set(instanceId, entry);
    }
    return entry;
  }

  has(instanceId: string): boolean {
    return this.entries.has(instanceId);
  }

  seen(view: InstanceView): void {
    const entry = this.entry(view.instanceId);
    entry.before ??= stateLabel(view);
    entry.after = stateLabel(view);
  }

  note(instanceId: string, note: string): void {
    this.entry(instanceId).notes.push(note);
  }

  hasNote(instanceId: string, note: string): boolean {
    return this.entries.get(instanceId)?.notes.includes(note) ?? false;
  }

  markAttempted(instanceId: string): void {
    this.entry(instanceId).sends++;
  }

  /** How many start/stop calls named this instance. */
  sendsOf(instanceId: string): number {
    return this.entries.get(instanceId)?.sends ?? 0;
  }

  accepted(instanceId: string, currentState: string | undefined, dryRun: boolean): void {
    const entry = this.entry(instanceId);
    if (dryRun) {
      this.settle(instanceId, DRY_RUN[this.action]);
      return;
    }
    entry.after = currentState ?? ACCEPTED[this.action].moving;
    this.settle(instanceId, ACCEPTED[this.action].outcome);
  }

  wouldAct(instanceId: string): void {
    this.settle(instanceId, DRY_RUN[this.action]);
  }

  /** Already at the target, or on its way there: our own call if we made one, else nothing was needed. */
  alreadyThere(instanceId: string, outcome: Outcome, note?: string): void {
    const entry = this.entry(instanceId);
    if (note) entry.notes.push(note);
    this.settle(instanceId, entry.sends > 0 ? ACCEPTED[this.action].outcome : outcome);
  }

  confirmed(view: InstanceView): void {
    this.entry(view.instanceId).after = stateLabel(view);
  }

  settle(instanceId: string, outcome: Outcome, code?: string, message?: string): void {
    const entry = this.entry(instanceId);
    entry.outcome = outcome;
    entry.code = code;
    entry.message = message;
  }

  outcomeOf(instanceId: string): Outcome | undefined {
    return this.entries.get(instanceId)?.outcome;
  }

  results(): InstanceResult[] {
    return [...this.entries].map(([instanceId, entry]) => ({
      provider: this.provider,
      region: this.region,
      instanceId,
      before: entry.before,
      after: entry.after,
      outcome: entry.outcome ?? "failed",
      ...(entry.outcome ? {} : { code: "Unresolved", message: "no outcome was reached (internal error)" }),
      ...(entry.code ? { code: entry.code } : {}),
      ...(entry.message ? { message: entry.message } : {}),
      ...(entry.notes.length > 0 ? { notes: entry.notes } : {}),
    }));
  }
}
