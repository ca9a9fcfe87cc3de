import type { InstanceView } from "../domain/index.ts";
import type { Admission } from "./admission.ts";
import type { CallContext } from "./call-with-retry.ts";
import type { InstanceLedger } from "./instance-ledger.ts";
import type { InstanceReader } from "./instance-reader.ts";

/** Why an instance is being looked at again, and what it ends as if it never settles. */
export interface Pending {
  readonly code: string;
  readonly message: string;
}

export const STILL_MOVING: Pending = {
  code: "StillTransitional",
  message: "still in a transitional state when the time budget ran out",
};

export interface SettlingDeps {
  readonly context: CallContext;
  readonly ledger: InstanceLedger;
  readonly reader: InstanceReader;
  readonly admission: Admission;
  /** Sends the calls for instances that became actionable, and resolves when they are answered. */
  readonly act: (views: readonly InstanceView[]) => Promise<void>;
}

/**
 * The instances that cannot be acted on yet (a transitional state, an operation the describe does not show yet): they
 * are described again every poll interval until they can be acted on, or settle, or the time runs out.
 */
export class Settling {
  private readonly waiting = new Map<string, Pending>();

  constructor(private readonly deps: SettlingDeps) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Looks at the instance again later; if it never settles it fails with this reason. */
  wait(instanceId: string, why: Pending): void {
    this.waiting.set(instanceId, why);
  }

  /** Looks at the instance again later: it is still moving. */
  readonly stillMoving = (instanceId: string): void => this.wait(instanceId, STILL_MOVING);

  /** Looks again until nothing waits; at the deadline, one final look settles whatever is still waiting. */
  async untilSettled(): Promise<void> {
    const { context, ledger, reader, admission } = this.deps;
    const { clock, deadline, policy } = context;
    while (this.waiting.size > 0) {
      if (!deadline.allowsWait(policy.pollIntervalMs, policy.reserveMs + policy.minRequestMs)) {
        await this.finalLook();
        return;
      }
      await clock.sleep(policy.pollIntervalMs);
      const waiting = new Map(this.waiting);
      this.waiting.clear();
      const { views, unanswered } = await reader.describeMany([...waiting.keys()]);
      // A describe that failed is no news about the instance: it keeps the reason it was waiting for.
      for (const [id, error] of unanswered) {
        const prior = waiting.get(id) ?? STILL_MOVING;
        this.waiting.set(id, {
          code: prior.code,
          message: `${prior.message}; the last describe failed: ${error.code}`,
        });
      }
      const actionable: InstanceView[] = [];
      for (const view of views.values()) {
        ledger.seen(view);
        if (admission.admit(view)) actionable.push(view);
      }
      await this.deps.act(actionable);
    }
  }

  /**
   * The time is up for instances still waiting: one last describe (the reserve kept for it), then whatever has
   * reached the target counts, and the rest fail with why they were waiting.
   */
  private async finalLook(): Promise<void> {
    const { ledger, reader, admission } = this.deps;
    const left = new Map(this.waiting);
    this.waiting.clear();
    const { views } = await reader.describeMany([...left.keys()], true).catch(() => ({
      views: new Map<string, InstanceView>(),
    }));
    for (const [id, pending] of left) {
      const view = views.get(id);
      if (view) {
        ledger.seen(view);
        if (admission.arrived(view)) {
          if (!ledger.outcomeOf(id)) admission.admit(view);
          if (ledger.outcomeOf(id)) continue;
        }
      }
      if (!ledger.outcomeOf(id)) ledger.settle(id, "failed", pending.code, pending.message);
    }
  }
}
