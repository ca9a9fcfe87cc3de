import type { InstanceView, PowerAction } from "../domain/index.ts";
import { fellBack, reachedTarget } from "../domain/index.ts";
import type { CallContext } from "./call-with-retry.ts";
import { type InstanceLedger, Mark } from "./instance-ledger.ts";
import type { InstanceReader } from "./instance-reader.ts";

/**
 * With `wait`: polls every instance marked to confirm (and not failed) until it is in the action's target state or fell
 * back (ActionDidNotTake), or the time runs out (NotConfirmed, after one last look into the reserve kept for it).
 */
export async function confirmTargetState(
  action: PowerAction,
  context: CallContext,
  ledger: InstanceLedger,
  reader: InstanceReader,
): Promise<void> {
  const { clock, deadline, policy } = context;
  const waiting = new Set(ledger.marked(Mark.toConfirm).filter((id) => ledger.outcomeOf(id) !== "failed"));
  let final = false;
  while (waiting.size > 0) {
    if (!deadline.allowsWait(policy.pollIntervalMs, policy.reserveMs + policy.minRequestMs)) {
      if (final) break;
      final = true; // one last look, into the reserve kept for it
    } else {
      await clock.sleep(policy.pollIntervalMs);
    }
    // A describe that fails is no evidence against the instances: they are polled again while time is left.
    const { views } = await reader.describeMany([...waiting], final).catch(() => ({
      views: new Map<string, InstanceView>(),
    }));
    for (const view of views.values()) confirmOne(action, ledger, view, waiting);
    if (final) break;
  }
  for (const id of waiting) {
    ledger.settle(id, "failed", "NotConfirmed", "the target state was not confirmed within the time budget");
  }
}

function confirmOne(action: PowerAction, ledger: InstanceLedger, view: InstanceView, waiting: Set<string>): void {
  ledger.confirmed(view);
  if (view.state !== "running" && view.state !== "stopped") ledger.mark(view.instanceId, Mark.sawMoving);
  if (reachedTarget(view, action)) {
    waiting.delete(view.instanceId);
  } else if (fellBack(view, action, ledger.isMarked(view.instanceId, Mark.sawMoving))) {
    const reason = view.latestOperation?.message ?? view.stateReason ?? `back in ${view.cloudState}`;
    ledger.settle(view.instanceId, "failed", "ActionDidNotTake", `the ${action} did not take: ${reason}`);
    waiting.delete(view.instanceId);
  }
}
