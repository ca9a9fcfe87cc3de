/** Lambda `Invoke`, RequestResponse, through @aws-sdk/client-lambda (imported statically: a dynamic import of an SDK undoes the bundle's tree-shaking of the others). */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { WorkerEvent } from "../../runtime/index.ts";
import { WorkerFailure } from "../../runtime/index.ts";
import type { Environment } from "../../settings/index.ts";

/** AWS_ENDPOINT_URL_LAMBDA (the local cloud), else AWS_ENDPOINT_URL, else the SDK's own. */
function lambdaEndpoint(env: Environment): string | undefined {
  return env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL || undefined;
}

const clients = new Map<string, LambdaClient>();

function clientFor(env: Environment): LambdaClient {
  const endpoint = lambdaEndpoint(env);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  const key = `${region}|${endpoint ?? ""}`;
  let client = clients.get(key);
  if (client === undefined) {
    // No SDK retries: a failed worker is retried once by the orchestrator, with a fresh event.
    client = new LambdaClient({ region, maxAttempts: 1, ...(endpoint ? { endpoint } : {}) });
    clients.set(key, client);
  }
  return client;
}

/** The worker's returned value; WorkerFailure when the invocation failed, timed out or answered no JSON. */
export async function invokeLambdaWorker(
  env: Environment,
  functionName: string,
  event: WorkerEvent,
  timeoutMs: number,
): Promise<unknown> {
  let answer: { FunctionError?: string | undefined; Payload?: Uint8Array | undefined };
  try {
    answer = await clientFor(env).send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: "RequestResponse",
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const timedOut = name === "AbortError" || name === "TimeoutError";
    throw new WorkerFailure(
      timedOut
        ? `Lambda Invoke of ${functionName}: no answer within ${Math.round(timeoutMs / 1000)} s`
        : `Lambda Invoke of ${functionName} failed: ${name}: ${error instanceof Error ? error.message : String(error)}`,
      timedOut ? "WorkerTimedOut" : name,
    );
  }
  const text = answer.Payload ? new TextDecoder().decode(answer.Payload) : "";
  if (answer.FunctionError !== undefined) {
    let message = text;
    try {
      const parsed = JSON.parse(text) as { errorType?: string; errorMessage?: string };
      message = `${parsed.errorType ?? "Error"}: ${parsed.errorMessage ?? ""}`;
    } catch {}
    throw new WorkerFailure(`worker ${functionName} failed (${answer.FunctionError}): ${message}`, "WorkerError");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WorkerFailure(`worker ${functionName} answered no JSON`, "NoReport");
  }
}
