import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import { headerValue, type RawRequest } from "../http-types.ts";

/** An accepted Alibaba Cloud key pair; `securityToken` for temporary (STS) keys, which must be sent with them. */
export interface AlibabaKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

const ALGORITHM = "ACS3-HMAC-SHA256";
const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;
/** ECS refuses requests whose x-acs-date is more than 15 minutes off (InvalidTimeStamp.Expired). */
const MAX_SKEW_MS = 15 * 60_000;

/** The SDK's own percent-encoding (openapi-core utils `encode`): encodeURIComponent plus ! ' ( ) *. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/**
 * The canonical request as openapi-core builds it for ACS3 (utils `getAuthorization`): method, the path, the query
 * sorted by key with `key=encode(value)`, each signed header `name:value` (lower-case, trimmed), the signed header
 * names, and the payload hash.
 */
export function canonicalRequest(request: RawRequest, signedHeaders: readonly string[], payloadHash: string): string {
  const url = new URL(request.url, "http://local");
  const query = [...url.searchParams.keys()]
    .filter((key, index, keys) => keys.indexOf(key) === index)
    .sort()
    .map((key) => `${key}=${encode(url.searchParams.get(key) ?? "")}`)
    .join("&");
  const headers = signedHeaders
    .map((name) => `${name}:${(headerValue(request.headers, name) ?? "").trim()}\n`)
    .join("");
  return [request.method, url.pathname, query, headers, signedHeaders.join(";"), payloadHash].join("\n");
}

/** The Access Key ID an Authorization header names, for the log of a call that failed verification. */
export function accessKeyOf(request: RawRequest): string | undefined {
  return AUTHORIZATION.exec(headerValue(request.headers, "authorization") ?? "")?.[1];
}

/**
 * Checks an ACS3-HMAC-SHA256 request as ECS does and answers the key that signed it, or throws ECS's code:
 * IncompleteSignature (no or malformed Authorization, unsigned host/x-acs-* headers), InvalidAccessKeyId.NotFound,
 * InvalidTimeStamp.Expired, InvalidSecurityToken.MismatchWithAccessKey, SignatureDoesNotMatch.
 */
export function verifyAcs3(request: RawRequest, keys: readonly AlibabaKey[], now: number): AlibabaKey {
  const match = AUTHORIZATION.exec(headerValue(request.headers, "authorization") ?? "");
  if (!match) {
    throw new EmulatedApiError("IncompleteSignature", `The request must be signed with ${ALGORITHM}.`, 400);
  }
  const [, accessKeyId = "", signed = "", signature = ""] = match;
  const signedHeaders = signed.split(";");
  for (const required of ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce"]) {
    if (!signedHeaders.includes(required)) {
      throw new EmulatedApiError("IncompleteSignature", `The header ${required} must be signed.`, 400);
    }
  }
  const key = keys.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!key) throw new EmulatedApiError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);
  const date = Date.parse(headerValue(request.headers, "x-acs-date") ?? "");
  if (Number.isNaN(date) || Math.abs(now - date) > MAX_SKEW_MS) {
    throw new EmulatedApiError(
      "InvalidTimeStamp.Expired",
      "Specified time stamp or date value is expired (more than 15 minutes off).",
      400,
    );
  }
  const payloadHash = headerValue(request.headers, "x-acs-content-sha256") ?? "";
  if (payloadHash !== sha256(request.body)) {
    throw new EmulatedApiError("SignatureDoesNotMatch", "x-acs-content-sha256 is not the SHA-256 of the body.", 400);
  }
  const expected = createHmac("sha256", key.accessKeySecret)
    .update(`${ALGORITHM}\n${sha256(canonicalRequest(request, signedHeaders, payloadHash))}`)
    .digest("hex");
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw new EmulatedApiError(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      400,
    );
  }
  if (key.securityToken !== undefined && headerValue(request.headers, "x-acs-security-token") !== key.securityToken) {
    throw new EmulatedApiError(
      "InvalidSecurityToken.MismatchWithAccessKey",
      "The security token does not match the access key.",
      400,
    );
  }
  return key;
}
