import { describe, expect, it } from "vitest";
import { cvmPowerState, stateOfStateCode } from "../../../src/providers/tencent/cvm-states.ts";
import { fromTencentError } from "../../../src/providers/tencent/tencent-errors.ts";

describe("Function: fromTencentError", () => {
  it.each([
    {
      thrown: { code: "AuthFailure.SignatureExpire", message: "expired", requestId: "r1" },
      code: "AuthFailure.SignatureExpire",
    },
    { thrown: { httpCode: 502, message: "bad gateway" }, code: "ServerError" },
    { thrown: { httpCode: 403, message: "forbidden" }, code: "HTTP403" },
    { thrown: new Error("request timeout after 10000ms"), code: "RequestTimeout" },
    { thrown: new Error("This operation was aborted"), code: "RequestTimeout" },
    { thrown: new Error("socket hang up"), code: "NetworkError" },
  ])("$thrown.message → $code", ({ thrown, code }) => {
    expect(fromTencentError(thrown, "StopInstances").code).toBe(code);
  });
});

describe("Function: cvmPowerState and stateOfStateCode", () => {
  it.each([
    ["RUNNING", "running"],
    ["STOPPED", "stopped"],
    ["SHUTDOWN", "isolated"],
    ["TERMINATING", "terminating"],
    ["RESCUE_MODE", "other"],
    [undefined, "other"],
  ])("%s → %s", (state, word) => {
    expect(cvmPowerState(state)).toBe(word);
  });

  it.each([
    ["UnsupportedOperation.InstanceStateRunning", "running"],
    ["UnsupportedOperation.InstanceStateShutdown", "isolated"],
    ["UnsupportedOperation.InstanceStateTerminated", "terminated"],
    ["UnsupportedOperation.InstanceStateCorrupted", "other"],
    ["UnsupportedOperation.InstanceReinstallFailed", undefined],
  ])("%s names %s", (code, word) => {
    expect(stateOfStateCode(code)).toBe(word);
  });
});
