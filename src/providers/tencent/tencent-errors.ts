import { CloudApiError, TRANSPORT_CODES } from "../../errors.ts";
import { hostsAsGiven } from "./tencent-http-profile.ts";

interface SdkException {
  message?: string;
  code?: string;
  requestId?: string;
  httpCode?: number;
}

/**
 * TencentCloudSDKHttpException → CloudApiError. An API error carries `.code`; a non-200 HTTP answer only `.httpCode`;
 * a network failure or timeout neither (we tell them apart by the message).
 */
export function fromTencentError(error: unknown, action: string): CloudApiError {
  const e = (error ?? {}) as SdkException;
  const message = hostsAsGiven(e.message ?? String(error));
  const details = {
    action,
    ...(e.requestId ? { requestId: e.requestId } : {}),
    ...(e.httpCode ? { httpStatus: e.httpCode } : {}),
  };
  if (e.code) return new CloudApiError(e.code, message, details, { cause: error });
  if (e.httpCode) {
    const code = e.httpCode >= 500 ? TRANSPORT_CODES.server : `HTTP${e.httpCode}`;
    return new CloudApiError(code, `HTTP ${e.httpCode}: ${message}`, details, { cause: error });
  }
  const code = /time.?out|aborted/i.test(message) ? TRANSPORT_CODES.timeout : TRANSPORT_CODES.network;
  return new CloudApiError(code, message, details, { cause: error });
}
