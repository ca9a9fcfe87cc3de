import { createHash, createHmac } from "node:crypto";
import { EC2Client } from "@aws-sdk/client-ec2";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { cvm } from "tencentcloud-sdk-nodejs-cvm";
import { afterEach } from "vitest";
import {
  DEFAULT_LOCAL_CREDENTIALS,
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from "../../../src/local-cloud/index.ts";
import { endpointAgent } from "../../../src/providers/http-agent.ts";

/** Talks to the local cloud the way the product does: the real SDK clients, plus raw HTTP for what they cannot send. */

export type CvmClient = InstanceType<typeof cvm.v20170312.Client>;

const TENCENT_KEY = DEFAULT_LOCAL_CREDENTIALS.tencent[0] ?? { secretId: "", secretKey: "" };
const AWS_KEY = DEFAULT_LOCAL_CREDENTIALS.aws[0] ?? { accessKeyId: "", secretAccessKey: "" };

/** Starts a local cloud for one test; it is closed after the test. */
export function useLocalCloud(): (options: LocalCloudOptions) => Promise<LocalCloud> {
  const open: LocalCloud[] = [];
  afterEach(async function closeLocalClouds() {
    await Promise.all(open.splice(0).map((cloud) => cloud.close()));
  });
  return async function localCloud(options) {
    const cloud = await startLocalCloud(options);
    open.push(cloud);
    return cloud;
  };
}

export interface TencentClientOptions {
  region?: string;
  credential?: { secretId: string; secretKey: string; token?: string };
  timeoutMs?: number;
}

/** The CVM SDK client, addressed as `cvm.127-0-0-1.localhost:PORT` and connected to 127.0.0.1, as the provider does. */
export function cvmClient(cloud: LocalCloud, options: TencentClientOptions = {}): CvmClient {
  return new cvm.v20170312.Client({
    credential: { ...(options.credential ?? TENCENT_KEY) },
    region: options.region ?? "ap-guangzhou",
    profile: {
      httpProfile: {
        endpoint: `cvm.127-0-0-1.localhost:${cloud.port}`,
        protocol: "http://",
        reqTimeout: (options.timeoutMs ?? 5000) / 1000,
        agent: endpointAgent("http:", "127.0.0.1"),
      },
    },
  });
}

export interface Ec2ClientOptions {
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  timeoutMs?: number;
}

export function ec2Client(cloud: LocalCloud, options: Ec2ClientOptions = {}): EC2Client {
  const timeout = options.timeoutMs ?? 5000;
  return new EC2Client({
    region: options.region ?? "us-east-1",
    endpoint: cloud.url,
    maxAttempts: 1,
    // The SDK writes into the credentials object it is given: hand it a copy.
    credentials: { ...(options.credentials ?? AWS_KEY) },
    // In @smithy/node-http-handler 4.x requestTimeout alone only logs a warning: a hung answer needs
    // throwOnRequestTimeout (or socketTimeout) to fail.
    requestHandler: { requestTimeout: timeout, connectionTimeout: timeout, throwOnRequestTimeout: true },
  });
}

/** What an SDK call failed with: the API error code (Tencent `.code`, AWS `.name`), HTTP status and message. */
export interface CaughtError {
  code: string | undefined;
  httpStatus: number | undefined;
  message: string;
}

export async function failureOf(call: Promise<unknown>): Promise<CaughtError> {
  try {
    await call;
  } catch (error) {
    const e = error as {
      code?: string;
      name?: string;
      httpCode?: number;
      message?: string;
      $metadata?: { httpStatusCode?: number };
    };
    const isAws = e.$metadata !== undefined;
    return {
      code: isAws ? e.name : e.code,
      httpStatus: isAws ? e.$metadata?.httpStatusCode : e.httpCode,
      message: e.message ?? String(error),
    };
  }
  throw new Error("expected the call to fail, it succeeded");
}

export interface RawTencentRequest {
  action: string;
  /** The JSON body as sent, or an object to serialise. */
  body?: string | Record<string, unknown>;
  region?: string | undefined;
  version?: string;
  timestamp?: number;
  secretId?: string;
  secretKey?: string;
  token?: string;
  service?: string;
  /** Replaces the computed Authorization header. */
  authorization?: string;
}

const sha256Hex = (data: string): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** A hand-signed TC3-HMAC-SHA256 call over fetch, for what the SDK cannot send (old timestamps, bad bodies). */
export async function rawTencent(cloud: LocalCloud, request: RawTencentRequest): Promise<Response> {
  const body = typeof request.body === "string" ? request.body : JSON.stringify(request.body ?? {});
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  const service = request.service ?? "cvm";
  const host = new URL(cloud.url).hostname;
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonical = [
    "POST",
    "/",
    "",
    `content-type:application/json\nhost:${host}\n`,
    "content-type;host",
    sha256Hex(body),
  ];
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(timestamp), scope, sha256Hex(canonical.join("\n"))].join("\n");
  const kDate = hmac(`TC3${request.secretKey ?? TENCENT_KEY.secretKey}`, date);
  const signature = createHmac("sha256", hmac(hmac(kDate, service), "tc3_request"))
    .update(stringToSign)
    .digest("hex");
  const secretId = request.secretId ?? TENCENT_KEY.secretId;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-tc-action": request.action,
    "x-tc-version": request.version ?? "2017-03-12",
    "x-tc-timestamp": String(timestamp),
    authorization:
      request.authorization ??
      `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
  };
  if (!("region" in request) || request.region !== undefined) headers["x-tc-region"] = request.region ?? "ap-guangzhou";
  if (request.token !== undefined) headers["x-tc-token"] = request.token;
  return fetch(cloud.url, { method: "POST", headers, body });
}

/** The `Response` object of a Tencent answer. */
export async function tencentResponse(answer: Response): Promise<Record<string, unknown>> {
  const json = (await answer.json()) as { Response: Record<string, unknown> };
  return json.Response;
}

export interface RawEc2Options {
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Replaces the computed Authorization header. */
  authorization?: string;
  signingDate?: Date;
}

/** A form-encoded EC2 query call signed with @smithy/signature-v4, over fetch. `Version` is added. */
export async function rawEc2(
  cloud: LocalCloud,
  form: Record<string, string>,
  options: RawEc2Options = {},
): Promise<Response> {
  const body = new URLSearchParams({ Version: "2016-11-15", ...form }).toString();
  const url = new URL(cloud.url);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: options.accessKeyId ?? AWS_KEY.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? AWS_KEY.secretAccessKey,
    },
    region: options.region ?? "us-east-1",
    service: "ec2",
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: "/",
      headers: { host: url.host, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const headers: Record<string, string> = { ...signed.headers };
  delete headers.host;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  return fetch(cloud.url, { method: "POST", headers, body });
}
