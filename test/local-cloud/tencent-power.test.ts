import { describe, expect, it } from "vitest";
import type { LocalCloud } from "../../src/local-cloud/index.ts";
import { cvmClient, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

function stateOf(cloud: LocalCloud, instanceId: string): string | undefined {
  return cloud.instance("tencent", "ap-guangzhou", instanceId)?.state;
}

function statesOf(cloud: LocalCloud): Record<string, string> {
  return Object.fromEntries(
    cloud
      .instances()
      .filter((instance) => instance.provider === "tencent")
      .map((instance) => [instance.instanceId, instance.state]),
  );
}

const hundredAndOne = Array.from({ length: 101 }, (_, i) => `ins-${String(i).padStart(8, "0")}`);

describe("Tencent CVM: StartInstances and StopInstances", () => {
  it("starts stopped instances and stops running ones, answering only a RequestId", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 1000, tencentStateLagMs: 0 });
    const client = cvmClient(cloud);

    const started = await client.StartInstances({ InstanceIds: ["ins-stp00001", "ins-stp00002"] });
    const stopped = await client.StopInstances({ InstanceIds: ["ins-run00001"] });

    expect(Object.keys(started)).toEqual(["RequestId"]);
    expect(Object.keys(stopped)).toEqual(["RequestId"]);
    expect(stateOf(cloud, "ins-stp00001")).toBe("STARTING");
    expect(stateOf(cloud, "ins-stp00002")).toBe("STARTING");
    expect(stateOf(cloud, "ins-run00001")).toBe("STOPPING");
  });

  it.each<{ action: "StartInstances" | "StopInstances"; ids: string[]; code: string }>([
    {
      action: "StartInstances",
      ids: ["ins-stp00001", "ins-run00001"],
      code: "UnsupportedOperation.InstanceStateRunning",
    },
    {
      action: "StartInstances",
      ids: ["ins-stp00001", "ins-pending1"],
      code: "UnsupportedOperation.InstanceStatePending",
    },
    {
      action: "StartInstances",
      ids: ["ins-stp00001", "ins-stopping"],
      code: "UnsupportedOperation.InstanceStateStopping",
    },
    {
      action: "StopInstances",
      ids: ["ins-run00001", "ins-stp00001"],
      code: "UnsupportedOperation.InstanceStateStopped",
    },
    {
      action: "StopInstances",
      ids: ["ins-run00001", "ins-pending1"],
      code: "UnsupportedOperation.InstanceStatePending",
    },
    {
      action: "StopInstances",
      ids: ["ins-run00001", "ins-stopping"],
      code: "UnsupportedOperation.InstanceStateStopping",
    },
    { action: "StopInstances", ids: ["ins-run00001", "ins-gone0001"], code: "InvalidInstanceId.NotFound" },
    { action: "StartInstances", ids: ["ins-stp00001", "ins-sh000001"], code: "InvalidInstanceId.NotFound" },
    { action: "StopInstances", ids: ["ins-run00001", "i-0000000a"], code: "InvalidInstanceId.Malformed" },
    { action: "StopInstances", ids: ["ins-run00001", "ins-expired1"], code: "InvalidInstance.NotSupported" },
    { action: "StopInstances", ids: [], code: "MissingParameter" },
    { action: "StartInstances", ids: hundredAndOne, code: "InvalidParameterValue.LimitExceeded" },
    { action: "StopInstances", ids: hundredAndOne, code: "InvalidParameterValue.LimitExceeded" },
  ])("$action fails the whole batch with $code and changes no instance", async ({ action, ids, code }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const before = statesOf(cloud);

    const failure = await failureOf(cvmClient(cloud)[action]({ InstanceIds: ids }));

    expect(failure.code).toBe(code);
    expect(statesOf(cloud)).toEqual(before);
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00001")?.latestOperation).toBeUndefined();
  });

  it("accepts exactly 100 IDs in one call", async () => {
    const fleet = {
      instances: Array.from({ length: 100 }, (_, i) => ({
        provider: "tencent" as const,
        region: "ap-guangzhou",
        instanceId: `ins-${String(i).padStart(8, "0")}`,
        state: "RUNNING" as const,
      })),
    };
    const cloud = await localCloud({ fleet });

    await cvmClient(cloud).StopInstances({ InstanceIds: fleet.instances.map((instance) => instance.instanceId) });

    expect(cloud.instances().every((instance) => instance.state === "STOPPING")).toBe(true);
  });

  describe("StopType and ForceStop", () => {
    it.each(["SOFT", "HARD", "SOFT_FIRST"])("accepts StopType %s", async (StopType) => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      await cvmClient(cloud).StopInstances({ InstanceIds: ["ins-run00001"], StopType });

      expect(stateOf(cloud, "ins-run00001")).toBe("STOPPING");
    });

    it("accepts the deprecated ForceStop alone", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      await cvmClient(cloud).StopInstances({ InstanceIds: ["ins-run00001"], ForceStop: true });

      expect(stateOf(cloud, "ins-run00001")).toBe("STOPPING");
    });

    it.each([
      {
        what: "ForceStop with StopType",
        params: { ForceStop: true, StopType: "HARD" },
        code: "InvalidParameterCombination",
      },
      { what: "an unknown StopType", params: { StopType: "GENTLE" }, code: "InvalidParameterValue" },
      { what: "an unknown StoppedMode", params: { StoppedMode: "HALF_CHARGING" }, code: "InvalidParameterValue" },
    ])("refuses $what with $code", async ({ params, code }) => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      const failure = await failureOf(cvmClient(cloud).StopInstances({ InstanceIds: ["ins-run00001"], ...params }));

      expect(failure.code).toBe(code);
      expect(stateOf(cloud, "ins-run00001")).toBe("RUNNING");
    });
  });

  describe("StoppedMode STOP_CHARGING", () => {
    it("stops an eligible pay-as-you-go cloud-disk instance and reads back StopChargingMode STOP_CHARGING", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 20, rateLimits: NO_RATE_LIMITS });
      const client = cvmClient(cloud);

      await client.StopInstances({ InstanceIds: ["ins-run00001"], StoppedMode: "STOP_CHARGING" });
      await new Promise((resolve) => setTimeout(resolve, 40));
      const answer = await client.DescribeInstances({ InstanceIds: ["ins-run00001"] });

      expect(answer.InstanceSet?.[0]).toMatchObject({ InstanceState: "STOPPED", StopChargingMode: "STOP_CHARGING" });
    });

    it("reads back KEEP_CHARGING after a stop without StoppedMode", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 20, rateLimits: NO_RATE_LIMITS });
      const client = cvmClient(cloud);

      await client.StopInstances({ InstanceIds: ["ins-run00001"] });
      await new Promise((resolve) => setTimeout(resolve, 40));
      const answer = await client.DescribeInstances({ InstanceIds: ["ins-run00001"] });

      expect(answer.InstanceSet?.[0]).toMatchObject({ InstanceState: "STOPPED", StopChargingMode: "KEEP_CHARGING" });
    });

    it.each([
      { what: "a prepaid instance", ineligible: "ins-prepaid1" },
      { what: "an instance on a local system disk", ineligible: "ins-localdsk" },
    ])("refuses the whole batch when it holds $what", async ({ ineligible }) => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      const failure = await failureOf(
        cvmClient(cloud).StopInstances({ InstanceIds: ["ins-run00001", ineligible], StoppedMode: "STOP_CHARGING" }),
      );

      expect(failure.code).toBe("UnsupportedOperation.StoppedModeStopCharging");
      expect(failure.message).toContain(ineligible);
      expect(stateOf(cloud, "ins-run00001")).toBe("RUNNING");
      expect(stateOf(cloud, ineligible)).toBe("RUNNING");
    });

    it("stops the same ineligible instance with KEEP_CHARGING", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      await cvmClient(cloud).StopInstances({ InstanceIds: ["ins-prepaid1"], StoppedMode: "KEEP_CHARGING" });

      expect(stateOf(cloud, "ins-prepaid1")).toBe("STOPPING");
    });
  });
});
