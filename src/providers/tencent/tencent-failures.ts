import type { ClassifiedFailure, PowerAction, PowerOptions } from "../../domain/index.ts";
import { TRANSPORT_CODES } from "../../errors.ts";
import type { OptionFallback } from "../compute-provider.ts";
import { type OptionOutcome, optionNote } from "../option-note.ts";
import { stateOfStateCode } from "./cvm-states.ts";

/**
 * Tencent CVM error codes → failure kinds. Sources: the CVM API reference (StartInstances / StopInstances error
 * codes), the common error codes, and the failure modes users report (see cloud-apis.md).
 */
const EXACT: Readonly<Record<string, ClassifiedFailure>> = {
  RequestLimitExceeded: { kind: "throttle", scope: "region" },
  "RequestLimitExceeded.GlobalRegionUinLimitExceeded": { kind: "throttle", scope: "account" },
  InternalError: { kind: "uncertain" },
  InternalServerError: { kind: "uncertain" },
  [TRANSPORT_CODES.server]: { kind: "uncertain" },
  [TRANSPORT_CODES.network]: { kind: "uncertain" },
  [TRANSPORT_CODES.timeout]: { kind: "uncertain" },
  ServiceUnavailable: { kind: "transient" },
  "OperationDenied.InstanceOperationInProgress": { kind: "busy" },
  "MutexOperation.TaskRunning": { kind: "busy" },
  "InvalidInstanceId.NotFound": { kind: "not-found" },
  "UnsupportedOperation.StoppedModeStopCharging": { kind: "option" },
  // Certainly about the whole call: credentials, permissions, parameters, region.
  UnauthorizedOperation: { kind: "global" },
  "AuthFailure.UnauthorizedOperation": { kind: "global" },
  MissingParameter: { kind: "global" },
  InvalidParameterCombination: { kind: "global" },
  "InvalidParameterValue.LimitExceeded": { kind: "global" },
  InvalidRegion: { kind: "global" },
  UnsupportedRegion: { kind: "global" },
  InvalidAction: { kind: "global" },
};

/** States a refusal can name that pass or settle: the instance is looked at again rather than failed outright. */
const SETTLED_OR_MOVING = new Set(["running", "stopped", "starting", "stopping", "pending", "rebooting", "isolated"]);

export function classifyTencentFailure(code: string): ClassifiedFailure {
  const exact = EXACT[code];
  if (exact) return exact;
  if (code.startsWith("RequestLimitExceeded.")) return { kind: "throttle", scope: "region" };
  if (code.startsWith("AuthFailure")) return { kind: "global" };
  if (code.startsWith("InternalError.")) return { kind: "uncertain" };
  if (/^(ResourceInsufficient|ResourcesSoldOut)(\.|$)/.test(code)) return { kind: "capacity" };
  if (/^HTTP4\d\d$/.test(code)) return { kind: "global" };
  const state = stateOfStateCode(code);
  // InstanceStateCorrupted, ...Freezing, ...Isolating, ...Banning: not a state that passes; the instance refuses.
  if (state && SETTLED_OR_MOVING.has(state)) return { kind: "state", state };
  if (state === "terminated" || state === "terminating") return { kind: "state", state };
  // Per-instance refusals (InstanceReinstallFailed, InstanceState<Corrupted...>, MFAExpired, malformed IDs) and
  // codes we do not know: the describe and the split find the instance.
  return { kind: "refused" };
}

const KEEP_CHARGING_INSTEAD: OptionOutcome = {
  done: "stopped with KEEP_CHARGING instead",
  wouldDo: "would stop with KEEP_CHARGING instead",
};

/** STOP_CHARGING is for some pay-as-you-go instances on cloud disks only: the others stop with KEEP_CHARGING. */
export function tencentOptionFallback(
  code: string,
  action: PowerAction,
  options: PowerOptions,
): OptionFallback | undefined {
  if (action === "stop" && code === "UnsupportedOperation.StoppedModeStopCharging") {
    if (options.releaseComputeWhileStopped) {
      return {
        options: { ...options, releaseComputeWhileStopped: false },
        note: optionNote("STOP_CHARGING refused by the cloud", KEEP_CHARGING_INSTEAD, options),
      };
    }
  }
  return undefined;
}
