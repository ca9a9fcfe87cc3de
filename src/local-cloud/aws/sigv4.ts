import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { EmulatedApiError } from "../api-error.ts";
import { headerValue, type RawRequest } from "../http-types.ts";

/** A key pair the local cloud accepts for AWS calls; with `sessionToken`, requests must carry it. */
export interface AwsKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /**
   * The EC2 actions this key's policy allows (default every action). Others answer UnauthorizedOperation, with or
   * without DryRun.
   */
  allowedActions?: string[];
}

export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export const MAX_AWS_CLOCK_SKEW_MS = 5 * 60 * 1000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;.-]+),\s*Signature=([0-9a-f]{64})$/;

/** Reads the credential scope (region, service) without verifying anything. */
export function parseSigV4Authorization(authorization: string | undefined): SigV4Scope | undefined {
  const match = authorization ? AUTHORIZATION.exec(authorization.trim()) : null;
  if (!match) return undefined;
  const [, accessKeyId = "", date = "", region = "", service = "", signedHeaders = "", signature = ""] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(";"), signature };
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

/**
 * Verifies Signature Version 4 by signing the same request again with @smithy/signature-v4, using the request's own
 * X-Amz-Date and exactly the headers it says it signed, then comparing signatures.
 */
export async function verifySigV4(
  request: RawRequest,
  keys: readonly AwsKey[],
  nowMs: number,
): Promise<{ scope: SigV4Scope; key: AwsKey }> {
  const scope = parseSigV4Authorization(headerValue(request.headers, "authorization"));
  if (!scope) {
    throw new EmulatedApiError("AuthFailure", "AWS was not able to validate the provided access credentials.");
  }
  const signingDate = parseAmzDate(headerValue(request.headers, "x-amz-date"));
  if (!signingDate) throw new EmulatedApiError("AuthFailure", "The request has no valid X-Amz-Date header.");
  if (Math.abs(nowMs - signingDate.getTime()) > MAX_AWS_CLOCK_SKEW_MS) {
    throw new EmulatedApiError("RequestExpired", "Request has expired.");
  }
  const key = keys.find((candidate) => candidate.accessKeyId === scope.accessKeyId);
  if (!key) {
    throw new EmulatedApiError("AuthFailure", "AWS was not able to validate the provided access credentials.");
  }
  if (key.sessionToken !== undefined && headerValue(request.headers, "x-amz-security-token") !== key.sessionToken) {
    throw new EmulatedApiError("AuthFailure", "The security token included in the request is invalid.");
  }
  const headers: Record<string, string> = {};
  for (const name of scope.signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const url = new URL(request.url, "http://local");
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    region: scope.region,
    service: scope.service,
    sha256: Hash.bind(null, "sha256"),
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: (headers.host ?? "").split(":")[0] ?? "",
      path: url.pathname,
      query,
      headers,
      body: request.body.toString("utf8"),
    },
    { signingDate, signableHeaders: new Set(scope.signedHeaders) },
  );
  const expected = parseSigV4Authorization(signed.headers.authorization);
  if (!expected || expected.signature !== scope.signature) {
    throw new EmulatedApiError(
      "AuthFailure",
      "AWS was not able to validate the provided access credentials: the signature does not match.",
    );
  }
  return { scope, key };
}
