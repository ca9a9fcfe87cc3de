import { randomUUID } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import {
  type ApiCall,
  type CallEffects,
  type HttpAnswer,
  headerValue,
  type ProviderFrontEnd,
  type RawRequest,
} from "../http-types.ts";
import type { InstanceStore } from "../instance-store.ts";
import { scopeToAccount } from "../sts/account-scope.ts";
import type { StsSessions } from "../sts/sessions.ts";
import type { ZoneCapacity } from "./capacity.ts";
import { EC2_ACTIONS as POWER_ACTIONS } from "./ec2.ts";
import { EC2_TAG_ACTIONS } from "./ec2-tags.ts";
import { instanceIdsOf, resourceIdsOf } from "./form.ts";
import { type AwsKey, parseSigV4Authorization, verifySigV4 } from "./sigv4.ts";
import { ec2Answer, ec2ErrorAnswer } from "./xml.ts";

export interface AwsFrontEndOptions {
  store: InstanceStore;
  keys: readonly AwsKey[];
  capacity?: ZoneCapacity;
  /** Temporary credentials from STS: a call signed with them acts in the role's account only. */
  sessions?: StsSessions;
}

const EC2_ACTIONS = { ...POWER_ACTIONS, ...EC2_TAG_ACTIONS };

/** HTTP statuses EC2 answers these codes with; any other error is a 400. */
const EC2_ERROR_STATUS: Readonly<Record<string, number>> = {
  AuthFailure: 401,
  UnauthorizedOperation: 403,
  DryRunOperation: 412,
  InternalError: 500,
  RequestLimitExceeded: 503,
};

function formOf(request: RawRequest): URLSearchParams {
  const query = new URL(request.url, "http://local").searchParams;
  return query.has("Action") ? query : new URLSearchParams(request.body.toString("utf8"));
}

/** The EC2 query protocol: form-encoded POST with Action=, SigV4-signed, XML answers. */
export function createAwsFrontEnd(options: AwsFrontEndOptions): ProviderFrontEnd {
  async function accept(request: RawRequest): Promise<{ call: ApiCall; error?: EmulatedApiError }> {
    const form = formOf(request);
    const params: Record<string, unknown> = {};
    for (const [name, value] of form) if (name !== "Action" && name !== "Version") params[name] = value;
    const scope = parseSigV4Authorization(headerValue(request.headers, "authorization"));
    const call: ApiCall = {
      provider: "aws",
      service: scope?.service ?? "unknown",
      region: scope?.region ?? "",
      action: form.get("Action") ?? "",
      params,
      instanceIds: [...instanceIdsOf(params), ...resourceIdsOf(params)],
      requestId: randomUUID(),
    };
    if (params.DryRun !== undefined) call.dryRun = params.DryRun === "true";
    try {
      const { key } = await verifySigV4(request, options.keys, options.store.now());
      // Recorded only for another account's keys: the call log of single-account runs stays as it was.
      const account = options.sessions?.accountOf("aws", key.accessKeyId, call.service);
      if (account !== undefined && account !== options.sessions?.ownAccounts.aws) call.account = account;
      if (call.service !== "ec2") {
        throw new EmulatedApiError(
          "AuthFailure",
          `Credential should be scoped to correct service: 'ec2', not '${call.service}'.`,
        );
      }
      if (!Object.hasOwn(EC2_ACTIONS, call.action)) {
        throw new EmulatedApiError("InvalidAction", `The action ${call.action} is not valid for this web service.`);
      }
      if (key.allowedActions !== undefined && !key.allowedActions.includes(call.action)) {
        throw new EmulatedApiError(
          "UnauthorizedOperation",
          `You are not authorized to perform this operation. User ${key.accessKeyId} is not authorized to perform: ec2:${call.action}`,
          403,
        );
      }
      return { call };
    } catch (error) {
      if (error instanceof EmulatedApiError) return { call, error };
      throw error;
    }
  }

  function execute(call: ApiCall, effects: CallEffects = {}): HttpAnswer {
    const handler = EC2_ACTIONS[call.action];
    if (!handler)
      throw new EmulatedApiError("InvalidAction", `The action ${call.action} is not valid for this web service.`);
    const sessions = options.sessions;
    const body = handler(call.params, {
      store:
        sessions === undefined
          ? options.store
          : scopeToAccount(options.store, call.account ?? sessions.ownAccounts.aws, sessions.ownAccounts.aws),
      region: call.region,
      requestId: call.requestId,
      ...(options.capacity ? { capacity: options.capacity } : {}),
      ...(effects.failOperations ? { failOperations: true } : {}),
    });
    return ec2Answer(call.action, call.requestId, body);
  }

  function errorAnswer(call: ApiCall, error: EmulatedApiError): HttpAnswer {
    return ec2ErrorAnswer(EC2_ERROR_STATUS[error.code] ?? error.httpStatus, error.code, error.message, call.requestId);
  }

  return {
    serverErrorCode: "InternalError",
    deniedCode: "UnauthorizedOperation",
    // EC2 has one throttling code, answered with HTTP 503.
    throttleCodes: { region: "RequestLimitExceeded", account: "RequestLimitExceeded", ip: "RequestLimitExceeded" },
    catchAll: true,
    claims(request) {
      if (new URL(request.url, "http://local").searchParams.has("Action")) return true;
      const type = headerValue(request.headers, "content-type") ?? "";
      return request.method === "POST" && type.startsWith("application/x-www-form-urlencoded");
    },
    accept,
    execute,
    errorAnswer,
  };
}
