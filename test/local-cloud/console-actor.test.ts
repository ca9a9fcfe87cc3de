import { StopInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { cvmClient, ec2Client, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Someone else acting at the same moment (act, POST /_instances/actions)", () => {
  it("stops Tencent instances one by one, answering each outcome, without logging a call", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 1000, tencentStateLagMs: 0 });

    const results = cloud.act("tencent", "ap-guangzhou", ["ins-run00001", "ins-stp00001", "ins-gone0001"], "stop");

    expect(results).toEqual([
      { instanceId: "ins-run00001", result: "ok" },
      expect.objectContaining({ instanceId: "ins-stp00001", result: "UnsupportedOperation.InstanceStateStopped" }),
      expect.objectContaining({ instanceId: "ins-gone0001", result: "InvalidInstanceId.NotFound" }),
    ]);
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00001")).toMatchObject({
      state: "STOPPING",
      latestOperation: "StopInstances",
      latestOperationState: "OPERATING",
    });
    expect(cloud.calls()).toEqual([]);
  });

  it("makes the engine's call that races it meet InProgress during the lag, then the in-between state", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      transitionMs: 10_000,
      tencentStateLagMs: 1500,
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud);

    cloud.act("tencent", "ap-guangzhou", ["ins-run00001"], "stop");
    const during = await failureOf(client.StopInstances({ InstanceIds: ["ins-run00001", "ins-run00002"] }));
    await sleep(1600);
    const after = await failureOf(client.StopInstances({ InstanceIds: ["ins-run00001", "ins-run00002"] }));

    expect(during.code).toBe("OperationDenied.InstanceOperationInProgress");
    expect(after.code).toBe("UnsupportedOperation.InstanceStateStopping");
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00002")?.state).toBe("RUNNING");
    expect(cloud.calls().map((call) => call.action)).toEqual(["StopInstances", "StopInstances"]);
  });

  it("starts and stops EC2 instances; a stop that follows is the API's no-op", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 10_000 });

    const results = cloud.act("aws", "us-east-1", ["i-0000000a", "i-0000000b"], "stop");
    const answer = await ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] }));

    expect(results.map((result) => result.result)).toEqual(["ok", "ok"]);
    expect(answer.StoppingInstances?.[0]).toMatchObject({
      PreviousState: { Name: "stopping" },
      CurrentState: { Name: "stopping" },
    });
    expect(cloud.calls().map((call) => call.action)).toEqual(["StopInstances"]);
  });

  it("acts over HTTP with POST /_instances/actions", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, transitionMs: 10_000 });

    const answer = await fetch(`${cloud.url}/_instances/actions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "aws", region: "us-east-1", instanceIds: ["i-0000000b"], action: "start" }),
    });

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ results: [{ instanceId: "i-0000000b", result: "ok" }] });
    expect(cloud.instance("aws", "us-east-1", "i-0000000b")?.state).toBe("pending");
    expect(await (await fetch(`${cloud.url}/_calls`)).json()).toEqual([]);
  });

  it.each([
    { body: '{"provider":"aws","region":"us-east-1","instanceIds":["i-0000000b"],"action":"reboot"}', names: "action" },
    { body: '{"provider":"gcp","region":"us-east-1","instanceIds":["i-0000000b"],"action":"stop"}', names: "provider" },
    { body: '{"provider":"aws","region":"us-east-1","instanceIds":[],"action":"stop"}', names: "instanceIds" },
    { body: "stop everything", names: "not JSON" },
  ])("refuses a bad body with HTTP 400 naming $names, acting on nothing", async ({ body, names }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const before = cloud.instances();

    const answer = await fetch(`${cloud.url}/_instances/actions`, { method: "POST", body });

    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toContain(names);
    expect(cloud.instances()).toEqual(before);
  });
});
