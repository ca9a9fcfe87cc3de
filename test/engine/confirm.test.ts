import { describe, expect, it } from "vitest";
import { confirmTargetState } from "../../src/engine/confirm.ts";
import { Mark } from "../../src/engine/instance-ledger.ts";
import type { FakeInstance } from "../support/fake-provider.ts";
import { outcomes, targetParts } from "./target-parts.ts";

/** A stop run after its call for these instances was accepted: each is marked to be confirmed. */
function accepted(fleet: FakeInstance[], budgetMs = 60_000, maxAttempts?: number) {
  const parts = targetParts({ action: "stop", fleet, budgetMs, ...(maxAttempts ? { policy: { maxAttempts } } : {}) });
  for (const { instanceId } of fleet) {
    parts.ledger.accepted(instanceId, undefined, false);
    parts.ledger.mark(instanceId, Mark.toConfirm);
  }
  const confirm = () => confirmTargetState("stop", parts.context, parts.ledger, parts.reader);
  return { ...parts, confirm };
}

describe("confirmTargetState: with wait, the final state of every instance moved is confirmed", () => {
  it("polls until the instance is in the target state, and reports the state it ended in", async () => {
    const { confirm, ledger, clock } = accepted([{ instanceId: "a", state: "stopping", holdFor: 1 }]);
    await confirm();
    expect(outcomes(ledger)).toEqual({ a: "stopped" });
    expect(ledger.results()[0]?.after).toBe("stopped");
    expect(clock.sleeps).toEqual([1_000, 1_000]);
  });

  it("fails an instance whose accepted operation fell back (ActionDidNotTake), with the cloud's message", async () => {
    const { confirm, ledger } = accepted([
      {
        instanceId: "a",
        state: "stopping",
        holdFor: 0,
        operationFails: true,
        operation: { name: "StopInstances", state: "OPERATING" },
      },
    ]);
    await confirm();
    expect(ledger.results()[0]).toMatchObject({
      outcome: "failed",
      code: "ActionDidNotTake",
      message: "the stop did not take: injected operation failure",
    });
  });

  it("fails an instance not confirmed within the budget (NotConfirmed), after one last look", async () => {
    const { confirm, ledger, clock, context } = accepted([{ instanceId: "a", state: "stopping", stuck: true }], 10_000);
    await confirm();
    expect(outcomes(ledger)).toEqual({ a: "failed NotConfirmed" });
    expect(clock.now()).toBeLessThanOrEqual(context.deadline.at);
  });

  it("a describe that fails is no evidence against the instance: it is polled again", async () => {
    const { confirm, ledger, provider } = accepted([{ instanceId: "a", state: "stopping", holdFor: 0 }], 60_000, 1);
    provider.failNext.push("AuthFailure");
    await confirm();
    expect(outcomes(ledger)).toEqual({ a: "stopped" });
    expect(provider.calls).toHaveLength(2);
  });

  it("leaves alone an instance that already failed, and one never marked to confirm", async () => {
    const { confirm, ledger, provider } = accepted([]);
    ledger.settle("a", "failed", "Refused", "no");
    ledger.mark("a", Mark.toConfirm);
    ledger.settle("b", "already-stopped");
    await confirm();
    expect(provider.calls).toEqual([]);
    expect(outcomes(ledger)).toEqual({ a: "failed Refused", b: "already-stopped" });
  });
});
