/**
 * The fan-out's workers on Lambda: `Invoke` of the worker function (POWER_WORKER_FUNCTION, which the deploy sets to
 * the function itself), RequestResponse, so the orchestrator has each worker's report back (payload and
 * response ≤ 6 MB; waited for up to the worker's timeout, ≤ 900 s).
 */
import type { WorkersOf } from "../../runtime/index.ts";
import { workerFunction } from "../../runtime/index.ts";
import { invokeLambdaWorker } from "./lambda-invoke.ts";

/** Lambda waits for a synchronous invocation up to the function's timeout, at most 15 minutes. */
export const LAMBDA_SYNC_LIMIT_MS = 900_000;

export const lambdaWorkers: WorkersOf = (env) => {
  const functionName = workerFunction(env);
  if (functionName === undefined) return undefined;
  return {
    functionName,
    syncLimitMs: LAMBDA_SYNC_LIMIT_MS,
    invoke: (event, timeoutMs) => invokeLambdaWorker(env, functionName, event, timeoutMs),
  };
};
