import { describe, expect, it } from "vitest";
import { CloudApiError } from "../../../src/errors.ts";
import {
  EcsBatchRefusalError,
  readBatchResults,
  refusalErrors,
  throwOnRefusals,
} from "../../../src/providers/alibaba/ecs-batch-results.ts";

const ok = (instanceId: string) => ({
  instanceId,
  code: "200",
  message: "success",
  previousStatus: "Running",
  currentStatus: "Stopping",
});
const no = (instanceId: string, code: string) => ({
  instanceId,
  code,
  message: `refused: ${code}`,
  previousStatus: "Running",
  currentStatus: "Running",
});

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("Function: readBatchResults", () => {
  it("reads each instance's Code: 200 is accepted with its CurrentStatus, any other code is refused", () => {
    const results = readBatchResults(["i-a", "i-b"], [ok("i-a"), no("i-b", "IncorrectInstanceStatus")]);
    expect([...results.accepted]).toEqual([["i-a", "Stopping"]]);
    expect(results.refused.get("i-b")).toEqual({
      code: "IncorrectInstanceStatus",
      message: "refused: IncorrectInstanceStatus",
      previousStatus: "Running",
    });
  });

  it("counts every asked instance accepted when the answer lists none (an AllTogether-shaped answer)", () => {
    expect([...readBatchResults(["i-a", "i-b"], undefined).accepted.keys()]).toEqual(["i-a", "i-b"]);
  });
});

describe("Function: throwOnRefusals", () => {
  it("returns when nothing was refused", () => {
    expect(thrown(() => throwOnRefusals(readBatchResults(["i-a"], [ok("i-a")]), "StopInstances", "r"))).toBeUndefined();
  });

  it("throws the plain code when every instance was refused with one code", () => {
    const error = thrown(() =>
      throwOnRefusals(readBatchResults(["i-a"], [no("i-a", "InstanceLockedForSecurity")]), "StartInstances", "r"),
    );
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).not.toBeInstanceOf(EcsBatchRefusalError);
    expect((error as CloudApiError).code).toBe("InstanceLockedForSecurity");
  });

  it("throws nothing when others were accepted: each refusal comes back as its own error", () => {
    const results = readBatchResults(["i-a", "i-b"], [ok("i-a"), no("i-b", "Forbidden.RAM")]);
    expect(thrown(() => throwOnRefusals(results, "StopInstances", "r"))).toBeUndefined();
    const errors = refusalErrors(results, "StopInstances", "r");
    expect([...errors.keys()]).toEqual(["i-b"]);
    expect(errors.get("i-b")?.code).toBe("Forbidden.RAM");
    expect(errors.get("i-b")?.message).toContain("i-b");
  });

  it("classifies a batch refused for several reasons, none accepted, as `refused`: the split isolates each", () => {
    const results = readBatchResults(
      ["i-a", "i-b"],
      [no("i-a", "IncorrectInstanceStatus"), no("i-b", "InstanceLockedForSecurity")],
    );
    const error = thrown(() => throwOnRefusals(results, "StartInstances", "r")) as EcsBatchRefusalError;
    expect(error.classification()).toEqual({ kind: "refused" });
  });
});
