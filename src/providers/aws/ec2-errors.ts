import { CloudApiError, TRANSPORT_CODES } from "../../errors.ts";

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** AbortError: the engine aborted a request whose answer would have come too late for the time budget. */
const TIMEOUT_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "AbortError"]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * An @aws-sdk/client-ec2 error → CloudApiError. Service errors are named by their EC2 code; a body that is not EC2's
 * XML (a proxy's 502, say) has only its HTTP status; transport failures have neither.
 */
export function fromEc2Error(error: unknown, action: string): CloudApiError {
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const details = {
    action,
    ...(e.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
    ...(status ? { httpStatus: status } : {}),
  };
  const message = e.message ?? String(error);
  const name = e.name ?? "";
  if (TIMEOUT_NAMES.has(name) || e.code === "ETIMEDOUT") {
    return new CloudApiError(TRANSPORT_CODES.timeout, message, details, { cause: error });
  }
  if (e.code && NETWORK_CODES.has(e.code))
    return new CloudApiError(TRANSPORT_CODES.network, message, details, { cause: error });
  const isServiceCode = /^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/.test(name) && name !== "Error" && name !== "Unknown";
  if (isServiceCode && !(status && status >= 500 && name.startsWith("UnknownError"))) {
    return new CloudApiError(name, message, details, { cause: error });
  }
  if (status && status >= 500)
    return new CloudApiError(TRANSPORT_CODES.server, `HTTP ${status}: ${message}`, details, { cause: error });
  return new CloudApiError(TRANSPORT_CODES.network, message, details, { cause: error });
}
