import type { ClassifiedFailure, FailureKind } from "../../domain/index.ts";
import { TRANSPORT_CODES } from "../../errors.ts";

/**
 * ECS error codes → failure kinds. Sources, per code:
 * - [S] StartInstances API reference (Alibaba's ECS docs, English, "Error codes" table): InvalidInstanceId.NotFound
 *   (404), IncorrectInstanceStatus (403), OperationDenied.NoStock (403), OperationDenied.SpotPriceLowerThanPublicPrice
 *   (403), InternalError (500), InsufficientBalance (403), InstanceNotReady (403); its SuccessFirst sample answer
 *   shows per-instance `Code` "200" / "InvalidInstanceId.NotFound".
 * - [T] StopInstance(s) API reference (help.aliyun.com, 错误码): IncorrectInstanceStatus (403, "The current status of
 *   the resource does not support this operation.").
 * - [L] "API behavior when an instance is locked for security reasons" (doc 25695): StartInstance(s) and
 *   RebootInstance(s) answer InstanceLockedForSecurity; StopInstance is unaffected.
 * - [E] The ECS troubleshooting page (doc 40644) and the API Error Center: the common codes
 *   InvalidAccessKeyId.NotFound / .Inactive, SignatureDoesNotMatch, Forbidden.RAM, InvalidSecurityToken.*,
 *   MissingParameter, InvalidParameter, ServiceUnavailable (503), Throttling (the common error codes list).
 * - [R] Field reports: Throttling.User ("Request was denied due to user flow control", steampipe-plugin-alicloud
 *   #483, terraform-provider-alicloud PRs 6043/7183) and Throttling.API (terraform-provider-alicloud's error list);
 *   openapi-core itself raises a ThrottlingError for any code that contains "Throttling".
 * Unconfirmed (no per-call error table for StopInstances was found): which further codes StopInstances returns, the
 * case of Throttling.Api vs Throttling.API (both are matched by prefix), whether Throttling.User is account-wide
 * (treated as per region: the quota centre shows limits per API, region and account), and whether a RAM denial
 * under SuccessFirst is per instance or for the call (both are handled: see batch-results).
 */
const EXACT: Readonly<Record<string, ClassifiedFailure>> = {
  // [E][R] Throttling, Throttling.User, Throttling.Api / .API: matched by prefix below.
  ServiceUnavailable: { kind: "transient" }, // [E] 503, a temporary failure: nothing applied
  SignatureNonceUsed: { kind: "transient" }, // [E] a reused nonce: the SDK sends a fresh one each request
  InternalError: { kind: "uncertain" }, // [S] 500: may have been applied
  UnknownError: { kind: "uncertain" },
  [TRANSPORT_CODES.server]: { kind: "uncertain" },
  [TRANSPORT_CODES.network]: { kind: "uncertain" },
  [TRANSPORT_CODES.timeout]: { kind: "uncertain" },
  IncorrectInstanceStatus: { kind: "state" }, // [S][T] 403; the state is not named in the code
  InstanceNotReady: { kind: "busy" }, // [S] "not supported while the resource is in the current state. Try again later."
  LastTokenProcessing: { kind: "busy" }, // [E] the previous request is still being processed
  OperationConflict: { kind: "busy" }, // [E] another operation on the resource is running
  "InvalidInstanceId.NotFound": { kind: "not-found" }, // [S] 404
  "OperationDenied.NoStock": { kind: "capacity" }, // [S] restart of a StopCharging instance without stock
  InstanceLockedForSecurity: { kind: "refused" }, // [L]
  "OperationDenied.SpotPriceLowerThanPublicPrice": { kind: "refused" }, // [S]
  InsufficientBalance: { kind: "global" }, // [S] the account's balance: every start of the call fails alike
  // [E] Certainly about the whole call: credentials, permissions, parameters, region, clock.
  "Forbidden.RAM": { kind: "global" },
  Forbidden: { kind: "global" },
  "InvalidAccessKeyId.NotFound": { kind: "global" },
  "InvalidAccessKeyId.Inactive": { kind: "global" },
  InvalidAccessKeyId: { kind: "global" },
  SignatureDoesNotMatch: { kind: "global" },
  IncompleteSignature: { kind: "global" },
  "InvalidTimeStamp.Expired": { kind: "global" },
  MissingParameter: { kind: "global" },
  InvalidParameter: { kind: "global" },
  "InvalidRegionId.NotFound": { kind: "global" },
  "InvalidRegionId.MalFormed": { kind: "global" },
  InvalidAction: { kind: "global" },
  InvalidApiVersion: { kind: "global" },
};

/** Capacity words seen in ECS codes ([S] NoStock; Invalid.Zone.NotEnoughResource, LackResource on other calls). */
const CAPACITY = /(NoStock|NotEnoughResource|LackResource)$/;

export function classifyEcsFailure(code: string): ClassifiedFailure {
  const exact = EXACT[code];
  if (exact) return exact;
  if (code.startsWith("Throttling")) return { kind: "throttle", scope: "region" };
  if (code.startsWith("IncorrectInstanceStatus")) return { kind: "state" };
  if (/^(InvalidAccessKeyId|InvalidSecurityToken|Forbidden)(\.|$)/.test(code)) return { kind: "global" };
  if (CAPACITY.test(code)) return { kind: "capacity" };
  if (code.startsWith("InternalError")) return { kind: "uncertain" };
  if (/^HTTP4\d\d$/.test(code)) return { kind: "global" };
  // InvalidInstanceId.MalFormed, InvalidChargeType.NotSupported, InstanceExpired, and codes we do not know: the
  // describe and the split find the instance.
  return { kind: "refused" };
}

/**
 * The kind of a per-instance refusal in a SuccessFirst answer. A code that would be about the whole call (a RAM
 * denial, throttling) is here about this instance alone: the others of the call were judged on their own.
 */
export function perInstanceKind(code: string): FailureKind {
  const kind = classifyEcsFailure(code).kind;
  return kind === "global" || kind === "throttle" || kind === "transient" ? "refused" : kind;
}
