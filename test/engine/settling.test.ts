import { describe, expect, it } from "vitest";
import type { FakeInstance } from "../support/fake-provider.ts";
import { outcomes, targetParts } from "./target-parts.ts";

/** A stop run's waiting list over one instance that was in a transitional state when first described. */
function waitingFor(instance: FakeInstance, budgetMs = 60_000, maxAttempts?: number) {
  const parts = targetParts({
    action: "stop",
    fleet: [instance],
    budgetMs,
    ...(maxAttempts ? { policy: { maxAttempts } } : {}),
  });
  parts.settling.stillMoving(instance.instanceId);
  return parts;
}

describe("Settling: instances that cannot be acted on yet are looked at again until they settle", () => {
  it("looks again after a poll interval, and hands an instance that became actionable to act", async () => {
    const { settling, acted, clock, ledger } = waitingFor({ instanceId: "a", state: "starting", holdFor: 0 });
    await settling.untilSettled();
    expect(clock.sleeps).toEqual([1_000]);
    expect(acted).toEqual([["a"]]);
    expect(outcomes(ledger)).toEqual({});
    expect(settling.size).toBe(0);
  });

  it("settles an instance that reached the target meanwhile (someone else stopped it), without a call", async () => {
    const { settling, acted, ledger } = waitingFor({ instanceId: "a", state: "stopped" });
    await settling.untilSettled();
    expect(acted).toEqual([[]]);
    expect(outcomes(ledger)).toEqual({ a: "already-stopped" });
  });

  it("keeps looking while the instance is still moving, poll after poll", async () => {
    const { settling, acted, clock } = waitingFor({ instanceId: "a", state: "starting", holdFor: 3 });
    await settling.untilSettled();
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(3);
    expect(acted.at(-1)).toEqual(["a"]);
  });

  it("fails an instance that never settles with the reason it was waiting for, within the budget", async () => {
    const { settling, ledger, clock, context } = waitingFor(
      { instanceId: "a", state: "starting", stuck: true },
      20_000,
    );
    await settling.untilSettled();
    expect(outcomes(ledger)).toEqual({ a: "failed StillTransitional" });
    expect(clock.now()).toBeLessThanOrEqual(context.deadline.at);
  });

  it("keeps the reason a batch's failure gave, when the instance waits for that", async () => {
    const parts = targetParts({
      action: "stop",
      fleet: [{ instanceId: "a", state: "running", stuck: true }],
      budgetMs: 3_600,
    });
    parts.settling.wait("a", { code: "OperationDenied.InstanceOperationInProgress", message: "busy" });
    await parts.settling.untilSettled();
    // The final look (no time left to wait) sees it actionable, not arrived: it fails with its reason.
    expect(outcomes(parts.ledger)).toEqual({ a: "failed OperationDenied.InstanceOperationInProgress" });
    expect(parts.acted).toEqual([]);
  });

  it("a describe that failed is no news: the instance keeps its reason, and the failure is added to it", async () => {
    // Time for one more look and then the final one; both describes fail.
    const { settling, ledger, provider } = waitingFor({ instanceId: "a", state: "starting", stuck: true }, 5_000, 1);
    provider.failNext.push("AuthFailure", "AuthFailure");
    await settling.untilSettled();
    const [row] = ledger.results();
    expect(row).toMatchObject({ outcome: "failed", code: "StillTransitional" });
    expect(row?.message).toMatch(/the last describe failed: AuthFailure$/);
  });

  it.each([
    { state: "stopped" as const, settled: "already-stopped" },
    { state: "starting" as const, settled: "failed StillTransitional" },
  ])("with no time to wait, one final look: an instance $state ends $settled", async ({ state, settled }) => {
    const { settling, ledger, clock, acted } = waitingFor({ instanceId: "a", state, holdFor: 5 }, 3_600);
    await settling.untilSettled();
    expect(clock.sleeps).toEqual([]);
    expect(acted).toEqual([]);
    expect(outcomes(ledger)).toEqual({ a: settled });
  });
});
