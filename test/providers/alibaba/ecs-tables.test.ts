import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type FailureKind, type PowerOptions, type PowerState } from "../../../src/domain/index.ts";
import { TRANSPORT_CODES } from "../../../src/errors.ts";
import { classifyEcsFailure, perInstanceKind } from "../../../src/providers/alibaba/ecs-failures.ts";
import { ecsPowerState } from "../../../src/providers/alibaba/ecs-states.ts";
import { ecsStopParameters } from "../../../src/providers/alibaba/ecs-stop-parameters.ts";

describe("Function: classifyEcsFailure", () => {
  it.each<[string, FailureKind]>([
    ["Throttling", "throttle"],
    ["Throttling.User", "throttle"],
    ["Throttling.Api", "throttle"],
    ["Throttling.API", "throttle"],
    ["ServiceUnavailable", "transient"],
    ["InternalError", "uncertain"],
    [TRANSPORT_CODES.server, "uncertain"],
    [TRANSPORT_CODES.network, "uncertain"],
    [TRANSPORT_CODES.timeout, "uncertain"],
    ["IncorrectInstanceStatus", "state"],
    ["IncorrectInstanceStatus.Initializing", "state"],
    ["InstanceNotReady", "busy"],
    ["InvalidInstanceId.NotFound", "not-found"],
    ["OperationDenied.NoStock", "capacity"],
    ["InstanceLockedForSecurity", "refused"],
    ["InvalidInstanceId.MalFormed", "refused"],
    ["Forbidden.RAM", "global"],
    ["InvalidAccessKeyId.NotFound", "global"],
    ["InvalidAccessKeyId.Inactive", "global"],
    ["InvalidSecurityToken.Expired", "global"],
    ["SignatureDoesNotMatch", "global"],
    ["InvalidTimeStamp.Expired", "global"],
    ["MissingParameter", "global"],
    ["InsufficientBalance", "global"],
    ["HTTP403", "global"],
    ["SomethingNobodyDocumented", "refused"],
  ])("classifies %s as %s", (code, kind) => {
    expect(classifyEcsFailure(code).kind).toBe(kind);
  });

  it("scopes throttling to the region (limits are per API, region and account)", () => {
    expect(classifyEcsFailure("Throttling.User")).toEqual({ kind: "throttle", scope: "region" });
  });
});

describe("Function: perInstanceKind", () => {
  it.each<[string, FailureKind]>([
    ["Forbidden.RAM", "refused"],
    ["Throttling.User", "refused"],
    ["ServiceUnavailable", "refused"],
    ["IncorrectInstanceStatus", "state"],
    ["InvalidInstanceId.NotFound", "not-found"],
    ["OperationDenied.NoStock", "capacity"],
  ])("treats a per-instance %s as %s: about that instance alone", (code, kind) => {
    expect(perInstanceKind(code)).toBe(kind);
  });
});

describe("Function: ecsPowerState", () => {
  it.each<[string | undefined, PowerState]>([
    ["Pending", "pending"],
    ["Starting", "starting"],
    ["Running", "running"],
    ["Stopping", "stopping"],
    ["Stopped", "stopped"],
    ["Migrating", "other"],
    [undefined, "other"],
  ])("maps %s to %s", (status, state) => {
    expect(ecsPowerState(status)).toBe(state);
  });
});

describe("Function: ecsStopParameters", () => {
  it.each<[Partial<PowerOptions>, ReturnType<typeof ecsStopParameters>]>([
    [{}, { StoppedMode: "KeepCharging", ForceStop: false }],
    [{ releaseComputeWhileStopped: true }, { StoppedMode: "StopCharging", ForceStop: false }],
    [{ shutdown: "forced" }, { StoppedMode: "KeepCharging", ForceStop: true }],
    [{ shutdown: "graceful" }, { StoppedMode: "KeepCharging", ForceStop: false }],
    [{ shutdown: "graceful-then-forced" }, { StoppedMode: "KeepCharging", ForceStop: false }],
    [
      { releaseComputeWhileStopped: true, shutdown: "forced" },
      { StoppedMode: "StopCharging", ForceStop: true },
    ],
  ])("maps %j to %j", (options, parameters) => {
    expect(ecsStopParameters({ ...DEFAULT_OPTIONS, ...options })).toEqual(parameters);
  });
});
