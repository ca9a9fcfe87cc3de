import { describe, expect, it } from "vitest";
import { decide, fellBack, reachedTarget } from "../../src/domain/decide.ts";
import type { InstanceView, PowerAction, PowerState } from "../../src/domain/types.ts";

const NOW = new Date("2026-11-23T13:00:00Z");

function view(state: PowerState, extra: Partial<InstanceView> = {}): InstanceView {
  return { instanceId: "ins-aaaaaaaa", state, cloudState: state.toUpperCase(), tags: {}, ...extra };
}

describe("Function: decide", () => {
  it.each<{ action: PowerAction; state: PowerState; kind: string; outcome?: string; code?: string }>([
    { action: "start", state: "stopped", kind: "act" },
    { action: "start", state: "running", kind: "done", outcome: "already-running" },
    { action: "start", state: "starting", kind: "done", outcome: "already-running" },
    { action: "start", state: "pending", kind: "done", outcome: "already-running" },
    { action: "start", state: "rebooting", kind: "done", outcome: "already-running" },
    { action: "start", state: "stopping", kind: "recheck" },
    { action: "start", state: "isolated", kind: "fail", code: "InstanceIsolated" },
    { action: "start", state: "terminating", kind: "fail", code: "InstanceTerminated" },
    { action: "start", state: "terminated", kind: "fail", code: "InstanceTerminated" },
    { action: "start", state: "other", kind: "fail", code: "UnsupportedState" },
    { action: "stop", state: "running", kind: "act" },
    { action: "stop", state: "stopped", kind: "done", outcome: "already-stopped" },
    { action: "stop", state: "stopping", kind: "done", outcome: "already-stopped" },
    { action: "stop", state: "isolated", kind: "done", outcome: "already-stopped" },
    { action: "stop", state: "starting", kind: "recheck" },
    { action: "stop", state: "pending", kind: "recheck" },
    { action: "stop", state: "rebooting", kind: "recheck" },
    { action: "stop", state: "terminating", kind: "fail", code: "InstanceTerminated" },
    { action: "stop", state: "terminated", kind: "fail", code: "InstanceTerminated" },
    { action: "stop", state: "other", kind: "fail", code: "UnsupportedState" },
  ])("$action of an instance in $state → $kind $outcome $code", ({ action, state, kind, outcome, code }) => {
    const decision = decide(view(state), action, NOW);
    expect(decision.kind).toBe(kind);
    if (outcome) expect(decision).toMatchObject({ outcome });
    if (code) expect(decision).toMatchObject({ code });
  });

  it.each<{ action: PowerAction; operation: PowerAction | undefined; label: string; kind: string }>([
    { action: "stop", operation: "stop", label: "StopInstances", kind: "done" },
    { action: "stop", operation: "start", label: "StartInstances", kind: "recheck" },
    { action: "start", operation: "start", label: "StartInstances", kind: "done" },
    { action: "start", operation: undefined, label: "ResetInstance", kind: "recheck" },
  ])("$action while the cloud shows $label in progress → $kind", ({ action, operation, label, kind }) => {
    const state = action === "stop" ? "running" : "stopped";
    const latestOperation = { ...(operation ? { action: operation } : {}), label, state: "in-progress" as const };
    expect(decide(view(state, { latestOperation }), action, NOW).kind).toBe(kind);
  });

  it("notes the operation already in progress by the cloud's own name", () => {
    const latestOperation = { action: "stop" as const, label: "StopInstances", state: "in-progress" as const };
    expect(decide(view("running", { latestOperation }), "stop", NOW)).toEqual({
      kind: "done",
      outcome: "already-stopped",
      note: "StopInstances already in progress",
    });
  });

  it("fails a restricted instance that is not already at the target", () => {
    expect(decide(view("stopped", { restricted: "EXPIRED" }), "start", NOW)).toMatchObject({
      kind: "fail",
      code: "InstanceRestricted",
    });
    expect(decide(view("stopped", { restricted: "EXPIRED" }), "stop", NOW).kind).toBe("done");
  });
});

describe("Function: reachedTarget and fellBack", () => {
  it.each<{ action: PowerAction; state: PowerState; reached: boolean }>([
    { action: "stop", state: "stopped", reached: true },
    { action: "stop", state: "isolated", reached: true },
    { action: "stop", state: "stopping", reached: false },
    { action: "start", state: "running", reached: true },
    { action: "start", state: "pending", reached: false },
  ])("$action: $state reached = $reached", ({ action, state, reached }) => {
    expect(reachedTarget(view(state), action)).toBe(reached);
  });

  it.each<{ desc: string; instance: InstanceView; sawMoving: boolean; fell: boolean }>([
    { desc: "old state, never seen moving (describe lag)", instance: view("running"), sawMoving: false, fell: false },
    { desc: "old state after being seen moving", instance: view("running"), sawMoving: true, fell: true },
    {
      desc: "the cloud reports the operation failed",
      instance: view("running", { latestOperation: { action: "stop", label: "StopInstances", state: "failed" } }),
      sawMoving: false,
      fell: true,
    },
    {
      desc: "the cloud reports the operation still in progress",
      instance: view("running", { latestOperation: { action: "stop", label: "StopInstances", state: "in-progress" } }),
      sawMoving: true,
      fell: false,
    },
  ])("stop, $desc → fell back $fell", ({ instance, sawMoving, fell }) => {
    expect(fellBack(instance, "stop", sawMoving)).toBe(fell);
  });
});
