import { CloudApiError, TRANSPORT_CODES } from "../../errors.ts";

/** What @alicloud/openapi-core throws: ClientError (4xx), ServerError (5xx), ThrottlingError; httpx's own errors. */
interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  requestId?: string;
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNABORTED",
]);
/** httpx names read and connect timeouts `RequestTimeoutError`; ours (the engine's abort) is `AbortError`. */
const TIMEOUT_NAMES = new Set(["RequestTimeoutError", "AbortError", "TimeoutError"]);
const SERVICE_CODE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)*$/;

/**
 * An @alicloud SDK error → CloudApiError. An API error carries the ECS code and its HTTP status; a body that is not
 * ECS's JSON (a proxy's HTML 502) fails to parse and arrives as a SyntaxError (no status: a server fault); transport
 * failures carry a Node error code or httpx's timeout name.
 */
export function fromEcsError(error: unknown, action: string): CloudApiError {
  if (error instanceof CloudApiError) return error;
  const e = (error ?? {}) as SdkError;
  const message = e.message ?? String(error);
  const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
  const details = {
    action,
    ...(e.requestId && e.requestId !== "undefined" ? { requestId: e.requestId } : {}),
    ...(status ? { httpStatus: status } : {}),
  };
  const code = e.code;
  if (TIMEOUT_NAMES.has(e.name ?? "") || code === "ETIMEDOUT") {
    return new CloudApiError(TRANSPORT_CODES.timeout, message, details, { cause: error });
  }
  if (code && NETWORK_CODES.has(code))
    return new CloudApiError(TRANSPORT_CODES.network, message, details, { cause: error });
  if (code && code !== "undefined" && SERVICE_CODE.test(code) && status !== undefined) {
    return new CloudApiError(code, message, details, { cause: error });
  }
  if (status && status >= 500) {
    return new CloudApiError(TRANSPORT_CODES.server, `HTTP ${status}: ${message}`, details, { cause: error });
  }
  if (status) return new CloudApiError(`HTTP${status}`, `HTTP ${status}: ${message}`, details, { cause: error });
  if (e.name === "SyntaxError") {
    return new CloudApiError(TRANSPORT_CODES.server, `not an ECS answer: ${message}`, details, { cause: error });
  }
  return new CloudApiError(TRANSPORT_CODES.network, message, details, { cause: error });
}
