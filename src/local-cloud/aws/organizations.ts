/**
 * AWS Organizations 2016-11-28 in the local cloud: the JSON 1.1 protocol (POST, `X-Amz-Target:
 * AWSOrganizationsV20161128.<Action>`, `Content-Type: application/x-amz-json-1.1`), SigV4-checked with the credential
 * scope's service `organizations`: ListAccounts and ListAccountsForParent, paged with MaxResults (1 to 20, as the API
 * reference states) and an opaque NextToken. ListAccountsForParent lists the accounts directly under the parent, not
 * those of child OUs (the API reference: "If you specify an OU, you get a list of all the accounts in only that OU and
 * not in any child OUs"). Only the management account may list (a member's keys answer AccessDeniedException); a
 * caller in no organisation answers AWSOrganizationsNotInUseException.
 */
import { randomUUID } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import { type ApiCall, type HttpAnswer, headerValue, type ProviderFrontEnd, type RawRequest } from "../http-types.ts";
import type { LocalOrganizations, OrganizationMember } from "../organization/local-organization.ts";
import type { StsSessions } from "../sts/sessions.ts";
import { parseSigV4Authorization, verifySigV4 } from "./sigv4.ts";

const TARGET_PREFIX = "AWSOrganizationsV20161128.";
const ACTIONS = new Set(["ListAccounts", "ListAccountsForParent"]);
/** ListAccounts / ListAccountsForParent MaxResults: 1 to 20 (the API reference's valid range). */
const MAX_RESULTS = 20;
const PARENT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

function json(status: number, body: unknown, requestId: string, errorType?: string): HttpAnswer {
  return {
    status,
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-requestid": requestId,
      ...(errorType === undefined ? {} : { "x-amzn-errortype": errorType }),
    },
    body: JSON.stringify(body),
  };
}

/** The answer's Account shape (the JSON protocol sends timestamps as epoch seconds). */
function accountOf(member: OrganizationMember, management: string) {
  return {
    Id: member.id,
    Arn: `arn:aws:organizations::${management}:account/o-local/${member.id}`,
    Email: `${member.name}@example.invalid`,
    Name: member.name,
    Status: member.status,
    State: member.status,
    JoinedMethod: "CREATED",
    JoinedTimestamp: member.joinedAt / 1000,
  };
}

function page(params: Record<string, unknown>): { offset: number; size: number } {
  const max = params.MaxResults;
  if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 1 && (max as number) <= MAX_RESULTS)) {
    throw new EmulatedApiError(
      "InvalidInputException",
      `MaxResults ${String(max)} is outside 1 to ${MAX_RESULTS} (INVALID_PARAMETER_VALUE_RANGE).`,
    );
  }
  const token = params.NextToken;
  let offset = 0;
  if (token !== undefined) {
    offset = typeof token === "string" ? Number(Buffer.from(token, "base64url").toString("utf8")) : Number.NaN;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new EmulatedApiError("InvalidInputException", "The NextToken is not valid (INVALID_PAGINATION_TOKEN).");
    }
  }
  return { offset, size: (max as number | undefined) ?? MAX_RESULTS };
}

export function createAwsOrganizationsFrontEnd(
  organizations: LocalOrganizations,
  sessions: StsSessions,
  now: () => number,
): ProviderFrontEnd {
  async function accept(request: RawRequest): Promise<{ call: ApiCall; error?: EmulatedApiError }> {
    const scope = parseSigV4Authorization(headerValue(request.headers, "authorization"));
    const target = headerValue(request.headers, "x-amz-target") ?? "";
    let params: Record<string, unknown> = {};
    const call: ApiCall = {
      provider: "aws",
      service: scope?.service ?? "unknown",
      region: scope?.region ?? "",
      action: target.slice(TARGET_PREFIX.length),
      params,
      instanceIds: [],
      requestId: randomUUID(),
    };
    try {
      const body = request.body.length === 0 ? {} : JSON.parse(request.body.toString("utf8"));
      if (body === null || typeof body !== "object" || Array.isArray(body)) throw new SyntaxError("not an object");
      params = body as Record<string, unknown>;
      call.params = params;
    } catch {
      return { call, error: new EmulatedApiError("SerializationException", "The request body is not a JSON object.") };
    }
    try {
      const { key } = await verifySigV4(request, sessions.keys.aws, now());
      const account = sessions.accountOf("aws", key.accessKeyId, call.service);
      if (account !== sessions.ownAccounts.aws) call.account = account;
      if (call.service !== "organizations") {
        throw new EmulatedApiError(
          "InvalidSignatureException",
          `Credential should be scoped to correct service: 'organizations', not '${call.service}'.`,
        );
      }
      if (!ACTIONS.has(call.action)) {
        throw new EmulatedApiError("UnknownOperationException", `The operation ${call.action} is not served here.`);
      }
      return { call };
    } catch (error) {
      if (error instanceof EmulatedApiError) return { call, error };
      throw error;
    }
  }

  function execute(call: ApiCall): HttpAnswer {
    const organization = organizations.of("aws");
    const caller = call.account ?? sessions.ownAccounts.aws;
    if (organization === undefined) {
      throw new EmulatedApiError(
        "AWSOrganizationsNotInUseException",
        "Your account is not a member of an organization.",
      );
    }
    const management = organization.management ?? sessions.ownAccounts.aws;
    if (caller !== management) {
      throw new EmulatedApiError(
        "AccessDeniedException",
        `You don't have permissions to access this resource: account ${caller} is not the organization's management account.`,
      );
    }
    let members = organization.members;
    if (call.action === "ListAccountsForParent") {
      const parent = call.params.ParentId;
      if (typeof parent !== "string" || !PARENT_ID.test(parent)) {
        throw new EmulatedApiError("InvalidInputException", `ParentId ${String(parent)} is not a root or OU ID.`);
      }
      const isRoot = parent.startsWith("r-");
      if (!isRoot && !organization.units.has(parent)) {
        throw new EmulatedApiError(
          "ParentNotFoundException",
          `We can't find a root or OU with the ParentId ${parent}.`,
        );
      }
      members = members.filter((member) => (isRoot ? member.unit === undefined : member.unit === parent));
    }
    const { offset, size } = page(call.params);
    const slice = members.slice(offset, offset + size);
    const next = offset + size < members.length ? Buffer.from(String(offset + size)).toString("base64url") : undefined;
    return json(
      200,
      { Accounts: slice.map((member) => accountOf(member, management)), ...(next ? { NextToken: next } : {}) },
      call.requestId,
    );
  }

  function errorAnswer(call: ApiCall, error: EmulatedApiError): HttpAnswer {
    const status = error.httpStatus >= 500 ? error.httpStatus : 400;
    return json(status, { __type: error.code, message: error.message }, call.requestId, error.code);
  }

  return {
    serverErrorCode: "ServiceException",
    deniedCode: "AccessDeniedException",
    throttleCodes: {
      region: "TooManyRequestsException",
      account: "TooManyRequestsException",
      ip: "TooManyRequestsException",
    },
    claims: (request) => (headerValue(request.headers, "x-amz-target") ?? "").startsWith(TARGET_PREFIX),
    accept,
    execute,
    errorAnswer,
  };
}
