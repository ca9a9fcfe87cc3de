/**
 * SCF's `Invoke` (API 2018-04-16) as the local cloud serves it: TC3-signed, service `scf`, action `Invoke`;
 * RequestResponse answers `Result` {RetMsg: the return value as JSON, ErrMsg, InvokeResult 0 or -1, MemUsage,
 * Duration}; Event runs it in the background. The event is `ClientContext` (≤ 6 MB synchronous, 128 KB async).
 */
import { randomUUID } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import { type HttpAnswer, headerValue, type RawRequest } from "../http-types.ts";
import { parseTc3Authorization, type TencentKey, verifyTc3 } from "../tencent/tc3.ts";
import type { FunctionHost } from "./function-host.ts";
import type { InvokeLog } from "./invoke-log.ts";

const ASYNC_EVENT_BYTES = 128 * 1024;
const SYNC_EVENT_BYTES = 6 * 1024 * 1024;

export interface ScfInvokeOptions {
  readonly host: FunctionHost;
  readonly keys: readonly TencentKey[];
  readonly now: () => number;
  readonly log: InvokeLog;
}

function tencentAnswer(response: Record<string, unknown>): HttpAnswer {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ Response: { ...response, RequestId: randomUUID() } }),
  };
}

function tencentError(code: string, message: string): HttpAnswer {
  return tencentAnswer({ Error: { Code: code, Message: message } });
}

/** Whether `request` is SCF's Invoke (the action header and the signed service say so). */
export function isScfInvoke(request: RawRequest): boolean {
  return (
    headerValue(request.headers, "x-tc-action") === "Invoke" &&
    parseTc3Authorization(headerValue(request.headers, "authorization"))?.service === "scf"
  );
}

export async function answerScfInvoke(request: RawRequest, options: ScfInvokeOptions): Promise<HttpAnswer> {
  const region = headerValue(request.headers, "x-tc-region") ?? "";
  let params: { FunctionName?: unknown; InvocationType?: unknown; ClientContext?: unknown; Namespace?: unknown };
  try {
    verifyTc3(request, options.keys, options.now());
    params = JSON.parse(request.body.toString("utf8")) as typeof params;
  } catch (error) {
    if (!(error instanceof EmulatedApiError)) {
      return tencentError("InvalidParameter", "The request body is not a JSON object.");
    }
    options.log({ provider: "tencent", service: "scf", region, action: "Invoke", params: {}, result: error.code });
    return tencentError(error.code, error.message);
  }
  const name = typeof params.FunctionName === "string" ? params.FunctionName : "";
  const record = (result: string) =>
    options.log({
      provider: "tencent",
      service: "scf",
      region,
      action: "Invoke",
      params: { FunctionName: name },
      result,
    });
  if (!options.host.has(name)) {
    record("ResourceNotFound.Function");
    return tencentError("ResourceNotFound.Function", `The function ${name} does not exist.`);
  }
  const text = typeof params.ClientContext === "string" ? params.ClientContext : "{}";
  const type = params.InvocationType === "Event" ? "Event" : "RequestResponse";
  if (Buffer.byteLength(text) > (type === "Event" ? ASYNC_EVENT_BYTES : SYNC_EVENT_BYTES)) {
    record("InvalidParameterValue.ClientContext");
    return tencentError("InvalidParameterValue.ClientContext", "ClientContext is larger than the limit.");
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    record("InvalidParameterValue.ClientContext");
    return tencentError("InvalidParameterValue.ClientContext", "ClientContext is not JSON.");
  }
  const context = { function_name: name, namespace: params.Namespace ?? "default", request_id: randomUUID() };
  if (type === "Event") {
    record("ok");
    void options.host.invoke(name, event, context);
    return tencentAnswer({ Result: { FunctionRequestId: context.request_id, InvokeResult: 0 } });
  }
  const started = Date.now();
  const result = await options.host.invoke(name, event, context);
  record(result.ok ? "ok" : result.errorType);
  const duration = Date.now() - started;
  return tencentAnswer({
    Result: {
      FunctionRequestId: result.requestId,
      Duration: duration,
      BillDuration: duration,
      MemUsage: Math.round((result.maxRssMb ?? 0) * 1024 * 1024),
      Log: "",
      RetMsg: result.ok ? JSON.stringify(result.result) : "",
      ErrMsg: result.ok
        ? ""
        : JSON.stringify({ errorCode: -1, errorMessage: `${result.errorType}: ${result.errorMessage}` }),
      InvokeResult: result.ok ? 0 : -1,
    },
  });
}
