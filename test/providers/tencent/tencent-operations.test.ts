import { describe, expect, it } from "vitest";
import { cvmLatestOperation } from "../../../src/providers/tencent/tencent-operations.ts";

describe("Function: cvmLatestOperation (CVM's LatestOperation* → the domain's latest operation)", () => {
  it.each([
    { cvm: {}, operation: undefined },
    {
      cvm: { LatestOperation: "StopInstances", LatestOperationState: "OPERATING" },
      operation: { action: "stop", label: "StopInstances", state: "in-progress" },
    },
    {
      cvm: { LatestOperation: "StartInstances", LatestOperationState: "SUCCESS", LatestOperationRequestId: "r-1" },
      operation: { action: "start", label: "StartInstances", state: "succeeded", requestId: "r-1" },
    },
    {
      cvm: { LatestOperation: "StopInstances", LatestOperationState: "FAILED", LatestOperationErrorMsg: "no stock" },
      operation: { action: "stop", label: "StopInstances", state: "failed", message: "no stock" },
    },
    {
      cvm: { LatestOperation: "ResetInstance", LatestOperationState: "OPERATING" },
      operation: { label: "ResetInstance", state: "in-progress" },
    },
    {
      cvm: { LatestOperation: "StopInstances", LatestOperationState: "QUEUED" },
      operation: { action: "stop", label: "StopInstances" },
    },
  ])("maps $cvm", ({ cvm, operation }) => {
    expect(cvmLatestOperation(cvm)).toEqual(operation);
  });
});
