/**
 * SCF's invocation context as the runtime reads it: SCF tells the function's timeout (`time_limit_in_ms`), not the
 * time left, so the time left counts down from when the invocation was read; `request_id` is the request ID.
 */
import type { InvocationContext } from "../../runtime/index.ts";

export function readScfContext(context: unknown, now: () => number = Date.now): InvocationContext | undefined {
  if (typeof context !== "object" || context === null) return undefined;
  const { time_limit_in_ms: limit, request_id: requestId } = context as Record<string, unknown>;
  const readAt = now();
  return {
    ...(typeof limit === "number" && Number.isFinite(limit)
      ? { getRemainingTimeInMillis: () => limit - (now() - readAt) }
      : {}),
    ...(typeof requestId === "string" && requestId !== "" ? { requestId } : {}),
  };
}
