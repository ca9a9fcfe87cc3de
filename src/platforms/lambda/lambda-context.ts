/** Lambda's invocation context as the runtime reads it: `getRemainingTimeInMillis()`, and `awsRequestId`. */
import type { InvocationContext } from "../../runtime/index.ts";

export function readLambdaContext(context: unknown): InvocationContext | undefined {
  if (typeof context !== "object" || context === null) return undefined;
  const raw = context as Record<string, unknown>;
  const remaining = raw.getRemainingTimeInMillis;
  const requestId = raw.awsRequestId;
  return {
    ...(typeof remaining === "function" ? { getRemainingTimeInMillis: () => Number(remaining.call(context)) } : {}),
    ...(typeof requestId === "string" && requestId !== "" ? { requestId } : {}),
  };
}
