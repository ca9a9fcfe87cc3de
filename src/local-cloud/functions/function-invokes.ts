/** The local cloud's Invoke front ends (Lambda's REST path, SCF's TC3 action) over one FunctionHost. */
import type { AwsKey } from "../aws/sigv4.ts";
import type { CallLog } from "../call-log.ts";
import type { HttpAnswer, RawRequest } from "../http-types.ts";
import type { TencentKey } from "../tencent/tc3.ts";
import { FunctionHost, type InvocationRecord } from "./function-host.ts";
import type { FunctionHostOptions, LocalFunctionInput } from "./function-options.ts";
import type { InvokeLog } from "./invoke-log.ts";
import { answerLambdaInvoke, isLambdaInvoke } from "./lambda-invoke.ts";
import { answerScfInvoke, isScfInvoke } from "./scf-invoke.ts";

export interface FunctionInvokes {
  /** The answer to an Invoke request, or undefined for any other request. */
  answer(request: RawRequest): Promise<HttpAnswer | undefined>;
  /** Adds a function by the name Invoke calls it. */
  register(name: string, fn: LocalFunctionInput): void;
  /** Every invocation so far, in the order they ended: duration, outcome, peak RSS. */
  invocations(): InvocationRecord[];
  close(): void;
}

export function functionInvokes(
  options: FunctionHostOptions | undefined,
  cloud: { keys: { aws: readonly AwsKey[]; tencent: readonly TencentKey[] }; now: () => number; log: CallLog },
): FunctionInvokes {
  let counted = 0;
  const counts = new Map<string, number>();
  // The kill fault counts the calls of an action; the log is read incrementally (never copied whole per tick).
  const callCount = (action: string) => {
    if (cloud.log.size < counted) counted = 0;
    for (const record of cloud.log.tail(counted)) counts.set(record.action, (counts.get(record.action) ?? 0) + 1);
    counted = cloud.log.size;
    return counts.get(action) ?? 0;
  };
  const host = new FunctionHost(options, callCount);
  const log: InvokeLog = (call) =>
    cloud.log.append({ at: new Date().toISOString(), ...call, instanceIds: [], requestId: "" });
  return {
    async answer(request) {
      if (isLambdaInvoke(request))
        return answerLambdaInvoke(request, { host, keys: cloud.keys.aws, now: cloud.now, log });
      if (isScfInvoke(request))
        return answerScfInvoke(request, { host, keys: cloud.keys.tencent, now: cloud.now, log });
      return undefined;
    },
    register: (name, fn) => host.register(name, fn),
    invocations: () => host.invocations(),
    close: () => host.close(),
  };
}
