import { KEEP_RUNNING_TAG, readKeepRunningUntil } from "./keep-running-tag.ts";
import { readSkip, SKIP_TAG, skipNote, skipReason } from "./skip-tag.ts";
import type { InstanceView, LatestOperation, PowerAction, PowerState } from "./types.ts";

/** What to do with one instance, given its state and the wanted action. Pure. */
export type Decision = StateDecision & {
  /** An override tag (keep-running on stop, skip on both) is expired or unreadable, so it was ignored; the report says so. */
  readonly overrideNote?: string;
};

type StateDecision =
  | { readonly kind: "act" }
  | { readonly kind: "done"; readonly outcome: "already-running" | "already-stopped"; readonly note?: string }
  | { readonly kind: "recheck"; readonly reason: string }
  | { readonly kind: "fail"; readonly code: string; readonly message: string }
  | { readonly kind: "keep-running"; readonly until: Date }
  | { readonly kind: "skipped-by-tag"; readonly reason: string };

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
const DONE_OUTCOME = { start: "already-running", stop: "already-stopped" } as const;

/**
 * `now` is read only for the override tags: the skip tag leaves the instance alone for either action; stop leaves an
 * instance whose keep-running tag holds a future time running. An expired or unreadable tag is ignored and noted.
 */
export function decide(instance: InstanceView, action: PowerAction, now: Date): Decision {
  const skip = readSkip(instance.tags[SKIP_TAG], now);
  if (skip.kind === "skip") return { kind: "skipped-by-tag", reason: skipReason(skip) };
  const decision = decideByAction(instance, action, now);
  const note = skipNote(skip);
  if (note === undefined) return decision;
  return { ...decision, overrideNote: decision.overrideNote ? `${note}; ${decision.overrideNote}` : note };
}

function decideByAction(instance: InstanceView, action: PowerAction, now: Date): Decision {
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
  if (op?.state === "in-progress") {
    // A cloud that reports its operations may show the old state for a while after a call: the operation tells.
    if (op.action === action) {
      return { kind: "done", outcome: DONE_OUTCOME[action], note: `${operationName(op)} already in progress` };
    }
    return { kind: "recheck", reason: `${operationName(op)} in progress` };
  }
  const state = instance.state;
  if (state === TARGET[action]) return { kind: "done", outcome: DONE_OUTCOME[action] };
  if (ON_THE_WAY[action].has(state)) {
    return { kind: "done", outcome: DONE_OUTCOME[action], note: `already ${instance.cloudState}` };
  }
  if (state === "isolated") {
    // Off already, awaiting destruction: it cannot be started.
    if (action === "stop")
      return {
        kind: "done",
        outcome: "already-stopped",
        note: `${instance.cloudState}: isolated, awaiting destruction`,
      };
    return {
      kind: "fail",
      code: "InstanceIsolated",
      message: `instance is ${instance.cloudState} (isolated, awaiting destruction)`,
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
  if (SETTLING[action].has(state)) return { kind: "recheck", reason: `in ${instance.cloudState}` };
  if (state === "terminating" || state === "terminated") {
    return { kind: "fail", code: "InstanceTerminated", message: `instance is ${instance.cloudState}` };
  }
  return { kind: "fail", code: "UnsupportedState", message: `cannot ${action} an instance in ${instance.cloudState}` };
}

/** Whether an instance has reached the action's target state (for wait-and-confirm). */
export function reachedTarget(instance: InstanceView, action: PowerAction): boolean {
  const there = instance.state === TARGET[action] || (action === "stop" && instance.state === "isolated");
  return there && instance.latestOperation?.state !== "in-progress";
}

/**
 * Whether the instance settled back where it was: the action was accepted but did not take (a missing key grant, an
 * operation the cloud reports as failed). The old state alone is not enough: right after a call, a cloud may still
 * show it for a while; only once the instance was seen moving does a return to it mean a fall-back.
 */
export function fellBack(instance: InstanceView, action: PowerAction, sawMoving: boolean): boolean {
  const op = instance.latestOperation;
  if (op?.state === "failed" && op.action === action) return true;
  if (op) return false; // the cloud reports its operations: their state is authoritative.
  const back = instance.state === TARGET[action === "start" ? "stop" : "start"];
  return back && sawMoving;
}

/** The operation's name in the report: the cloud's own word, else the action. */
function operationName(op: LatestOperation): string {
  return op.label ?? op.action ?? "an operation";
}
