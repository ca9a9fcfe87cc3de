import { DescribeInstancesCommand, StartInstancesCommand, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import type { FleetInput, LocalCloud } from "../../src/local-cloud/index.ts";
import { cvmClient, ec2Client, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS } from "./support/fleet.ts";

/** One bad instance in a call fails the whole call, and no instance of it is acted on. */

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const aws = (instanceId: string, state: "running" | "stopped", extra: Record<string, unknown> = {}) => ({
  provider: "aws" as const,
  region: "us-east-1",
  instanceId,
  state,
  zone: "us-east-1a",
  ...extra,
});
const tencent = (instanceId: string, state: "RUNNING" | "STOPPED", extra: Record<string, unknown> = {}) => ({
  provider: "tencent" as const,
  region: "ap-guangzhou",
  instanceId,
  state,
  ...extra,
});

const FLEET: FleetInput = {
  instances: [
    aws("i-000000a1", "running"),
    aws("i-000000a2", "stopped"),
    aws("i-0000000b", "running", { disableApiStop: true }),
    aws("i-0000000c", "stopped", { disableApiStop: true }),
    aws("i-0000000d", "running", { rootDeviceType: "instance-store" }),
    aws("i-0000000e", "running", { spot: "one-time" }),
    aws("i-0000000f", "running", { spot: "persistent" }),
    aws("i-00000010", "running", { hibernationConfigured: true }),
    aws("i-00000011", "running", { hibernationConfigured: true, hibernationNotReady: true }),
    aws("i-00000012", "stopped", { insufficientCapacity: true }),
    tencent("ins-run00001", "RUNNING"),
    tencent("ins-stp00001", "STOPPED"),
    ...(["CORRUPTED", "FREEZING", "ISOLATING", "BANNING", "TERMINATED", "REINSTALL_FAILED"] as const).flatMap(
      (condition, i) => [
        tencent(`ins-cr${i}00001`, "RUNNING", { condition }),
        tencent(`ins-cs${i}00001`, "STOPPED", { condition }),
      ],
    ),
  ],
};

function states(cloud: LocalCloud): Record<string, string> {
  return Object.fromEntries(cloud.instances().map((instance) => [instance.instanceId, instance.state]));
}

describe("EC2: per-instance refusals fail the whole call", () => {
  it.each([
    {
      what: "a stop-protected instance (disableApiStop)",
      bad: "i-0000000b",
      code: "OperationNotPermitted",
      message: /may not be stopped.*disableApiStop/,
    },
    {
      what: "a stopped stop-protected instance",
      bad: "i-0000000c",
      code: "OperationNotPermitted",
      message: /may not be stopped/,
    },
    {
      what: "an instance-store root instance",
      bad: "i-0000000d",
      code: "UnsupportedOperation",
      message: /'ebs' root device type/,
    },
    { what: "a one-time Spot Instance", bad: "i-0000000e", code: "UnsupportedOperation", message: /Spot/ },
  ])("StopInstances with $what → $code (HTTP 400), nothing stopped", async ({ bad, code, message }) => {
    const cloud = await localCloud({ fleet: FLEET });
    const before = states(cloud);

    const failure = await failureOf(
      ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-000000a1", bad, "i-0000000f"] })),
    );

    expect(failure).toMatchObject({ code, httpStatus: 400 });
    expect(failure.message).toMatch(message);
    expect(failure.message).toContain(bad);
    expect(states(cloud)).toEqual(before);
    expect(cloud.calls().map((call) => call.result)).toEqual([code]);
  });

  it("describes the root device type and the Spot lifecycle", async () => {
    const cloud = await localCloud({ fleet: FLEET });

    const answer = await ec2Client(cloud).send(
      new DescribeInstancesCommand({ InstanceIds: ["i-000000a1", "i-0000000d", "i-0000000e"] }),
    );

    expect(
      answer.Reservations?.map(({ Instances }) => [Instances?.[0]?.RootDeviceType, Instances?.[0]?.InstanceLifecycle]),
    ).toEqual([
      ["ebs", undefined],
      ["instance-store", undefined],
      ["ebs", "spot"],
    ]);
  });

  it("stops a persistent Spot Instance and starts a stop-protected one", async () => {
    const cloud = await localCloud({ fleet: FLEET, rateLimits: NO_RATE_LIMITS });
    const client = ec2Client(cloud);

    await client.send(new StopInstancesCommand({ InstanceIds: ["i-0000000f"] }));
    await client.send(new StartInstancesCommand({ InstanceIds: ["i-0000000c"] }));

    expect(cloud.instance("aws", "us-east-1", "i-0000000f")?.state).toBe("stopping");
    expect(cloud.instance("aws", "us-east-1", "i-0000000c")?.state).toBe("pending");
  });

  it("refuses a hibernating stop with UnsupportedOperation while hibernation is not ready, and stops it plainly", async () => {
    const cloud = await localCloud({ fleet: FLEET, rateLimits: NO_RATE_LIMITS });
    const client = ec2Client(cloud);

    const failure = await failureOf(
      client.send(new StopInstancesCommand({ InstanceIds: ["i-00000010", "i-00000011"], Hibernate: true })),
    );
    const stateAfterRefusal = cloud.instance("aws", "us-east-1", "i-00000010")?.state;
    await client.send(new StopInstancesCommand({ InstanceIds: ["i-00000011"] }));

    expect(failure).toMatchObject({ code: "UnsupportedOperation", httpStatus: 400 });
    expect(failure.message).toContain("i-00000011");
    expect(stateAfterRefusal).toBe("running");
    expect(cloud.instance("aws", "us-east-1", "i-00000011")?.state).toBe("stopping");
  });

  it("answers InsufficientInstanceCapacity (HTTP 500) for an instance that never gets capacity, starting none", async () => {
    const cloud = await localCloud({ fleet: FLEET });
    const before = states(cloud);

    const failure = await failureOf(
      ec2Client(cloud).send(new StartInstancesCommand({ InstanceIds: ["i-000000a2", "i-00000012"] })),
    );

    expect(failure).toMatchObject({ code: "InsufficientInstanceCapacity", httpStatus: 500 });
    expect(failure.message).toContain("us-east-1a");
    expect(states(cloud)).toEqual(before);
  });

  describe("zone capacity (ec2ZoneCapacity)", () => {
    const stopped = Array.from({ length: 6 }, (_, i) => `i-0000010${i}`);
    const fleet: FleetInput = {
      instances: [
        ...stopped.slice(0, 5).map((id) => aws(id, "stopped")),
        aws(stopped[5] ?? "", "stopped", { zone: "us-east-1b" }),
        aws("i-000001ff", "running"),
      ],
    };

    it("refuses a batch needing more than is free in its zone, and starts a batch that fits", async () => {
      const cloud = await localCloud({
        fleet,
        ec2ZoneCapacity: { "us-east-1a": 3 },
        rateLimits: NO_RATE_LIMITS,
      });
      const client = ec2Client(cloud);
      const before = states(cloud);

      const tooMany = await failureOf(client.send(new StartInstancesCommand({ InstanceIds: stopped.slice(0, 4) })));
      const afterRefusal = states(cloud);
      await client.send(new StartInstancesCommand({ InstanceIds: [...stopped.slice(0, 3), stopped[5] ?? ""] }));
      const full = await failureOf(client.send(new StartInstancesCommand({ InstanceIds: [stopped[3] ?? ""] })));
      await client.send(new StopInstancesCommand({ InstanceIds: ["i-000001ff"] }));
      await client.send(new StartInstancesCommand({ InstanceIds: [stopped[3] ?? ""] }));

      expect(tooMany).toMatchObject({ code: "InsufficientInstanceCapacity", httpStatus: 500 });
      expect(afterRefusal).toEqual(before);
      expect(full.code).toBe("InsufficientInstanceCapacity");
      expect(states(cloud)).toMatchObject({
        [stopped[0] ?? ""]: "pending",
        [stopped[3] ?? ""]: "pending",
        [stopped[4] ?? ""]: "stopped",
        [stopped[5] ?? ""]: "pending",
      });
    });

    it("does not count already-running instances of a start, which are a no-op", async () => {
      const cloud = await localCloud({ fleet, ec2ZoneCapacity: { "us-east-1a": 1 } });

      const answer = await ec2Client(cloud).send(
        new StartInstancesCommand({ InstanceIds: ["i-000001ff", stopped[0] ?? ""] }),
      );

      expect(answer.StartingInstances?.map((change) => change.CurrentState?.Name)).toEqual(["running", "pending"]);
    });
  });
});

describe("Tencent CVM: per-instance refusals fail the whole call", () => {
  it.each([
    { condition: "CORRUPTED", i: 0, code: "UnsupportedOperation.InstanceStateCorrupted" },
    { condition: "FREEZING", i: 1, code: "UnsupportedOperation.InstanceStateFreezing" },
    { condition: "ISOLATING", i: 2, code: "UnsupportedOperation.InstanceStateIsolating" },
    { condition: "BANNING", i: 3, code: "UnsupportedOperation.InstanceStateBanning" },
    { condition: "TERMINATED", i: 4, code: "UnsupportedOperation.InstanceStateTerminated" },
    { condition: "REINSTALL_FAILED", i: 5, code: "UnsupportedOperation.InstanceReinstallFailed" },
  ])("condition $condition → $code on start and on stop, nothing applied", async ({ i, code }) => {
    const cloud = await localCloud({ fleet: FLEET, rateLimits: NO_RATE_LIMITS });
    const client = cvmClient(cloud);
    const before = states(cloud);

    const stop = await failureOf(client.StopInstances({ InstanceIds: ["ins-run00001", `ins-cr${i}00001`] }));
    const start = await failureOf(client.StartInstances({ InstanceIds: ["ins-stp00001", `ins-cs${i}00001`] }));

    expect(stop.code).toBe(code);
    expect(stop.message).toContain(`ins-cr${i}00001`);
    expect(start.code).toBe(code);
    expect(states(cloud)).toEqual(before);
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00001")?.latestOperation).toBeUndefined();
  });

  it("answers MutexOperation.TaskRunning while another task holds an instance (taskRunningMs), then acts", async () => {
    const cloud = await localCloud({
      fleet: {
        instances: [tencent("ins-busy0001", "RUNNING", { taskRunningMs: 1000 }), tencent("ins-run00001", "RUNNING")],
      },
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud);

    const busy = await failureOf(client.StopInstances({ InstanceIds: ["ins-run00001", "ins-busy0001"] }));
    const unchanged = states(cloud);
    await sleep(1100);
    await client.StopInstances({ InstanceIds: ["ins-run00001", "ins-busy0001"] });

    expect(busy.code).toBe("MutexOperation.TaskRunning");
    expect(unchanged).toEqual({ "ins-busy0001": "RUNNING", "ins-run00001": "RUNNING" });
    expect(states(cloud)).toEqual({ "ins-busy0001": "STOPPING", "ins-run00001": "STOPPING" });
  });

  it.each([
    { id: "ins-ABCDEFGH", code: "InvalidParameterValue.InstanceIdMalformed" },
    { id: "ins-ab_d0001", code: "InvalidParameterValue.InstanceIdMalformed" },
    { id: "ins-0000000", code: "InvalidInstanceId.Malformed" },
    { id: "i-0000000a", code: "InvalidInstanceId.Malformed" },
  ])("refuses the malformed ID $id with $code, nothing applied", async ({ id, code }) => {
    const cloud = await localCloud({ fleet: FLEET });
    const before = states(cloud);

    const failure = await failureOf(cvmClient(cloud).StopInstances({ InstanceIds: ["ins-run00001", id] }));

    expect(failure.code).toBe(code);
    expect(failure.message).toContain(id);
    expect(states(cloud)).toEqual(before);
  });
});
