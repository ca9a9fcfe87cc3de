import { describe, expect, it } from "vitest";
import { cvmClient, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Tencent CVM: asynchronous transitions", () => {
  it.each([
    { action: "StartInstances" as const, id: "ins-stp00001", via: "STARTING", to: "RUNNING" },
    { action: "StopInstances" as const, id: "ins-run00001", via: "STOPPING", to: "STOPPED" },
  ])("$action goes $via then $to after transitionMs, with LatestOperation fields", async ({ action, id, via, to }) => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      transitionMs: 600,
      tencentStateLagMs: 0,
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud);

    const { RequestId } = await client[action]({ InstanceIds: [id] });
    const during = await client.DescribeInstances({ InstanceIds: [id] });
    await sleep(700);
    const after = await client.DescribeInstances({ InstanceIds: [id] });

    expect(RequestId).toBeTruthy();
    expect(during.InstanceSet?.[0]).toMatchObject({
      InstanceState: via,
      LatestOperation: action,
      LatestOperationState: "OPERATING",
      LatestOperationRequestId: RequestId,
    });
    expect(after.InstanceSet?.[0]).toMatchObject({
      InstanceState: to,
      LatestOperation: action,
      LatestOperationState: "SUCCESS",
      LatestOperationRequestId: RequestId,
    });
  });

  it("shows LatestOperation null before any operation and settles fleet transitional states", async () => {
    const cloud = await localCloud({
      fleet: {
        instances: [{ provider: "tencent", region: "ap-guangzhou", instanceId: "ins-boot0001", state: "PENDING" }],
      },
      transitionMs: 600,
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud);

    const during = await client.DescribeInstances({});
    await sleep(700);
    const after = await client.DescribeInstances({});

    expect(during.InstanceSet?.[0]).toMatchObject({ InstanceState: "PENDING", LatestOperation: null });
    expect(after.InstanceSet?.[0]).toMatchObject({ InstanceState: "RUNNING" });
  });

  it("refuses a second operation while the first runs, with the in-between state's code", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 1000, tencentStateLagMs: 0 });
    const client = cvmClient(cloud);

    await client.StopInstances({ InstanceIds: ["ins-run00001"] });
    const failure = await failureOf(client.StartInstances({ InstanceIds: ["ins-run00001"] }));

    expect(failure.code).toBe("UnsupportedOperation.InstanceStateStopping");
  });

  it("keeps a stuck instance in its transitional state", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 10 });

    await sleep(30);

    expect(cloud.instance("tencent", "ap-guangzhou", "ins-stopping")?.state).toBe("STOPPING");
  });

  describe("the state is not visible at once after the call (tencentStateLagMs)", () => {
    it("shows the old InstanceState for the lag, with the new operation OPERATING, then the change", async () => {
      const cloud = await localCloud({
        fleet: TEST_FLEET,
        transitionMs: 20,
        tencentStateLagMs: 600,
        rateLimits: NO_RATE_LIMITS,
      });
      const client = cvmClient(cloud);

      const { RequestId } = await client.StopInstances({ InstanceIds: ["ins-run00001"] });
      const early = await client.DescribeInstances({ InstanceIds: ["ins-run00001"] });
      const refused = await failureOf(client.StopInstances({ InstanceIds: ["ins-run00001"] }));
      await sleep(700);
      const late = await client.DescribeInstances({ InstanceIds: ["ins-run00001"] });

      expect(early.InstanceSet?.[0]).toMatchObject({
        InstanceState: "RUNNING",
        LatestOperation: "StopInstances",
        LatestOperationState: "OPERATING",
        LatestOperationRequestId: RequestId,
      });
      expect(refused.code).toBe("OperationDenied.InstanceOperationInProgress");
      expect(late.InstanceSet?.[0]).toMatchObject({ InstanceState: "STOPPED", LatestOperationState: "SUCCESS" });
    });

    it("applies a lag by default, no longer than transitionMs", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 1000, rateLimits: NO_RATE_LIMITS });
      const client = cvmClient(cloud);

      await client.StopInstances({ InstanceIds: ["ins-run00001"] });
      const early = await client.DescribeInstances({ InstanceIds: ["ins-run00001"] });

      expect(early.InstanceSet?.[0]?.InstanceState).toBe("RUNNING");
    });
  });
});
