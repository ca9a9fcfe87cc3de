import { TRANSPORT_CODES } from "../errors.ts";

/**
 * What to do when a cloud call fails, decided by its error code alone:
 * - `retry`: transient (throttling, server or network trouble, an operation already running): back off and call again;
 * - `isolate`: caused by some instance of the batch (both clouds fail the whole batch): split it to find the culprits;
 * - `fatal`: the call can never succeed as made (credentials, permissions, parameters): report, do not repeat.
 */
export type ErrorKind = "retry" | "isolate" | "fatal";

const RETRY_CODES = new Set<string>([
  "RequestLimitExceeded",
  "RequestLimitExceeded.UinLimitExceeded",
  "InternalError",
  "InternalServerError",
  "ServiceUnavailable",
  "Unavailable",
  "RequestExpired",
  "OperationDenied.InstanceOperationInProgress",
  "MutexOperation.TaskRunning",
  "Throttling",
  "ThrottlingException",
  TRANSPORT_CODES.network,
  TRANSPORT_CODES.timeout,
  TRANSPORT_CODES.server,
]);

const ISOLATE_CODES = new Set<string>([
  "InvalidInstanceId.NotFound",
  "InvalidInstanceId.Malformed",
  "InvalidParameterValue.InstanceIdMalformed",
  "InvalidInstance.NotSupported",
  "InvalidInstanceID.NotFound",
  "InvalidInstanceID.Malformed",
  "IncorrectInstanceState",
  "UnsupportedOperation.StoppedModeStopCharging",
  "UnsupportedHibernationConfiguration",
]);

/** Codes saying the instance is in a state that refuses the action right now: look at it again before deciding. */
const STATE_CODE = /^UnsupportedOperation\.InstanceState[A-Za-z]+$/;

export const NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  "InvalidInstanceId.NotFound",
  "InvalidInstanceID.NotFound",
]);

export function errorKind(code: string): ErrorKind {
  if (RETRY_CODES.has(code)) return "retry";
  if (ISOLATE_CODES.has(code) || STATE_CODE.test(code)) return "isolate";
  return "fatal";
}

/** A single instance refused because of its current state: describe it again and decide anew. */
export function isStateRefusal(code: string): boolean {
  return STATE_CODE.test(code) || code === "IncorrectInstanceState";
}

export function isNotFound(code: string): boolean {
  return NOT_FOUND_CODES.has(code);
}
