/**
 * The answers that mean "these temporary keys have expired", whatever their stated expiry said (a revoked session,
 * a skewed clock): AWS `RequestExpired`, `ExpiredToken` (`ExpiredTokenException` in newer services) and an
 * `AuthFailure` whose message says expired; Tencent `AuthFailure.TokenFailure` and `AuthFailure.SignatureExpire`. The
 * call was refused before it acted, so it may be sent again with new keys.
 */
import type { CloudApiError } from "../../errors.ts";

const EXPIRED_KEY_CODES = new Set([
  "RequestExpired",
  "ExpiredToken",
  "ExpiredTokenException",
  "AuthFailure.TokenFailure",
  "AuthFailure.SignatureExpire",
]);

export function isExpiredKeys(error: CloudApiError): boolean {
  return EXPIRED_KEY_CODES.has(error.code) || (error.code === "AuthFailure" && /expired/i.test(error.message));
}
