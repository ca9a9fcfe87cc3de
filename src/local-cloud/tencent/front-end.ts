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
import type { TencentService } from "./service.ts";
import { parseTc3Authorization, type TencentKey, verifyTc3 } from "./tc3.ts";

export interface TencentFrontEndOptions {
  store: InstanceStore;
  keys: readonly TencentKey[];
  services: readonly TencentService[];
  describeUnknownIds: "omit" | "error";
  stateLagMs: number;
  /** Temporary credentials from STS: a call signed with them acts in the role's account only. */
  sessions?: StsSessions;
}

function json(body: unknown): HttpAnswer {
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function parseBody(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringsOf(ids: unknown): string[] {
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

function instanceIdsOf(params: Record<string, unknown>): string[] {
  return stringsOf(params.InstanceIds);
}

/** The Tag API's AttachResourcesTag / DetachResourcesTag name their instances ResourceIds. */
function resourceIdsOf(params: Record<string, unknown>): string[] {
  return stringsOf(params.ResourceIds);
}

/**
 * Tencent Cloud API 3.0: a request with X-TC-Action, signed with TC3-HMAC-SHA256. The service (cvm, ...) is the
 * credential-scope service; each service lives in its own module and is registered here.
 */
export function createTencentFrontEnd(options: TencentFrontEndOptions): ProviderFrontEnd {
  const services = new Map(options.services.map((service) => [service.name, service]));
  const served = [...services.keys()].join(", ");

  async function accept(request: RawRequest): Promise<{ call: ApiCall; error?: EmulatedApiError }> {
    const params = parseBody(request.body);
    const credential = parseTc3Authorization(headerValue(request.headers, "authorization"));
    const call: ApiCall = {
      provider: "tencent",
      service: credential?.service ?? "unknown",
      region: headerValue(request.headers, "x-tc-region") ?? "",
      action: headerValue(request.headers, "x-tc-action") ?? "",
      params: params ?? {},
      instanceIds: params ? [...instanceIdsOf(params), ...resourceIdsOf(params)] : [],
      requestId: randomUUID(),
    };
    try {
      if (request.method !== "POST") {
        throw new EmulatedApiError("UnsupportedProtocol", "This local cloud accepts Tencent calls as POST only.");
      }
      const key = verifyTc3(request, options.keys, options.store.now());
      // Recorded only for another account's keys: the call log of single-account runs stays as it was.
      const account = options.sessions?.accountOf("tencent", key.secretId, call.service);
      if (account !== undefined && account !== options.sessions?.ownAccounts.tencent) call.account = account;
      const hostService = (headerValue(request.headers, "host") ?? "").split(".")[0] ?? "";
      const service = services.get(call.service);
      if (!service || (services.has(hostService) && hostService !== call.service)) {
        throw new EmulatedApiError(
          "AuthFailure.SignatureFailure",
          `The credential-scope service \`${call.service}\` is not served here (serving: ${served}). Connect with endpoint host <service>.127.0.0.1:PORT so the SDK signs for that service.`,
        );
      }
      const version = headerValue(request.headers, "x-tc-version");
      if (version !== service.version) {
        throw new EmulatedApiError(
          "NoSuchVersion",
          `The API version \`${version}\` of ${service.name} does not exist.`,
        );
      }
      if (!Object.hasOwn(service.actions, call.action)) {
        throw new EmulatedApiError("InvalidAction", `The action \`${call.action}\` of ${service.name} does not exist.`);
      }
      if (call.region === "") {
        throw new EmulatedApiError("MissingParameter", "The request is missing a required parameter `Region`.");
      }
      if (!params) throw new EmulatedApiError("InvalidParameter", "The request body is not a JSON object.");
      return { call };
    } catch (error) {
      if (error instanceof EmulatedApiError) return { call, error };
      throw error;
    }
  }

  function execute(call: ApiCall, effects: CallEffects = {}): HttpAnswer {
    const handler = services.get(call.service)?.actions[call.action];
    if (!handler) throw new EmulatedApiError("InvalidAction", `The action \`${call.action}\` does not exist.`);
    const sessions = options.sessions;
    const fields = handler(call.params, {
      store:
        sessions === undefined
          ? options.store
          : scopeToAccount(options.store, call.account ?? sessions.ownAccounts.tencent, sessions.ownAccounts.tencent),
      region: call.region,
      requestId: call.requestId,
      ...(sessions === undefined ? {} : { account: call.account ?? sessions.ownAccounts.tencent }),
      options: { describeUnknownIds: options.describeUnknownIds, stateLagMs: options.stateLagMs },
      ...(effects.failOperations ? { failOperations: true } : {}),
    });
    return json({ Response: { ...fields, RequestId: call.requestId } });
  }

  function errorAnswer(call: ApiCall, error: EmulatedApiError): HttpAnswer {
    return json({ Response: { Error: { Code: error.code, Message: error.message }, RequestId: call.requestId } });
  }

  return {
    serverErrorCode: "InternalServerError",
    deniedCode: "UnauthorizedOperation",
    throttleCodes: {
      region: "RequestLimitExceeded",
      account: "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
      ip: "RequestLimitExceeded.IPLimitExceeded",
    },
    claims: (request) => headerValue(request.headers, "x-tc-action") !== undefined,
    accept,
    execute,
    errorAnswer,
  };
}
