/**
 * Lambda's `Invoke` as the local cloud serves it: the REST-JSON API `POST /2015-03-31/functions/{name}/invocations`,
 * SigV4 (service `lambda`), RequestResponse (the function's return value as the body; an error as
 * `X-Amz-Function-Error: Unhandled` with `{errorType, errorMessage}`), Event (202, run in the background) and DryRun
 * (204). An unknown function answers 404 ResourceNotFoundException.
 */
import { EmulatedApiError } from "../api-error.ts";
import { type AwsKey, verifySigV4 } from "../aws/sigv4.ts";
import { type HttpAnswer, headerValue, type RawRequest } from "../http-types.ts";
import type { FunctionHost } from "./function-host.ts";
import type { InvokeLog } from "./invoke-log.ts";

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function lambdaError(status: number, type: string, message: string): HttpAnswer {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-errortype": type },
    body: JSON.stringify({ Type: "User", message }),
  };
}

/** `my-fn`, `arn:aws:lambda:us-east-1:111122223333:function:my-fn` or `...:my-fn:$LATEST` → `my-fn`. */
function functionNameOf(raw: string): string {
  const name = decodeURIComponent(raw);
  const match = /^arn:aws[\w-]*:lambda:[^:]*:\d+:function:([^:]+)/.exec(name);
  return match?.[1] ?? name.split(":")[0] ?? name;
}

export interface LambdaInvokeOptions {
  readonly host: FunctionHost;
  readonly keys: readonly AwsKey[];
  readonly now: () => number;
  readonly log: InvokeLog;
}

/** Whether `request` is a Lambda Invoke (the path alone says so). */
export function isLambdaInvoke(request: RawRequest): boolean {
  return request.method === "POST" && INVOKE_PATH.test(new URL(request.url, "http://local").pathname);
}

export async function answerLambdaInvoke(request: RawRequest, options: LambdaInvokeOptions): Promise<HttpAnswer> {
  const raw = INVOKE_PATH.exec(new URL(request.url, "http://local").pathname)?.[1] ?? "";
  const name = functionNameOf(raw);
  let region = "";
  try {
    const { scope } = await verifySigV4(request, options.keys, options.now());
    region = scope.region;
    if (scope.service !== "lambda") {
      throw new EmulatedApiError(
        "InvalidSignatureException",
        `Credential should be scoped to correct service: 'lambda'.`,
        403,
      );
    }
  } catch (error) {
    if (!(error instanceof EmulatedApiError)) throw error;
    options.log({
      provider: "aws",
      service: "lambda",
      region,
      action: "Invoke",
      params: { FunctionName: name },
      result: error.code,
    });
    return lambdaError(403, error.code === "AuthFailure" ? "UnrecognizedClientException" : error.code, error.message);
  }
  const record = (result: string) =>
    options.log({
      provider: "aws",
      service: "lambda",
      region,
      action: "Invoke",
      params: { FunctionName: name },
      result,
    });
  if (!options.host.has(name)) {
    record("ResourceNotFoundException");
    return lambdaError(404, "ResourceNotFoundException", `Function not found: ${name}`);
  }
  let event: unknown;
  try {
    event = request.body.length === 0 ? {} : JSON.parse(request.body.toString("utf8"));
  } catch {
    record("InvalidRequestContentException");
    return lambdaError(400, "InvalidRequestContentException", "Could not parse request body into json");
  }
  const type = headerValue(request.headers, "x-amz-invocation-type") ?? "RequestResponse";
  const context = { functionName: name, invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${name}` };
  if (type === "DryRun") {
    record("ok");
    return { status: 204, headers: {}, body: "" };
  }
  if (type === "Event") {
    record("ok");
    void options.host.invoke(name, event, context);
    return { status: 202, headers: {}, body: "" };
  }
  const result = await options.host.invoke(name, event, context);
  record(result.ok ? "ok" : result.errorType);
  const headers = {
    "content-type": "application/json",
    "x-amz-executed-version": "$LATEST",
    "x-amzn-requestid": result.requestId,
  };
  if (result.ok) return { status: 200, headers, body: JSON.stringify(result.result) };
  return {
    status: 200,
    headers: { ...headers, "x-amz-function-error": "Unhandled" },
    body: JSON.stringify({ errorType: result.errorType, errorMessage: result.errorMessage }),
  };
}
