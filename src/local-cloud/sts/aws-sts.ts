import { randomUUID } from "node:crypto";
import { XMLBuilder } from "fast-xml-parser";
import { EmulatedApiError } from "../api-error.ts";
import { parseSigV4Authorization, verifySigV4 } from "../aws/sigv4.ts";
import type { ApiCall, HttpAnswer, ProviderFrontEnd, RawRequest } from "../http-types.ts";
import { headerValue } from "../http-types.ts";
import type { StsSessions } from "./sessions.ts";

const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
const STS_VERSION = "2011-06-15";
/** AWS AssumeRole: DurationSeconds 900 to 43200, default 3600. */
const DEFAULT_SECONDS = 3600;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true });
const xml = (body: unknown) => `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(body) as string}`;

function formOf(request: RawRequest): URLSearchParams {
  const query = new URL(request.url, "http://local").searchParams;
  return query.has("Action") ? query : new URLSearchParams(request.body.toString("utf8"));
}

/** The status STS answers these codes with; any other error is a 400. */
const STATUS: Readonly<Record<string, number>> = { AccessDenied: 403, InvalidClientTokenId: 403 };

/**
 * AWS STS 2011-06-15, the query protocol (form-encoded POST, XML answers), SigV4-checked with the credential scope's
 * service `sts`: AssumeRole only. Claims a form request whose SigV4 scope names `sts`, so it must come before EC2.
 */
export function createAwsStsFrontEnd(sessions: StsSessions, now: () => number): ProviderFrontEnd {
  async function accept(request: RawRequest) {
    const form = formOf(request);
    const scope = parseSigV4Authorization(headerValue(request.headers, "authorization"));
    const params: Record<string, unknown> = {};
    for (const [name, value] of form) if (name !== "Action" && name !== "Version") params[name] = value;
    const call: ApiCall = {
      provider: "aws" as const,
      service: "sts",
      region: scope?.region ?? "",
      action: form.get("Action") ?? "",
      params,
      instanceIds: [],
      requestId: randomUUID(),
    };
    try {
      const { key } = await verifySigV4(request, sessions.keys.aws, now());
      const account = sessions.accountOf("aws", key.accessKeyId, "sts");
      if (account !== sessions.ownAccounts.aws) call.account = account;
      if (call.action !== "AssumeRole") {
        throw new EmulatedApiError(
          "InvalidAction",
          `Could not find operation ${call.action} for version ${STS_VERSION}`,
        );
      }
      if (form.get("Version") !== STS_VERSION) {
        throw new EmulatedApiError("InvalidParameterValue", `Unsupported Version ${form.get("Version") ?? ""}`);
      }
      return { call };
    } catch (error) {
      if (error instanceof EmulatedApiError) return { call, error };
      throw error;
    }
  }

  function execute(call: { params: Record<string, unknown>; requestId: string }): HttpAnswer {
    const text = (name: string) => (typeof call.params[name] === "string" ? (call.params[name] as string) : undefined);
    const roleArn = text("RoleArn");
    const sessionName = text("RoleSessionName");
    if (!roleArn || !sessionName) {
      throw new EmulatedApiError("MissingParameter", "RoleArn and RoleSessionName are required.");
    }
    if (!SESSION_NAME.test(sessionName)) {
      throw new EmulatedApiError(
        "ValidationError",
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint`,
      );
    }
    const durationText = text("DurationSeconds");
    const durationSeconds = durationText === undefined ? undefined : Number(durationText);
    if (
      durationSeconds !== undefined &&
      !(Number.isInteger(durationSeconds) && durationSeconds >= 900 && durationSeconds <= 43_200)
    ) {
      throw new EmulatedApiError("ValidationError", `DurationSeconds ${durationText} is outside 900 to 43200.`);
    }
    const session = sessions.assume(
      "aws",
      { roleArn, sessionName, externalId: text("ExternalId"), durationSeconds },
      DEFAULT_SECONDS,
    );
    const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
    return {
      status: 200,
      headers: { "content-type": "text/xml", "x-amzn-requestid": call.requestId },
      body: xml({
        AssumeRoleResponse: {
          "@_xmlns": STS_NAMESPACE,
          AssumeRoleResult: {
            AssumedRoleUser: {
              AssumedRoleId: `AROALOCAL${session.account}:${sessionName}`,
              Arn: `arn:aws:sts::${session.account}:assumed-role/${roleName}/${sessionName}`,
            },
            Credentials: {
              AccessKeyId: session.keyId,
              SecretAccessKey: session.secret,
              SessionToken: session.token,
              Expiration: new Date(session.expiresAt).toISOString(),
            },
          },
          ResponseMetadata: { RequestId: call.requestId },
        },
      }),
    };
  }

  function errorAnswer(call: { requestId: string }, error: EmulatedApiError): HttpAnswer {
    const status = STATUS[error.code] ?? (error.httpStatus >= 500 ? error.httpStatus : 400);
    return {
      status,
      headers: { "content-type": "text/xml", "x-amzn-requestid": call.requestId },
      body: xml({
        ErrorResponse: {
          "@_xmlns": STS_NAMESPACE,
          Error: { Type: status >= 500 ? "Receiver" : "Sender", Code: error.code, Message: error.message },
          RequestId: call.requestId,
        },
      }),
    };
  }

  return {
    serverErrorCode: "InternalFailure",
    deniedCode: "AccessDenied",
    throttleCodes: { region: "Throttling", account: "Throttling", ip: "Throttling" },
    claims: (request) => parseSigV4Authorization(headerValue(request.headers, "authorization"))?.service === "sts",
    accept,
    execute,
    errorAnswer,
  };
}
