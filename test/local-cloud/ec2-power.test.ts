import {
  DescribeInstancesCommand,
  StartInstancesCommand,
  type StartInstancesCommandInput,
  StopInstancesCommand,
  type StopInstancesCommandInput,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import type { LocalCloud } from "../../src/local-cloud/index.ts";
import { ec2Client, failureOf, rawEc2, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function statesOf(cloud: LocalCloud): Record<string, string> {
  return Object.fromEntries(
    cloud
      .instances()
      .filter((instance) => instance.provider === "aws")
      .map((instance) => [instance.instanceId, instance.state]),
  );
}

const READ_ONLY_KEY = {
  accessKeyId: "AKIDREADONLY",
  secretAccessKey: "read-only",
  allowedActions: ["DescribeInstances"],
};

describe("EC2: StartInstances and StopInstances", () => {
  it("answers previous and current state of each instance", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 1000 });
    const client = ec2Client(cloud);

    const started = await client.send(new StartInstancesCommand({ InstanceIds: ["i-0000000b", "i-0000000a"] }));
    const stopped = await client.send(new StopInstancesCommand({ InstanceIds: ["i-0000000c"] }));

    expect(started.StartingInstances).toEqual([
      {
        InstanceId: "i-0000000b",
        PreviousState: { Code: 80, Name: "stopped" },
        CurrentState: { Code: 0, Name: "pending" },
      },
      {
        InstanceId: "i-0000000a",
        PreviousState: { Code: 16, Name: "running" },
        CurrentState: { Code: 16, Name: "running" },
      },
    ]);
    expect(stopped.StoppingInstances).toEqual([
      {
        InstanceId: "i-0000000c",
        PreviousState: { Code: 16, Name: "running" },
        CurrentState: { Code: 64, Name: "stopping" },
      },
    ]);
  });

  it("writes EC2's XML: a StopInstancesResponse in the 2016-11-15 namespace with instancesSet items", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await rawEc2(cloud, { Action: "StopInstances", "InstanceId.1": "i-0000000a" });
    const xml = await answer.text();

    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/xml");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<StopInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">');
    expect(xml).toMatch(/<requestId>[0-9a-f-]{36}<\/requestId>/);
    expect(xml).toContain(
      "<instancesSet><item><instanceId>i-0000000a</instanceId><currentState><code>64</code><name>stopping</name></currentState><previousState><code>16</code><name>running</name></previousState></item></instancesSet>",
    );
  });

  it("reaches running / stopped after transitionMs", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 30, rateLimits: NO_RATE_LIMITS });
    const client = ec2Client(cloud);

    await client.send(new StartInstancesCommand({ InstanceIds: ["i-0000000b"] }));
    await client.send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] }));
    await sleep(50);
    const answer = await client.send(new DescribeInstancesCommand({ InstanceIds: ["i-0000000a", "i-0000000b"] }));

    expect(answer.Reservations?.map((reservation) => reservation.Instances?.[0]?.State?.Name)).toEqual([
      "stopped",
      "running",
    ]);
    expect(answer.Reservations?.[0]?.Instances?.[0]?.StateReason?.Code).toBe("Client.UserInitiatedShutdown");
  });

  it("falls back from pending to stopped with Client.InternalError when the KMS grant is missing", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 20, rateLimits: NO_RATE_LIMITS });
    const client = ec2Client(cloud);

    const started = await client.send(new StartInstancesCommand({ InstanceIds: ["i-00000011"] }));
    await sleep(40);
    const answer = await client.send(new DescribeInstancesCommand({ InstanceIds: ["i-00000011"] }));

    expect(started.StartingInstances?.[0]?.CurrentState?.Name).toBe("pending");
    expect(answer.Reservations?.[0]?.Instances?.[0]).toMatchObject({
      State: { Name: "stopped" },
      StateReason: { Code: "Client.InternalError" },
    });
  });

  it.each<{ what: string; ids: string[]; state: string }>([
    { what: "starting a running instance", ids: ["i-0000000a"], state: "running" },
    { what: "starting a pending instance", ids: ["i-0000000e"], state: "pending" },
    { what: "stopping a stopped instance", ids: ["i-0000000b"], state: "stopped" },
    { what: "stopping a stopping instance", ids: ["i-0000000d"], state: "stopping" },
  ])("treats $what as a no-op answering the same previous and current state", async ({ what, ids, state }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const command = what.startsWith("starting")
      ? new StartInstancesCommand({ InstanceIds: ids })
      : new StopInstancesCommand({ InstanceIds: ids });

    const answer = (await ec2Client(cloud).send(command as StopInstancesCommand)) as {
      StartingInstances?: { PreviousState?: { Name?: string }; CurrentState?: { Name?: string } }[];
      StoppingInstances?: { PreviousState?: { Name?: string }; CurrentState?: { Name?: string } }[];
    };
    const change = (answer.StartingInstances ?? answer.StoppingInstances)?.[0];

    expect(change?.PreviousState?.Name).toBe(state);
    expect(change?.CurrentState?.Name).toBe(state);
  });

  describe("one bad ID fails the whole call and changes nothing", () => {
    it.each<{ action: "start" | "stop"; ids: string[]; code: string }>([
      { action: "start", ids: ["i-0000000b", "i-00000099"], code: "InvalidInstanceID.NotFound" },
      { action: "stop", ids: ["i-0000000a", "i-00000099"], code: "InvalidInstanceID.NotFound" },
      { action: "stop", ids: ["i-0000000a", "i-00000020"], code: "InvalidInstanceID.NotFound" },
      { action: "start", ids: ["i-0000000b", "i-XYZ"], code: "InvalidInstanceID.Malformed" },
      { action: "stop", ids: ["i-0000000a", "ins-run00001"], code: "InvalidInstanceID.Malformed" },
      { action: "start", ids: ["i-0000000b", "i-0000000d"], code: "IncorrectInstanceState" },
      { action: "start", ids: ["i-0000000b", "i-0000000f"], code: "IncorrectInstanceState" },
      { action: "stop", ids: ["i-0000000a", "i-0000000e"], code: "IncorrectInstanceState" },
      { action: "stop", ids: ["i-0000000a", "i-0000000f"], code: "IncorrectInstanceState" },
      { action: "stop", ids: [], code: "MissingParameter" },
    ])("$action $ids → $code", async ({ action, ids, code }) => {
      const cloud = await localCloud({ fleet: TEST_FLEET });
      const before = statesOf(cloud);
      const command =
        action === "start"
          ? new StartInstancesCommand({ InstanceIds: ids })
          : new StopInstancesCommand({ InstanceIds: ids });

      const failure = await failureOf(ec2Client(cloud).send(command as StopInstancesCommand));

      expect(failure.code).toBe(code);
      expect(failure.httpStatus).toBe(400);
      expect(statesOf(cloud)).toEqual(before);
    });
  });

  describe("Hibernate", () => {
    it("hibernates an instance launched with hibernation enabled", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 20, rateLimits: NO_RATE_LIMITS });
      const client = ec2Client(cloud);

      await client.send(new StopInstancesCommand({ InstanceIds: ["i-0000000c"], Hibernate: true }));
      await sleep(40);
      const answer = await client.send(new DescribeInstancesCommand({ InstanceIds: ["i-0000000c"] }));

      expect(answer.Reservations?.[0]?.Instances?.[0]).toMatchObject({
        State: { Name: "stopped" },
        StateReason: { Code: "Client.UserInitiatedHibernate" },
      });
    });

    it("refuses the whole call with UnsupportedHibernationConfiguration when one instance cannot hibernate", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });
      const before = statesOf(cloud);

      const failure = await failureOf(
        ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000c", "i-0000000a"], Hibernate: true })),
      );

      expect(failure.code).toBe("UnsupportedHibernationConfiguration");
      expect(failure.message).toContain("i-0000000a");
      expect(statesOf(cloud)).toEqual(before);
    });
  });

  describe("Force", () => {
    it("completes a stop that is stuck in stopping", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 20 });

      await ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000d"], Force: true }));
      await sleep(40);

      expect(cloud.instance("aws", "us-east-1", "i-0000000d")?.state).toBe("stopped");
    });

    it("leaves a stuck stop stuck without Force", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 20 });

      await ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000d"] }));
      await sleep(40);

      expect(cloud.instance("aws", "us-east-1", "i-0000000d")?.state).toBe("stopping");
    });

    it("stops a running instance like a plain stop", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      const answer = await ec2Client(cloud).send(
        new StopInstancesCommand({ InstanceIds: ["i-0000000a"], Force: true }),
      );

      expect(answer.StoppingInstances?.[0]?.CurrentState?.Name).toBe("stopping");
    });
  });

  describe("DryRun", () => {
    it.each<{ what: string; command: StartInstancesCommand | StopInstancesCommand | DescribeInstancesCommand }>([
      { what: "StartInstances", command: new StartInstancesCommand({ InstanceIds: ["i-0000000b"], DryRun: true }) },
      { what: "StopInstances", command: new StopInstancesCommand({ InstanceIds: ["i-0000000a"], DryRun: true }) },
      {
        what: "StopInstances with Hibernate",
        command: new StopInstancesCommand({ InstanceIds: ["i-0000000c"], DryRun: true, Hibernate: true }),
      },
      { what: "DescribeInstances", command: new DescribeInstancesCommand({ DryRun: true }) },
    ])("answers DryRunOperation (HTTP 412) for a permitted $what and changes nothing", async ({ command }) => {
      const cloud = await localCloud({ fleet: TEST_FLEET });
      const before = statesOf(cloud);

      const failure = await failureOf(ec2Client(cloud).send(command as StopInstancesCommand));

      expect(failure).toMatchObject({ code: "DryRunOperation", httpStatus: 412 });
      expect(statesOf(cloud)).toEqual(before);
      expect(cloud.calls()[0]).toMatchObject({ dryRun: true, result: "DryRunOperation" });
    });

    it.each<{ what: string; input: StartInstancesCommandInput | StopInstancesCommandInput; start: boolean }>([
      { what: "StartInstances", input: { InstanceIds: ["i-0000000b"], DryRun: true }, start: true },
      { what: "StopInstances", input: { InstanceIds: ["i-0000000a"], DryRun: true }, start: false },
    ])("answers UnauthorizedOperation (HTTP 403) when the key may not call $what", async ({ input, start }) => {
      const cloud = await localCloud({ fleet: TEST_FLEET, credentials: { aws: [READ_ONLY_KEY] } });
      const client = ec2Client(cloud, { credentials: READ_ONLY_KEY });
      const command = start ? new StartInstancesCommand(input) : new StopInstancesCommand(input);

      const failure = await failureOf(client.send(command as StopInstancesCommand));

      expect(failure).toMatchObject({ code: "UnauthorizedOperation", httpStatus: 403 });
    });

    it("answers UnauthorizedOperation to the real call of an action the key may not call, changing nothing", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, credentials: { aws: [READ_ONLY_KEY] } });
      const client = ec2Client(cloud, { credentials: READ_ONLY_KEY });
      const before = statesOf(cloud);

      const failure = await failureOf(client.send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] })));
      const described = await client.send(new DescribeInstancesCommand({ InstanceIds: ["i-0000000a"] }));

      expect(failure).toMatchObject({ code: "UnauthorizedOperation", httpStatus: 403 });
      expect(statesOf(cloud)).toEqual(before);
      expect(described.Reservations).toHaveLength(1);
    });

    it("still reports a bad ID rather than DryRunOperation", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      const failure = await failureOf(
        ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-00000099"], DryRun: true })),
      );

      expect(failure.code).toBe("InvalidInstanceID.NotFound");
    });
  });
});
