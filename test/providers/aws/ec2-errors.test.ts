import { describe, expect, it } from "vitest";
import { fromEc2Error } from "../../../src/providers/aws/ec2-errors.ts";
import { escapeWildcards } from "../../../src/providers/aws/ec2-provider.ts";
import { ec2PowerState } from "../../../src/providers/aws/ec2-states.ts";

describe("Function: fromEc2Error", () => {
  it.each([
    {
      thrown: { name: "OperationNotPermitted", message: "stop protection", $metadata: { httpStatusCode: 400 } },
      code: "OperationNotPermitted",
    },
    {
      thrown: { name: "InsufficientInstanceCapacity", message: "no capacity", $metadata: { httpStatusCode: 500 } },
      code: "InsufficientInstanceCapacity",
    },
    { thrown: { name: "TimeoutError", message: "timed out" }, code: "RequestTimeout" },
    { thrown: { name: "AbortError", message: "aborted by the engine's budget" }, code: "RequestTimeout" },
    { thrown: { code: "ECONNRESET", message: "reset" }, code: "NetworkError" },
    {
      thrown: { name: "UnknownError", message: "bad gateway", $metadata: { httpStatusCode: 502 } },
      code: "ServerError",
    },
  ])("$thrown.message → $code", ({ thrown, code }) => {
    expect(fromEc2Error(thrown, "StopInstances").code).toBe(code);
  });
});

describe("Function: ec2PowerState", () => {
  it.each([
    ["pending", "pending"],
    ["running", "running"],
    ["stopping", "stopping"],
    ["stopped", "stopped"],
    ["shutting-down", "terminating"],
    ["terminated", "terminated"],
    [undefined, "other"],
  ])("%s → %s", (state, word) => {
    expect(ec2PowerState(state)).toBe(word);
  });
});

describe("Function: escapeWildcards", () => {
  it.each([
    ["test", "test"],
    ["a*b", "a\\*b"],
    ["a?b", "a\\?b"],
    ["a\\b", "a\\\\b"],
  ])("%s → %s (EC2 filter values treat * and ? as wildcards)", (value, escaped) => {
    expect(escapeWildcards(value)).toBe(escaped);
  });
});
