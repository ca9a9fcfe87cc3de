import { describe, expect, it } from "vitest";
import { readLambdaContext } from "../../src/platforms/lambda/lambda-context.ts";
import { readScfContext } from "../../src/platforms/scf/scf-context.ts";
import { timeBudgetMs } from "../../src/runtime/time-budget.ts";

describe("Function: readScfContext", () => {
  it.each<{ desc: string; context: unknown; remaining?: number; requestId?: string }>([
    { desc: "the timeout as the time left at first", context: { time_limit_in_ms: 300_000 }, remaining: 300_000 },
    { desc: "request_id as the request ID", context: { request_id: "req-1" }, requestId: "req-1" },
    { desc: "both", context: { time_limit_in_ms: 3_000, request_id: "r" }, remaining: 3_000, requestId: "r" },
    { desc: "an empty request_id as none", context: { request_id: "" } },
    { desc: "a non-numeric timeout as none", context: { time_limit_in_ms: "300000" } },
  ])("reads $desc", ({ context, remaining, requestId }) => {
    const read = readScfContext(context, () => 1_000);
    expect(read?.getRemainingTimeInMillis?.()).toBe(remaining);
    expect(read?.requestId).toBe(requestId);
  });

  it("counts the time left down from when the invocation was read", () => {
    let now = 10_000;
    const read = readScfContext({ time_limit_in_ms: 60_000 }, () => now);
    now += 15_000;
    expect(read?.getRemainingTimeInMillis?.()).toBe(45_000);
  });

  it("gives the run the budget the timeout gave it before (the timeout less 1.5 s)", () => {
    expect(
      timeBudgetMs(
        readScfContext({ time_limit_in_ms: 300_000 }, () => 0),
        {},
      ),
    ).toBe(298_500);
  });

  it.each([undefined, null, "text", 3])("reads no context from %j", (context) => {
    expect(readScfContext(context)).toBeUndefined();
  });
});

describe("Function: readLambdaContext", () => {
  it("reads the time left from getRemainingTimeInMillis, called on the context", () => {
    const context = {
      deadline: 42_000,
      getRemainingTimeInMillis(this: { deadline: number }) {
        return this.deadline;
      },
    };
    expect(readLambdaContext(context)?.getRemainingTimeInMillis?.()).toBe(42_000);
  });

  it.each<{ desc: string; context: unknown; requestId?: string }>([
    { desc: "awsRequestId as the request ID", context: { awsRequestId: "abc-123" }, requestId: "abc-123" },
    { desc: "no request ID from an empty awsRequestId", context: { awsRequestId: "" } },
    { desc: "no request ID from SCF's field", context: { request_id: "x" } },
  ])("reads $desc", ({ context, requestId }) => {
    expect(readLambdaContext(context)?.requestId).toBe(requestId);
  });

  it.each([undefined, null, 7])("reads no context from %j", (context) => {
    expect(readLambdaContext(context)).toBeUndefined();
  });
});
