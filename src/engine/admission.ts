import type { InstanceView, PowerAction, ScopeGuard } from "../domain/index.ts";
import {
  decide,
  KEEP_RUNNING_TAG,
  outsideScope,
  reachedTarget,
  SCHEDULE_TAG,
  unknownScheduleNote,
} from "../domain/index.ts";
import type { Clock } from "./clock.ts";
import { type InstanceLedger, Mark } from "./instance-ledger.ts";

/**
 * Applies the scope guard and the decision table to what a describe just showed, and settles in the ledger what needs
 * no call. Runs on every describe of an instance, so a guard or override tag that changed is seen before each call.
 */
export class Admission {
  /** Instances whose override tag was already noted in the report. */
  private readonly noted = new Set<string>();

  constructor(
    private readonly ledger: InstanceLedger,
    private readonly scope: ScopeGuard,
    private readonly action: PowerAction,
    private readonly clock: Clock,
    /** Told of an instance in a state that will settle into one the action can be taken from: look again later. */
    private readonly recheck: (instanceId: string) => void,
    /** The config's named schedules: a schedule tag naming none of them is noted; absent = not checked. */
    private readonly knownSchedules?: readonly string[],
  ) {}

  /** Whether the instance needs the call; every other verdict is settled in the ledger (or handed to `recheck`). */
  admit(view: InstanceView): boolean {
    if (this.ledger.outcomeOf(view.instanceId)) return false;
    const refusal = outsideScope(view, this.scope);
    if (refusal) {
      this.ledger.settle(view.instanceId, "refused", "OutOfScope", refusal);
      return false;
    }
    const decision = decide(view, this.action, this.now());
    if (!this.noted.has(view.instanceId)) {
      const schedule =
        this.knownSchedules === undefined
          ? undefined
          : unknownScheduleNote(
              Object.hasOwn(view.tags, SCHEDULE_TAG) ? view.tags[SCHEDULE_TAG] : undefined,
              this.knownSchedules,
            );
      if (decision.overrideNote || schedule) this.noted.add(view.instanceId);
      if (decision.overrideNote) this.ledger.note(view.instanceId, decision.overrideNote);
      if (schedule) this.ledger.note(view.instanceId, schedule);
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
      case "skipped-by-tag":
        this.ledger.settle(view.instanceId, "skipped-by-tag", undefined, decision.reason);
        return false;
      case "act":
        return true;
      case "done":
        this.ledger.alreadyThere(view.instanceId, decision.outcome, decision.note);
        if (decision.note || this.ledger.sendsOf(view.instanceId) > 0)
          this.ledger.mark(view.instanceId, Mark.toConfirm);
        return false;
      case "recheck":
        this.recheck(view.instanceId);
        return false;
      case "fail":
        this.ledger.settle(view.instanceId, "failed", decision.code, decision.message);
        return false;
    }
  }

  /** Whether the instance is at the target, or needs nothing more on its way there (the decision table's "done"). */
  arrived(view: InstanceView): boolean {
    return reachedTarget(view, this.action) || decide(view, this.action, this.now()).kind === "done";
  }

  private now(): Date {
    return new Date(this.clock.now());
  }
}
