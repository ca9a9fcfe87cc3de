/**
 * SCF `Invoke` (API 2018-04-16), RequestResponse, through the SDK's CommonClient, which the CVM client's bundle
 * carries already (the SCF package would add 17 KB to the zip, past its 300 KB target); imported statically.
 */
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { readTencentCredential, tencentEndpoints, tencentHttpProfile } from "../../providers/index.ts";
import type { WorkerEvent } from "../../runtime/index.ts";
import { WorkerFailure } from "../../runtime/index.ts";
import type { Environment } from "../../settings/index.ts";

export interface ScfWorkerFunction {
  readonly functionName: string;
  readonly namespace: string;
  readonly region: string;
}

/** The worker's returned value; WorkerFailure when the invocation failed or answered no JSON. */
export async function invokeScfWorker(
  env: Environment,
  { functionName, namespace, region }: ScfWorkerFunction,
  event: WorkerEvent,
  timeoutMs: number,
): Promise<unknown> {
  const client = new CommonClient("scf.tencentcloudapi.com", "2018-04-16", {
    credential: { getCredential: async () => readTencentCredential(env) },
    region,
    profile: { httpProfile: tencentHttpProfile("scf", tencentEndpoints(env).scf, timeoutMs) },
  });
  let result: { RetMsg?: string; ErrMsg?: string; InvokeResult?: number } | undefined;
  try {
    const answer = (await client.request("Invoke", {
      FunctionName: functionName,
      Namespace: namespace,
      InvocationType: "RequestResponse",
      ClientContext: JSON.stringify(event),
    })) as { Result?: typeof result };
    result = answer.Result;
  } catch (error) {
    throw new WorkerFailure(`SCF Invoke of ${functionName} failed: ${String(error)}`, "InvokeFailed");
  }
  if (result === undefined || (result.InvokeResult ?? 0) !== 0) {
    throw new WorkerFailure(
      `worker ${functionName} failed (InvokeResult ${result?.InvokeResult ?? "none"}): ${result?.ErrMsg || "no message"}`,
      "WorkerError",
    );
  }
  try {
    return JSON.parse(result.RetMsg ?? "") as unknown;
  } catch {
    throw new WorkerFailure(`worker ${functionName} answered no JSON`, "NoReport");
  }
}
