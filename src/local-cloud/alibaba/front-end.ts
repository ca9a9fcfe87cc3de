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
import { type AlibabaKey, verifyAcs3 } from "./acs3.ts";
import { type AlibabaLocalOptions, alibabaOptionsSchema, DEFAULT_ALIBABA_KEYS } from "./alibaba-options.ts";
import { ECS_ACTIONS as POWER_ACTIONS } from "./ecs.ts";
import { jsonIdList, type RpcParams, repeatList } from "./ecs-params.ts";
import { ECS_TAG_ACTIONS } from "./ecs-tags.ts";
import { AlibabaSts } from "./ram-sts.ts";

const ECS_ACTIONS = { ...POWER_ACTIONS, ...ECS_TAG_ACTIONS };

const SERVICES: Readonly<Record<string, "ecs" | "sts">> = { "2014-05-26": "ecs", "2015-04-01": "sts" };
/** STS is a global service: its calls are logged (and paced) under this region. */
const STS_REGION = "cn-hangzhou";

export interface AlibabaFrontEnd extends ProviderFrontEnd {
  readonly sts: AlibabaSts;
}

function paramsOf(request: RawRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URL(request.url, "http://local").searchParams) params[name] = value;
  const type = headerValue(request.headers, "content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [name, value] of new URLSearchParams(request.body.toString("utf8"))) params[name] = value;
  }
  return params;
}

function json(status: number, body: unknown): HttpAnswer {
  return { status, headers: { "content-type": "application/json;charset=utf-8" }, body: JSON.stringify(body) };
}

/**
 * The Alibaba Cloud RPC protocol as @alicloud/openapi-core sends it (the ACS3 way): POST `/?<params>` with
 * `x-acs-action`, `x-acs-version`, `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256`, and an
 * ACS3-HMAC-SHA256 Authorization (checked); JSON answers, errors with their HTTP status. ECS 2014-05-26 and STS
 * 2015-04-01 are served; temporary keys act in their role's account.
 */
export function createAlibabaFrontEnd(store: InstanceStore, input: AlibabaLocalOptions = {}): AlibabaFrontEnd {
  const options = alibabaOptionsSchema.parse(input);
  const keys: AlibabaKey[] = [...(options.credentials ?? DEFAULT_ALIBABA_KEYS)];
  const sts = new AlibabaSts(options, keys, () => store.now());
  const noStockZones: ReadonlySet<string> = new Set(options.noStockZones);

  async function accept(request: RawRequest): Promise<{ call: ApiCall; error?: EmulatedApiError }> {
    const params = paramsOf(request);
    const service = SERVICES[headerValue(request.headers, "x-acs-version") ?? ""];
    const call: ApiCall = {
      provider: "alibaba",
      service: service ?? "unknown",
      region: service === "sts" ? STS_REGION : (params.RegionId ?? ""),
      action: headerValue(request.headers, "x-acs-action") ?? "",
      params,
      instanceIds: (() => {
        try {
          return [
            ...repeatList(params, "InstanceId"),
            ...repeatList(params, "ResourceId"),
            ...(jsonIdList(params, "InstanceIds", 1000) ?? []),
          ];
        } catch {
          return [];
        }
      })(),
      requestId: randomUUID().toUpperCase(),
    };
    try {
      const key = verifyAcs3(request, keys, store.now());
      const account = sts.accountOf(key.accessKeyId);
      // Recorded only for another account's keys: the call log of single-account runs stays as it was.
      if (account !== sts.ownAccount) call.account = account;
      if (!service) {
        throw new EmulatedApiError("InvalidVersion", `Specified parameter Version is not valid.`, 400);
      }
      const known = service === "sts" ? call.action === "AssumeRole" : Object.hasOwn(ECS_ACTIONS, call.action);
      if (!known)
        throw new EmulatedApiError("InvalidAction.NotFound", `Specified api is not found: ${call.action}.`, 404);
      if (service === "ecs" && call.region === "") {
        throw new EmulatedApiError("MissingParameter", "The input parameter RegionId is mandatory.", 400);
      }
      return { call };
    } catch (error) {
      if (error instanceof EmulatedApiError) return { call, error };
      throw error;
    }
  }

  function execute(call: ApiCall, effects: CallEffects = {}): HttpAnswer {
    const params = call.params as RpcParams;
    if (call.service === "sts") return json(200, { RequestId: call.requestId, ...sts.assumeRole(params) });
    const handler = ECS_ACTIONS[call.action];
    if (!handler)
      throw new EmulatedApiError("InvalidAction.NotFound", `Specified api is not found: ${call.action}.`, 404);
    const fields = handler(params, {
      store: scopeToAccount(store, call.account ?? sts.ownAccount, sts.ownAccount),
      region: call.region,
      requestId: call.requestId,
      noStockZones,
      ...(effects.failOperations ? { failOperations: true } : {}),
    });
    return json(200, { RequestId: call.requestId, ...fields });
  }

  function errorAnswer(call: ApiCall, error: EmulatedApiError): HttpAnswer {
    return json(error.httpStatus, {
      RequestId: call.requestId,
      HostId: `${call.service}.${call.region || STS_REGION}.aliyuncs.com`,
      Code: error.code,
      Message: error.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=Ecs (local cloud)`,
    });
  }

  return {
    sts,
    serverErrorCode: "InternalError",
    deniedCode: "Forbidden.RAM",
    // User flow control (the account's per-API limit); the per-API code for the IP-style fault.
    throttleCodes: { region: "Throttling.User", account: "Throttling.User", ip: "Throttling.Api" },
    claims: (request) => headerValue(request.headers, "x-acs-action") !== undefined,
    accept,
    execute,
    errorAnswer,
  };
}
