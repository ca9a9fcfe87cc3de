import { describe, expect, it } from "vitest";
import { CloudApiError, TRANSPORT_CODES } from "../../../src/errors.ts";
import { fromEcsError } from "../../../src/providers/alibaba/ecs-errors.ts";

const sdkError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? "failed")), fields);

describe("Function: fromEcsError", () => {
  it.each<[string, unknown, string, number | undefined]>([
    [
      "an API error",
      sdkError({ name: "ClientError", code: "IncorrectInstanceStatus", statusCode: 403, requestId: "R1" }),
      "IncorrectInstanceStatus",
      403,
    ],
    [
      "throttling",
      sdkError({ name: "ThrottlingError", code: "Throttling.User", statusCode: 400 }),
      "Throttling.User",
      400,
    ],
    ["a server error", sdkError({ name: "ServerError", code: "InternalError", statusCode: 500 }), "InternalError", 500],
    [
      "a 5xx without ECS's body",
      sdkError({ name: "ServerError", code: "undefined", statusCode: 502 }),
      TRANSPORT_CODES.server,
      502,
    ],
    ["a 4xx without ECS's body", sdkError({ name: "ClientError", code: "undefined", statusCode: 404 }), "HTTP404", 404],
    ["a proxy's HTML page", new SyntaxError("Unexpected token < in JSON"), TRANSPORT_CODES.server, undefined],
    [
      "a read timeout",
      sdkError({ name: "RequestTimeoutError", message: "ReadTimeout: 2000" }),
      TRANSPORT_CODES.timeout,
      undefined,
    ],
    [
      "a reset connection (a lost answer)",
      sdkError({ code: "ECONNRESET", message: "socket hang up" }),
      TRANSPORT_CODES.network,
      undefined,
    ],
    ["anything else", "boom", TRANSPORT_CODES.network, undefined],
  ])("maps %s", (_what, error, code, status) => {
    const mapped = fromEcsError(error, "StopInstances");
    expect(mapped).toBeInstanceOf(CloudApiError);
    expect(mapped.code).toBe(code);
    expect(mapped.details.httpStatus).toBe(status);
    expect(mapped.details.action).toBe("StopInstances");
  });

  it("keeps the request ID of an API error", () => {
    const mapped = fromEcsError(
      sdkError({ code: "Forbidden.RAM", statusCode: 403, requestId: "R2" }),
      "StartInstances",
    );
    expect(mapped.details.requestId).toBe("R2");
  });
});
