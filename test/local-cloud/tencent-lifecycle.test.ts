import { describe, expect, it } from "vitest";
import type { FleetInput } from "../../src/local-cloud/index.ts";
import { cvmClient, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const FLEET: FleetInput = {
  instances: [
    { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-run00001", state: "RUNNING" },
    { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-stp00001", state: "STOPPED" },
    { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-shut0001", state: "SHUTDOWN" },
    { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-term0001", state: "TERMINATING" },
  ],
};

describe("Tencent CVM: SHUTDOWN (stopped, awaiting destruction) comes before TERMINATING", () => {
  it("keeps SHUTDOWN as it is, and ends TERMINATING with the instance gone, not SHUTDOWN", async () => {
    const cloud = await localCloud({ fleet: FLEET, transitionMs: 1000, rateLimits: NO_RATE_LIMITS });
    const client = cvmClient(cloud);

    const during = await client.DescribeInstances({ InstanceIds: ["ins-shut0001", "ins-term0001"] });
    await sleep(1100);
    const after = await client.DescribeInstances({ InstanceIds: ["ins-shut0001", "ins-term0001"] });
    const listed = await client.DescribeInstances({});
    const gone = await failureOf(client.StopInstances({ InstanceIds: ["ins-term0001"] }));

    expect(during.InstanceSet?.map((item) => [item.InstanceId, item.InstanceState])).toEqual([
      ["ins-shut0001", "SHUTDOWN"],
      ["ins-term0001", "TERMINATING"],
    ]);
    expect(after.InstanceSet?.map((item) => [item.InstanceId, item.InstanceState])).toEqual([
      ["ins-shut0001", "SHUTDOWN"],
    ]);
    expect(listed.TotalCount).toBe(3);
    expect(gone.code).toBe("InvalidInstanceId.NotFound");
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-term0001")).toBeUndefined();
  });

  it.each([
    { action: "StartInstances" as const, other: "ins-stp00001" },
    { action: "StopInstances" as const, other: "ins-run00001" },
  ])("$action of a SHUTDOWN instance fails the whole call with InstanceStateShutdown", async ({ action, other }) => {
    const cloud = await localCloud({ fleet: FLEET });

    const failure = await failureOf(cvmClient(cloud)[action]({ InstanceIds: [other, "ins-shut0001"] }));

    expect(failure.code).toBe("UnsupportedOperation.InstanceStateShutdown");
    expect(failure.message).toContain("ins-shut0001");
    expect(cloud.instance("tencent", "ap-guangzhou", other)?.latestOperation).toBeUndefined();
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-shut0001")?.state).toBe("SHUTDOWN");
  });
});
