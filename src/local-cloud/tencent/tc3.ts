import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import { headerValue, type RawRequest } from "../http-types.ts";

/** A key pair the local cloud accepts for Tencent calls; with `token`, requests must carry it in X-TC-Token. */
export interface TencentKey {
  secretId: string;
  secretKey: string;
  token?: string;
}

export interface Tc3Credential {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export const MAX_CLOCK_SKEW_SECONDS = 300;

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** Reads the credential scope without verifying anything: routing needs the service before the signature check. */
export function parseTc3Authorization(authorization: string | undefined): Tc3Credential | undefined {
  const match = authorization ? AUTHORIZATION.exec(authorization.trim()) : null;
  if (!match) return undefined;
  const [, secretId = "", date = "", service = "", signedHeaders = "", signature = ""] = match;
  return { secretId, date, service, signedHeaders: signedHeaders.split(";"), signature };
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** The host as signed by Tencent clients: without the port. */
function hostWithoutPort(host: string): string {
  return host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : (host.split(":")[0] ?? host);
}

/**
 * Verifies TC3-HMAC-SHA256 as documented: canonical request over the signed headers (host without port) and the
 * SHA-256 of the body; key chain TC3+SecretKey → date → service → tc3_request. Throws the AuthFailure code Tencent uses.
 */
export function verifyTc3(request: RawRequest, keys: readonly TencentKey[], nowMs: number): TencentKey {
  const credential = parseTc3Authorization(headerValue(request.headers, "authorization"));
  if (!credential) {
    throw new EmulatedApiError(
      "AuthFailure.InvalidAuthorization",
      "Authorization header is missing or not in the TC3-HMAC-SHA256 format.",
    );
  }
  const timestampText = headerValue(request.headers, "x-tc-timestamp") ?? "";
  const timestamp = Number(timestampText);
  if (!/^\d+$/.test(timestampText)) {
    throw new EmulatedApiError("MissingParameter", "The request is missing a required header `X-TC-Timestamp`.");
  }
  const skew = Math.abs(nowMs / 1000 - timestamp);
  if (skew > MAX_CLOCK_SKEW_SECONDS) {
    throw new EmulatedApiError(
      "AuthFailure.SignatureExpire",
      `Signature expired: X-TC-Timestamp ${timestamp} is ${Math.round(skew)} s away from the server time (limit ${MAX_CLOCK_SKEW_SECONDS} s).`,
    );
  }
  const key = keys.find((candidate) => candidate.secretId === credential.secretId);
  if (!key) {
    throw new EmulatedApiError("AuthFailure.SecretIdNotFound", `The SecretId ${credential.secretId} is not found.`);
  }
  const token = headerValue(request.headers, "x-tc-token");
  if (key.token !== undefined && token !== key.token) {
    throw new EmulatedApiError(
      "AuthFailure.TokenFailure",
      token === undefined ? "The request needs an X-TC-Token for this SecretId." : "The X-TC-Token is invalid.",
    );
  }
  if (!credential.signedHeaders.includes("host") || !credential.signedHeaders.includes("content-type")) {
    throw new EmulatedApiError("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.");
  }
  const url = new URL(request.url, "http://local");
  const canonicalHeaders = credential.signedHeaders
    .map((name) => {
      const raw = headerValue(request.headers, name) ?? "";
      const value = name === "host" ? hostWithoutPort(raw) : raw.trim();
      return `${name}:${value}\n`;
    })
    .join("");
  const canonicalRequest = [
    request.method,
    url.pathname,
    url.search.slice(1),
    canonicalHeaders,
    credential.signedHeaders.join(";"),
    sha256Hex(request.body),
  ].join("\n");
  const scopeDate = utcDate(timestamp);
  const stringToSign = [
    "TC3-HMAC-SHA256",
    String(timestamp),
    `${scopeDate}/${credential.service}/tc3_request`,
    sha256Hex(canonicalRequest),
  ].join("\n");
  const kDate = hmac(`TC3${key.secretKey}`, scopeDate);
  const kService = hmac(kDate, credential.service);
  const kSigning = hmac(kService, "tc3_request");
  const expected = createHmac("sha256", kSigning).update(stringToSign).digest();
  const given = Buffer.from(credential.signature, "hex");
  if (credential.date !== scopeDate || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new EmulatedApiError(
      "AuthFailure.SignatureFailure",
      "The provided credentials could not be validated: the signature does not match. Check the SecretKey, the signed host (without port) and the credential-scope service.",
    );
  }
  return key;
}
