import type { ClassifiedFailure, InstanceView, PowerAction, PowerOptions } from "../../domain/index.ts";
import { TRANSPORT_CODES } from "../../errors.ts";
import type { OptionFallback } from "../compute-provider.ts";
import { type OptionOutcome, optionNote } from "../option-note.ts";

/**
 * EC2 error codes → failure kinds. Sources: the EC2 API error reference, AWS Instance Scheduler's handling of
 * refusals, and the failure modes users report (see cloud-apis.md).
 */
const EXACT: Readonly<Record<string, ClassifiedFailure>> = {
  RequestLimitExceeded: { kind: "throttle", scope: "region" },
  Throttling: { kind: "throttle", scope: "region" },
  ThrottlingException: { kind: "throttle", scope: "region" },
  InternalError: { kind: "uncertain" },
  InternalFailure: { kind: "uncertain" },
  [TRANSPORT_CODES.server]: { kind: "uncertain" },
  [TRANSPORT_CODES.network]: { kind: "uncertain" },
  [TRANSPORT_CODES.timeout]: { kind: "uncertain" },
  Unavailable: { kind: "transient" },
  ServiceUnavailable: { kind: "transient" },
  IncorrectInstanceState: { kind: "state" },
  IncorrectState: { kind: "state" },
  "InvalidInstanceID.NotFound": { kind: "not-found" },
  InsufficientInstanceCapacity: { kind: "capacity" },
  InsufficientCapacity: { kind: "capacity" },
  // Certainly about the whole call: credentials, permissions, parameters, region, clock.
  UnauthorizedOperation: { kind: "global" },
  AuthFailure: { kind: "global" },
  InvalidClientTokenId: { kind: "global" },
  SignatureDoesNotMatch: { kind: "global" },
  ExpiredToken: { kind: "global" },
  RequestExpired: { kind: "global" },
  OptInRequired: { kind: "global" },
  Blocked: { kind: "global" },
  MissingParameter: { kind: "global" },
  InvalidParameterCombination: { kind: "global" },
  InvalidAction: { kind: "global" },
};

/** Codes by which EC2 refuses to hibernate: a plain stop is the fallback (Instance Scheduler treats both so). */
const HIBERNATION_REFUSALS = new Set(["UnsupportedHibernationConfiguration", "UnsupportedOperation"]);

export function classifyEc2Failure(
  code: string,
  action: PowerAction | "describe",
  options?: PowerOptions,
): ClassifiedFailure {
  if (action === "stop" && options?.hibernate && HIBERNATION_REFUSALS.has(code)) return { kind: "option" };
  const exact = EXACT[code];
  if (exact) return exact;
  if (/^HTTP4\d\d$/.test(code)) return { kind: "global" };
  // OperationNotPermitted (stop protection), UnsupportedOperation (instance-store root, Spot), InvalidParameterValue
  // (no root volume), UnsupportedHibernationConfiguration, InvalidInstanceID.Malformed, and codes we do not know.
  return { kind: "refused" };
}

const WITHOUT_HIBERNATING: OptionOutcome = {
  done: "stopped without hibernating",
  wouldDo: "would stop without hibernating",
};

export function ec2OptionFallback(
  code: string,
  action: PowerAction,
  options: PowerOptions,
): OptionFallback | undefined {
  if (action === "stop" && options.hibernate && HIBERNATION_REFUSALS.has(code)) {
    return {
      options: { ...options, hibernate: false },
      note: optionNote(`hibernation refused by the cloud (${code})`, WITHOUT_HIBERNATING, options),
    };
  }
  return undefined;
}

/** EC2 says which instances can hibernate: the others get a plain stop rather than a refused batch to split. */
export function ec2OptionsFor(view: InstanceView, action: PowerAction, options: PowerOptions): OptionFallback {
  if (action === "stop" && options.hibernate && view.canHibernate === false) {
    return {
      options: { ...options, hibernate: false },
      note: optionNote("hibernation not configured", WITHOUT_HIBERNATING, options),
    };
  }
  return { options };
}
