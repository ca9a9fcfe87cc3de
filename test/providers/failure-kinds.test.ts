import { describe, expect, it } from "vitest";
import type { FailureKind } from "../../src/domain/failure-kind.ts";
import { DEFAULT_OPTIONS } from "../../src/domain/types.ts";
import { classifyEc2Failure, ec2OptionFallback, ec2OptionsFor } from "../../src/providers/aws/ec2-failures.ts";
import { classifyTencentFailure, tencentOptionFallback } from "../../src/providers/tencent/tencent-failures.ts";

describe("Function: classifyTencentFailure", () => {
  it.each<[string, FailureKind, Record<string, unknown>?]>([
    ["RequestLimitExceeded", "throttle", { scope: "region" }],
    ["RequestLimitExceeded.GlobalRegionUinLimitExceeded", "throttle", { scope: "account" }],
    ["RequestLimitExceeded.IPLimitExceeded", "throttle", { scope: "region" }],
    ["RequestLimitExceeded.UinLimitExceeded", "throttle", { scope: "region" }],
    ["InternalServerError", "uncertain"],
    ["InternalError", "uncertain"],
    ["NetworkError", "uncertain"],
    ["RequestTimeout", "uncertain"],
    ["ServerError", "uncertain"],
    ["OperationDenied.InstanceOperationInProgress", "busy"],
    ["MutexOperation.TaskRunning", "busy"],
    ["UnsupportedOperation.InstanceStateRunning", "state", { state: "running" }],
    ["UnsupportedOperation.InstanceStateStopped", "state", { state: "stopped" }],
    ["UnsupportedOperation.InstanceStateStarting", "state", { state: "starting" }],
    ["UnsupportedOperation.InstanceStateStopping", "state", { state: "stopping" }],
    ["UnsupportedOperation.InstanceStatePending", "state", { state: "pending" }],
    ["UnsupportedOperation.InstanceStateShutdown", "state", { state: "isolated" }],
    ["UnsupportedOperation.InstanceStateTerminating", "state", { state: "terminating" }],
    ["UnsupportedOperation.InstanceStateTerminated", "state", { state: "terminated" }],
    ["UnsupportedOperation.InstanceStateCorrupted", "refused"],
    ["UnsupportedOperation.InstanceStateFreezing", "refused"],
    ["UnsupportedOperation.InstanceStateIsolating", "refused"],
    ["UnsupportedOperation.InstanceStateBanning", "refused"],
    ["UnsupportedOperation.InstanceReinstallFailed", "refused"],
    ["InvalidParameterValue.InstanceIdMalformed", "refused"],
    ["InvalidInstanceId.Malformed", "refused"],
    ["UnauthorizedOperation.MFAExpired", "refused"],
    ["SomethingNew.NobodyDocumented", "refused"],
    ["InvalidInstanceId.NotFound", "not-found"],
    ["UnsupportedOperation.StoppedModeStopCharging", "option"],
    ["ResourceInsufficient.ZoneSoldOutForSpecifiedInstance", "capacity"],
    ["AuthFailure.SecretIdNotFound", "global"],
    ["AuthFailure.SignatureExpire", "global"],
    ["AuthFailure.SignatureFailure", "global"],
    ["AuthFailure.TokenFailure", "global"],
    ["UnauthorizedOperation", "global"],
    ["InvalidParameterValue.LimitExceeded", "global"],
    ["MissingParameter", "global"],
    ["InvalidParameterCombination", "global"],
    ["HTTP403", "global"],
  ])("%s → %s", (code, kind, extra) => {
    expect(classifyTencentFailure(code)).toEqual({ kind, ...extra });
  });

  it("falls back from STOP_CHARGING to KEEP_CHARGING on a stop, and offers nothing otherwise", () => {
    const options = { ...DEFAULT_OPTIONS, releaseComputeWhileStopped: true };
    expect(tencentOptionFallback("UnsupportedOperation.StoppedModeStopCharging", "stop", options)).toEqual({
      options: { ...options, releaseComputeWhileStopped: false },
      note: "STOP_CHARGING refused by the cloud; stopped with KEEP_CHARGING instead",
    });
    expect(tencentOptionFallback("UnsupportedOperation.StoppedModeStopCharging", "stop", DEFAULT_OPTIONS)).toBe(
      undefined,
    );
    expect(tencentOptionFallback("UnsupportedOperation.InstanceStateRunning", "stop", options)).toBe(undefined);
  });
});

describe("Function: classifyEc2Failure", () => {
  it.each<[string, "start" | "stop" | "describe", boolean, FailureKind]>([
    ["RequestLimitExceeded", "stop", false, "throttle"],
    ["InternalError", "start", false, "uncertain"],
    ["RequestTimeout", "stop", false, "uncertain"],
    ["Unavailable", "stop", false, "transient"],
    ["IncorrectInstanceState", "start", false, "state"],
    ["InvalidInstanceID.NotFound", "stop", false, "not-found"],
    ["InvalidInstanceID.Malformed", "stop", false, "refused"],
    ["OperationNotPermitted", "stop", false, "refused"],
    ["UnsupportedOperation", "stop", false, "refused"],
    ["UnsupportedOperation", "stop", true, "option"],
    ["UnsupportedHibernationConfiguration", "stop", true, "option"],
    ["UnsupportedHibernationConfiguration", "stop", false, "refused"],
    ["InvalidParameterValue", "start", false, "refused"],
    ["InsufficientInstanceCapacity", "start", false, "capacity"],
    ["UnauthorizedOperation", "stop", false, "global"],
    ["AuthFailure", "stop", false, "global"],
    ["RequestExpired", "stop", false, "global"],
    ["HTTP400", "stop", false, "global"],
    ["SomeNewCode", "stop", false, "refused"],
  ])("%s on %s (hibernate %s) → %s", (code, action, hibernate, kind) => {
    const options = { ...DEFAULT_OPTIONS, hibernate };
    expect(classifyEc2Failure(code, action, options).kind).toBe(kind);
  });

  it("falls back from hibernation to a plain stop on either refusal code", () => {
    const options = { ...DEFAULT_OPTIONS, hibernate: true };
    for (const code of ["UnsupportedHibernationConfiguration", "UnsupportedOperation"]) {
      expect(ec2OptionFallback(code, "stop", options)?.options).toEqual({ ...options, hibernate: false });
    }
    expect(ec2OptionFallback("OperationNotPermitted", "stop", options)).toBe(undefined);
  });

  it("stops without hibernating an instance EC2 says is not configured for it", () => {
    const view = { instanceId: "i-00000001", state: "running" as const, cloudState: "running", tags: {} };
    const options = { ...DEFAULT_OPTIONS, hibernate: true };
    expect(ec2OptionsFor({ ...view, canHibernate: false }, "stop", options)).toEqual({
      options: { ...options, hibernate: false },
      note: "hibernation not configured; stopped without hibernating",
    });
    expect(ec2OptionsFor({ ...view, canHibernate: true }, "stop", options)).toEqual({ options });
  });
});
