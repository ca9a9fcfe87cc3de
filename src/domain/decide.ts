import { KEEP_RUNNING_TAG, readKeepRunningUntil } from "./keep-running-tag.ts";
import type { InstanceView, PowerAction, PowerState } from "./types.ts";

/** What to do with one instance, given its state and the wanted action. Pure. */
export type Decision = StateDecision & {
  /** Stop only: the override tag is expired or unreadable, so it was ignored; the report says so. */
  readonly overrideNote?: string;
};

type StateDecision =
  | { readonly kind: "act" }
  | { readonly kind: "done"; readonly outcome: "already-running" | "already-stopped"; readonly note?: string }
  | { readonly kind: "recheck"; readonly reason: string }
  | { readonly kind: "fail"; readonly code: string; readonly message: string }
  | { readonly kind: "keep-running"; readonly until: Date };

const TARGET: Record<PowerAction, PowerState> = { start: "running", stop: "stopped" };
const ON_THE_WAY: Record<PowerAction, ReadonlySet<PowerState>> = {
  start: new Set(["starting", "pending", "rebooting"]),
  stop: new Set(["stopping"]),
};
/** Transitional states that will settle into something we can act on: look again later. */
const SETTLING: Record<PowerAction, ReadonlySet<PowerState>> = {
  start: new Set(["stopping"]),
  stop: new Set(["starting", "pending", "rebooting"]),
};
const OPERATION: Record<PowerAction, string> = { start: "StartInstances", stop: "StopInstances" };
const DONE_OUTCOME = { start: "already-running", stop: "already-stopped" } as const;

/**
 * `now` is read only for the keep-running override tag: stop leaves an instance tagged with a future time running;
 * an expired or unreadable tag is ignored and noted.
 */
export function decide(instance: InstanceView, action: PowerAction, now: Date): Decision {
  if (action === "start") return decideByState(instance, action);
  const keep = readKeepRunningUntil(instance.tags[KEEP_RUNNING_TAG], now);
  if (keep.kind === "keep" && instance.state !== "stopped" && instance.state !== "stopping") {
    return { kind: "keep-running", until: keep.until };
  }
  const decision = decideByState(instance, action);
  if (keep.kind === "expired") {
    return { ...decision, overrideNote: `${KEEP_RUNNING_TAG} ${keep.until.toISOString()} has passed; ignored` };
  }
  if (keep.kind === "unreadable") {
    const overrideNote = `${KEEP_RUNNING_TAG} "${keep.value}" is not an ISO 8601 date-time with offset; ignored`;
    return { ...decision, overrideNote };
  }
  return decision;
}

function decideByState(instance: InstanceView, action: PowerAction): StateDecision {
  const op = instance.latestOperation;
  if (op?.state === "OPERATING") {
    // Tencent shows the old state for a moment after a call was accepted; the operation tells the truth.
    if (op.name === OPERATION[action]) {
      return { kind: "done", outcome: DONE_OUTCOME[action], note: `${op.name} already in progress` };
    }
    return { kind: "recheck", reason: `${op.name ?? "an operation"} in progress` };
  }
  const state = instance.state;
  if (state === TARGET[action]) return { kind: "done", outcome: DONE_OUTCOME[action] };
  if (ON_THE_WAY[action].has(state)) {
    return { kind: "done", outcome: DONE_OUTCOME[action], note: `already ${instance.rawState}` };
  }
  if (state === "isolated") {
    // Tencent SHUTDOWN: off already, awaiting destruction; it cannot be started.
    if (action === "stop")
      return { kind: "done", outcome: "already-stopped", note: `${instance.rawState}: isolated, awaiting destruction` };
    return {
      kind: "fail",
      code: "InstanceIsolated",
      message: `instance is ${instance.rawState} (isolated, awaiting destruction)`,
    };
  }
  if (instance.restricted) {
    return {
      kind: "fail",
      code: "InstanceRestricted",
      message: `restricted (${instance.restricted}): the cloud refuses to operate it`,
    };
  }
  if (state === TARGET[action === "start" ? "stop" : "start"]) return { kind: "act" };
  if (SETTLING[action].has(state)) return { kind: "recheck", reason: `in ${instance.rawState}` };
  if (state === "terminating" || state === "terminated") {
    return { kind: "fail", code: "InstanceTerminated", message: `instance is ${instance.rawState}` };
  }
  return { kind: "fail", code: "UnsupportedState", message: `cannot ${action} an instance in ${instance.rawState}` };
}

/** Whether an instance has reached the action's target state (for wait-and-confirm). */
export function reachedTarget(instance: InstanceView, action: PowerAction): boolean {
  const there = instance.state === TARGET[action] || (action === "stop" && instance.state === "isolated");
  return there && instance.latestOperation?.state !== "OPERATING";
}

/**
 * Whether the instance settled back where it was: the action was accepted but did not take (a missing KMS grant, a
 * Tencent operation that FAILED). The old state alone is not enough: right after a call, Tencent still shows it for a
 * while; only once the instance was seen moving does a return to it mean a fall-back.
 */
export function fellBack(instance: InstanceView, action: PowerAction, sawMoving: boolean): boolean {
  if (instance.latestOperation?.state === "FAILED" && instance.latestOperation.name === OPERATION[action]) return true;
  if (instance.latestOperation) return false; // Tencent: the operation state is authoritative.
  const back = instance.state === TARGET[action === "start" ? "stop" : "start"];
  return back && sawMoving;
}
