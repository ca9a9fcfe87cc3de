import { describe, expect, it } from "vitest";
import { KEEP_RUNNING_TAG } from "../../src/domain/keep-running-tag.ts";
import type { InstanceView, PowerAction } from "../../src/domain/types.ts";
import { Mark } from "../../src/engine/instance-ledger.ts";
import { outcomes, targetParts, view } from "./target-parts.ts";

const FUTURE = "2030-01-01T00:00:00+00:00";
const PAST = "2020-01-01T00:00:00+00:00";

describe("Admission: what a describe shows decides whether an instance needs the call", () => {
  it.each<{ name: string; action: PowerAction; shown: InstanceView; needsCall: boolean; settled?: string }>([
    { name: "a running instance to stop", action: "stop", shown: view("a", "running"), needsCall: true },
    { name: "a stopped instance to start", action: "start", shown: view("a", "stopped"), needsCall: true },
    {
      name: "a stopped instance to stop",
      action: "stop",
      shown: view("a", "stopped"),
      needsCall: false,
      settled: "already-stopped",
    },
    {
      name: "an instance starting, to start",
      action: "start",
      shown: view("a", "starting"),
      needsCall: false,
      settled: "already-running",
    },
    {
      name: "a terminated instance",
      action: "stop",
      shown: view("a", "terminated"),
      needsCall: false,
      settled: "failed InstanceTerminated",
    },
    {
      name: "a running instance tagged to keep running",
      action: "stop",
      shown: view("a", "running", { tags: { [KEEP_RUNNING_TAG]: FUTURE } }),
      needsCall: false,
      settled: "kept-running",
    },
  ])("$name: needs the call = $needsCall, settled as $settled", ({ action, shown, needsCall, settled }) => {
    const { admission, ledger } = targetParts({ action });
    expect(admission.admit(shown)).toBe(needsCall);
    expect(outcomes(ledger)).toEqual(settled ? { a: settled } : {});
  });

  it("refuses an instance outside the scope guard, whatever its state", () => {
    const { admission, ledger } = targetParts({ scope: { allowedTag: { key: "team", value: "ops" } } });
    expect(admission.admit(view("a", "running", { tags: { team: "dev" } }))).toBe(false);
    expect(outcomes(ledger)).toEqual({ a: "refused OutOfScope" });
  });

  it("hands an instance in a state that will settle to the recheck, without settling it", () => {
    const { admission, ledger, rechecked, settling } = targetParts({ action: "stop" });
    expect(admission.admit(view("a", "starting"))).toBe(false);
    expect(rechecked).toEqual(["a"]);
    expect(settling.size).toBe(1);
    expect(ledger.outcomeOf("a")).toBeUndefined();
  });

  it("does nothing more for an instance that already has an outcome", () => {
    const { admission, ledger } = targetParts();
    ledger.settle("a", "refused", "OutOfScope", "no");
    expect(admission.admit(view("a", "running"))).toBe(false);
    expect(outcomes(ledger)).toEqual({ a: "refused OutOfScope" });
  });

  it("notes an expired override tag once, however often the instance is described", () => {
    const { admission, ledger } = targetParts();
    const shown = view("a", "running", { tags: { [KEEP_RUNNING_TAG]: PAST } });
    expect(admission.admit(shown)).toBe(true);
    expect(admission.admit(shown)).toBe(true);
    expect(ledger.results()[0]?.notes).toEqual([
      `${KEEP_RUNNING_TAG} ${new Date(PAST).toISOString()} has passed; ignored`,
    ]);
  });

  it("marks an instance on its way there with a note, or already sent a call, to be confirmed", () => {
    const { admission, ledger } = targetParts({ action: "stop" });
    ledger.markAttempted("b");
    admission.admit(view("a", "stopping"));
    admission.admit(view("b", "stopped"));
    admission.admit(view("c", "stopped"));
    expect(ledger.marked(Mark.toConfirm)).toEqual(["b", "a"]); // in the order first met
    expect(outcomes(ledger)).toEqual({ a: "already-stopped", b: "stopped", c: "already-stopped" });
  });

  it.each<{ shown: InstanceView; arrived: boolean }>([
    { shown: view("a", "stopped"), arrived: true },
    { shown: view("a", "stopping"), arrived: true },
    { shown: view("a", "running"), arrived: false },
    { shown: view("a", "starting"), arrived: false },
  ])("a stop has arrived at $shown.state: $arrived", ({ shown, arrived }) => {
    expect(targetParts({ action: "stop" }).admission.arrived(shown)).toBe(arrived);
  });
});
