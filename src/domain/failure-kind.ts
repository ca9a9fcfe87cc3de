import type { PowerState } from "./types.ts";

/**
 * What a failed cloud call means for the instances in it, whatever the cloud's own code. Each provider maps its codes
 * to these kinds (`ComputeProvider.classify`); the engine acts on the kind alone and holds no cloud error code.
 *
 * | kind        | what happened                                           | what the engine does                            |
 * |-------------|---------------------------------------------------------|-------------------------------------------------|
 * | `throttle`  | refused for the request rate, nothing applied           | back off, pace every caller of that scope down  |
 * | `transient` | refused by a server in trouble, nothing applied         | back off and send the same call again           |
 * | `uncertain` | the answer was lost (timeout, reset, 5xx): may be applied | reads: retry; start/stop: describe, then decide |
 * | `busy`      | an instance of the call has an operation in progress    | describe; the busy ones are looked at again     |
 * | `state`     | an instance's state refuses the action                  | describe and decide each instance anew          |
 * | `refused`   | an instance refuses the action (protection, type...)    | describe; split the residue to find it          |
 * | `capacity`  | no capacity to start now                                | retry later in small batches                    |
 * | `option`    | an instance refuses an option (billing mode, hibernate)  | split; the culprit gets the provider's fallback |
 * | `not-found` | an instance does not exist                              | describe; the missing ones are `not-found`      |
 * | `global`    | the call can never succeed (credentials, permissions)   | the whole call fails at once                    |
 */
export type FailureKind =
  | "throttle"
  | "transient"
  | "uncertain"
  | "busy"
  | "state"
  | "refused"
  | "capacity"
  | "option"
  | "not-found"
  | "global";

export interface ClassifiedFailure {
  readonly kind: FailureKind;
  /** Throttling: whether the limit is the region's (per API) or the whole account's, across regions. */
  readonly scope?: "region" | "account";
  /** State refusals that name the state (Tencent names it in its code): that state. */
  readonly state?: PowerState;
}

/** Kinds after which nothing was applied and the very same call may simply be sent again. */
export function retriesAsIs(kind: FailureKind, idempotent: boolean): boolean {
  return kind === "throttle" || kind === "transient" || (idempotent && (kind === "uncertain" || kind === "busy"));
}
