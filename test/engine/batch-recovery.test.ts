import { describe, expect, it } from "vitest";
import type { FailureKind } from "../../src/domain/failure-kind.ts";
import type { PowerOptions } from "../../src/domain/types.ts";
import {
  BatchRecovery,
  CAPACITY_BATCH,
  FRESH,
  type Lineage,
  MAX_SENDS_PER_INSTANCE,
  MAX_SPLIT_DEPTH,
} from "../../src/engine/batch-recovery.ts";
import { CloudApiError } from "../../src/errors.ts";
import { type FakeInstance, fakeIds } from "../support/fake-provider.ts";
import { OPTIONS, outcomes, type PartsSetup, targetParts } from "./target-parts.ts";

interface Sent {
  ids: readonly string[];
  options: PowerOptions;
  lineage: Lineage;
}

/** A recovery whose re-sends are recorded, not made: each spec sees the one decision a failure leads to. */
function recoveryOver(setup: PartsSetup) {
  const parts = targetParts(setup);
  const sent: Sent[] = [];
  const recovery = new BatchRecovery({
    provider: parts.provider,
    action: setup.action ?? "stop",
    context: parts.context,
    ledger: parts.ledger,
    reader: parts.reader,
    admission: parts.admission,
    settling: parts.settling,
    send: async (ids, options, lineage) => {
      sent.push({ ids, options, lineage });
    },
  });
  return { ...parts, recovery, sent };
}

const ids = fakeIds("ins", 4);
const running = (extra: Partial<FakeInstance> = {}) =>
  ids.map((instanceId) => ({ instanceId, state: "running" as const, ...extra }));
const error = (code: string) => new CloudApiError(code, `injected ${code}`);

describe("BatchRecovery: what a failed start/stop batch means, and what happens next", () => {
  it.each<FailureKind>(["global", "throttle", "transient"])(
    "a %s failure fails the whole batch with the cloud's code, and sends nothing more",
    async (kind) => {
      const { recovery, sent, ledger } = recoveryOver({ fleet: running() });
      await recovery.recover(ids, OPTIONS, FRESH, error("Code"), { kind } as never);
      expect(sent).toEqual([]);
      expect(Object.values(outcomes(ledger))).toEqual(ids.map(() => "failed Code"));
    },
  );

  it("a lost answer (uncertain): describes the batch, and re-sends only what is still actionable, once", async () => {
    const { recovery, sent, ledger, provider } = recoveryOver({ fleet: running() });
    const first = provider.instances.get(ids[0] ?? "");
    if (first) first.state = "stopped"; // the lost call was applied for this one, say
    await recovery.recover(ids, OPTIONS, FRESH, error("RequestTimeout"), { kind: "uncertain" });
    expect(sent.map((s) => [s.ids, s.lineage.described])).toEqual([[ids.slice(1), true]]);
    expect(outcomes(ledger)).toEqual({ [ids[0] ?? ""]: "already-stopped" });
  });

  it("a refusal with every instance actionable: halves the batch, one level deeper", async () => {
    const { recovery, sent } = recoveryOver({ fleet: running() });
    await recovery.recover(ids, OPTIONS, FRESH, error("Refused"), { kind: "refused" });
    expect(sent.map((s) => [s.ids, s.lineage.depth])).toEqual([
      [ids.slice(0, 2), 1],
      [ids.slice(2), 1],
    ]);
  });

  it("a refusal of a batch already described: halves it without describing again", async () => {
    const { recovery, sent, provider } = recoveryOver({ fleet: running() });
    await recovery.recover(ids, OPTIONS, { ...FRESH, described: true }, error("Refused"), { kind: "refused" });
    expect(provider.calls).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it.each([
    { name: "one instance", batch: ids.slice(0, 1), depth: 0 },
    { name: "a batch split to the deepest", batch: ids, depth: MAX_SPLIT_DEPTH },
  ])("a refusal of $name fails it with the cloud's code", async ({ batch, depth }) => {
    const { recovery, sent, ledger } = recoveryOver({ fleet: running() });
    await recovery.recover(batch, OPTIONS, { ...FRESH, described: true, depth }, error("Refused"), {
      kind: "refused",
    });
    expect(sent).toEqual([]);
    expect(Object.values(outcomes(ledger))).toEqual(batch.map(() => "failed Refused"));
  });

  it.each<FailureKind>(["state", "busy"])(
    "a %s refusal the describe does not explain: every instance waits to be looked at again",
    async (kind) => {
      const { recovery, sent, settling, ledger } = recoveryOver({ fleet: running() });
      await recovery.recover(ids, OPTIONS, FRESH, error("Busy"), { kind } as never);
      expect(sent).toEqual([]);
      expect(settling.size).toBe(4);
      expect(outcomes(ledger)).toEqual({});
    },
  );

  it("an instance the describe no longer finds is settled not-found; the rest are re-sent", async () => {
    const { recovery, sent, ledger, provider } = recoveryOver({ fleet: running() });
    provider.unknownIdsOnDescribe = "omit";
    provider.instances.delete(ids[3] ?? "");
    await recovery.recover(ids, OPTIONS, FRESH, error("Refused"), { kind: "refused" });
    expect(outcomes(ledger)).toEqual({ [ids[3] ?? ""]: "not-found InvalidInstanceId.NotFound" });
    expect(sent.map((s) => s.ids)).toEqual([ids.slice(0, 3)]);
  });

  it(`gives up an instance already named in ${MAX_SENDS_PER_INSTANCE} calls`, async () => {
    const { recovery, sent, ledger } = recoveryOver({ fleet: running() });
    for (let i = 0; i < MAX_SENDS_PER_INSTANCE; i++) ledger.markAttempted(ids[0] ?? "");
    await recovery.recover(ids, OPTIONS, FRESH, error("RequestTimeout"), { kind: "uncertain" });
    expect(outcomes(ledger)).toEqual({ [ids[0] ?? ""]: "failed RequestTimeout" });
    expect(sent.map((s) => s.ids)).toEqual([ids.slice(1)]);
  });

  describe("an option refused", () => {
    const stopCharging = { ...OPTIONS, releaseComputeWhileStopped: true };
    const code = "UnsupportedOperation.StoppedModeStopCharging";

    it("in a batch: halves it to find the instance", async () => {
      const { recovery, sent } = recoveryOver({ fleet: running() });
      await recovery.recover(ids, stopCharging, FRESH, error(code), { kind: "option" });
      expect(sent.map((s) => s.ids)).toEqual([ids.slice(0, 2), ids.slice(2)]);
    });

    it("for one instance: re-sends it with the provider's fallback, and notes it", async () => {
      const { recovery, sent, ledger } = recoveryOver({ fleet: running() });
      await recovery.recover(ids.slice(0, 1), stopCharging, FRESH, error(code), { kind: "option" });
      expect(sent.map((s) => [s.ids, s.options.releaseComputeWhileStopped])).toEqual([[ids.slice(0, 1), false]]);
      expect(ledger.results()[0]?.notes?.[0]).toMatch(/STOP_CHARGING refused/);
    });

    it("for one instance with no fallback: fails it", async () => {
      const { recovery, sent, ledger } = recoveryOver({ fleet: running() });
      await recovery.recover(ids.slice(0, 1), OPTIONS, FRESH, error(code), { kind: "option" });
      expect(sent).toEqual([]);
      expect(outcomes(ledger)).toEqual({ [ids[0] ?? ""]: `failed ${code}` });
    });
  });

  describe("no capacity to start", () => {
    const many = fakeIds("ins", 12);
    const stopped = many.map((instanceId) => ({ instanceId, state: "stopped" as const }));

    it(`waits a little, then tries again in batches of ${CAPACITY_BATCH}`, async () => {
      const { recovery, sent, clock } = recoveryOver({ action: "start", fleet: stopped });
      await recovery.recover(many, OPTIONS, FRESH, error("ResourceInsufficient"), { kind: "capacity" });
      expect(clock.sleeps).toHaveLength(1);
      expect(sent.map((s) => [s.ids.length, s.lineage.capacityTries])).toEqual([
        [5, 1],
        [5, 1],
        [2, 1],
      ]);
    });

    it("after its tries, one by one; an instance that never gets capacity fails", async () => {
      const { recovery, sent, ledger } = recoveryOver({ action: "start", fleet: stopped });
      await recovery.recover(many.slice(0, 2), OPTIONS, { ...FRESH, capacityTries: 2 }, error("Soldout"), {
        kind: "capacity",
      });
      expect(sent.map((s) => s.ids.length)).toEqual([1, 1]);
      await recovery.recover(many.slice(0, 1), OPTIONS, { ...FRESH, capacityTries: 3 }, error("Soldout"), {
        kind: "capacity",
      });
      expect(outcomes(ledger)).toEqual({ [many[0] ?? ""]: "failed Soldout" });
    });

    it("fails the batch when the budget leaves no time to wait", async () => {
      const { recovery, sent, ledger } = recoveryOver({ action: "start", fleet: stopped, budgetMs: 1_000 });
      await recovery.recover(many.slice(0, 2), OPTIONS, FRESH, error("Soldout"), { kind: "capacity" });
      expect(sent).toEqual([]);
      expect(Object.values(outcomes(ledger))).toEqual(["failed Soldout", "failed Soldout"]);
    });
  });
});
