/**
 * The fan-out's workers on SCF: `Invoke` of the worker function (POWER_WORKER_FUNCTION, which the deploy sets to the
 * function itself; in SCF_NAMESPACE), RequestResponse: the event (ClientContext) ≤ 6 MB, and SCF waits at most 300 s
 * for a synchronous invocation (API 2018-04-16 `Invoke`; async events ≤ 128 KB).
 */
import type { WorkersOf } from "../../runtime/index.ts";
import { workerFunction } from "../../runtime/index.ts";
import { invokeScfWorker } from "./scf-invoke.ts";

/** SCF's limit on a synchronous Invoke: 300 s (longer needs async invocation). */
export const SCF_SYNC_LIMIT_MS = 300_000;

export const scfWorkers: WorkersOf = (env) => {
  const functionName = workerFunction(env);
  if (functionName === undefined) return undefined;
  const target = {
    functionName,
    namespace: env.SCF_NAMESPACE || "default",
    region: env.TENCENTCLOUD_REGION || "ap-guangzhou",
  };
  return {
    functionName,
    syncLimitMs: SCF_SYNC_LIMIT_MS,
    invoke: (event, timeoutMs) => invokeScfWorker(env, target, event, timeoutMs),
  };
};
