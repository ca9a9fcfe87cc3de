import { DescribeInstancesCommand, StartInstancesCommand, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { type FaultSpec, type LocalCloud, parseFaultSpec } from "../../src/local-cloud/index.ts";
import { resolveOptions } from "../../src/local-cloud/options.ts";
import { cvmClient, ec2Client, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stateOf(cloud: LocalCloud, provider: "tencent" | "aws", region: string, id: string): string | undefined {
  return cloud.instance(provider, region, id)?.state;
}

function results(cloud: LocalCloud): Array<[string, string, string | undefined]> {
  return cloud.calls().map((call) => [call.action, call.result, call.fault]);
}

describe("Function: parseFaultSpec, faults aimed at exact calls", () => {
  it.each<{ text: string; spec: FaultSpec }>([
    { text: "StartInstances:lost@1", spec: { StartInstances: { at: { "1": "lost" } } } },
    {
      text: "StartInstances:lost@1,throttle@2-3;*:hang=0.1",
      spec: { StartInstances: { at: { "1": "lost", "2-3": "throttle" } }, "*": { hang: 0.1 } },
    },
    {
      text: "StopInstances:throttleGlobal=0.3,throttleIp=0.1,opFailed=0.05,serverError@4",
      spec: { StopInstances: { throttleGlobal: 0.3, throttleIp: 0.1, opFailed: 0.05, at: { "4": "serverError" } } },
    },
    { text: "opFailed@2", spec: { "*": { at: { "2": "opFailed" } } } },
  ])("reads $text", ({ text, spec }) => {
    expect(parseFaultSpec(text)).toEqual(spec);
  });

  it.each([
    { text: "StartInstances:lost@0", names: '"0" is not a call number' },
    { text: "StartInstances:lost@3-2", names: '"3-2" is not a call number' },
    { text: "StartInstances:lost@first", names: "must look like kind=rate" },
    { text: "StartInstances:boom@1", names: 'unknown fault "boom"' },
    { text: "StartInstances:lost@1,throttle@1-2", names: 'calls "1-2" and "1" overlap' },
    { text: "start:lost@1", names: '"start" is not an API action name' },
  ])("refuses $text, naming the bad part", ({ text, names }) => {
    expect(() => parseFaultSpec(text)).toThrow(InvalidInputError);
    expect(() => parseFaultSpec(text)).toThrow(names);
  });

  it.each([
    { faults: { StartInstances: { at: { "0": "lost" } } }, names: '"0"' },
    { faults: { StartInstances: { at: { "1": "vanish" } } }, names: "faults.StartInstances.at.1" },
    { faults: { StartInstances: { at: { "1-3": "lost", "3": "hang" } } }, names: "overlap" },
  ])("refuses the object form $faults, naming it", ({ faults, names }) => {
    expect(() => resolveOptions({ fleet: TEST_FLEET, faults: faults as never })).toThrow(names);
  });
});

describe("Injected faults aimed at exact calls", () => {
  it("applies the first Tencent StartInstances, then loses its answer at once; the second is answered", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      faults: parseFaultSpec("StartInstances:lost@1"),
      transitionMs: 5000,
      tencentStateLagMs: 0,
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud, { timeoutMs: 5000 });
    const started = Date.now();

    const lost = await failureOf(client.StartInstances({ InstanceIds: ["ins-stp00001"] }));
    const elapsed = Date.now() - started;
    const second = await failureOf(client.StartInstances({ InstanceIds: ["ins-stp00001"] }));
    await client.StartInstances({ InstanceIds: ["ins-stp00002"] });

    expect(lost.code).toBeUndefined();
    expect(lost.httpStatus).toBeUndefined();
    expect(elapsed).toBeLessThan(4000); // at once, not at the 5 s client timeout
    expect(stateOf(cloud, "tencent", "ap-guangzhou", "ins-stp00001")).toBe("STARTING");
    expect(second.code).toBe("UnsupportedOperation.InstanceStateStarting");
    expect(stateOf(cloud, "tencent", "ap-guangzhou", "ins-stp00002")).toBe("STARTING");
    expect(results(cloud)).toEqual([
      ["StartInstances", "lost", "lost"],
      ["StartInstances", "UnsupportedOperation.InstanceStateStarting", undefined],
      ["StartInstances", "ok", undefined],
    ]);
  });

  it("loses the answer of an EC2 StopInstances that it applied", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, faults: { StopInstances: { at: { 1: "lost" } } } });

    const lost = await failureOf(ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] })));

    expect(lost.httpStatus).toBeUndefined();
    expect(lost.message).toMatch(/socket hang up|ECONNRESET/i);
    expect(stateOf(cloud, "aws", "us-east-1", "i-0000000a")).toBe("stopping");
    expect(results(cloud)).toEqual([["StopInstances", "lost", "lost"]]);
  });

  it("throttles exactly the second and third calls of the action, applying neither, and no other action's", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      faults: parseFaultSpec("StopInstances:throttle@2-3"),
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud);

    await client.DescribeInstances({ Limit: 1 });
    await client.StopInstances({ InstanceIds: ["ins-run00001"] });
    const second = await failureOf(client.StopInstances({ InstanceIds: ["ins-run00002"] }));
    const third = await failureOf(client.StopInstances({ InstanceIds: ["ins-run00002"] }));
    await client.StopInstances({ InstanceIds: ["ins-run00002"] });

    expect([second.code, third.code]).toEqual(["RequestLimitExceeded", "RequestLimitExceeded"]);
    expect(results(cloud).map(([action, result]) => `${action}:${result}`)).toEqual([
      "DescribeInstances:ok",
      "StopInstances:ok",
      "StopInstances:RequestLimitExceeded",
      "StopInstances:RequestLimitExceeded",
      "StopInstances:ok",
    ]);
  });

  it("counts an action's calls per provider over all regions", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, faults: parseFaultSpec("StopInstances:lost@2") });

    await cvmClient(cloud, { region: "ap-guangzhou" }).StopInstances({ InstanceIds: ["ins-run00001"] });
    await failureOf(cvmClient(cloud, { region: "ap-shanghai" }).StopInstances({ InstanceIds: ["ins-sh000001"] }));
    await ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] }));

    expect(cloud.calls().map((call) => `${call.provider}/${call.region}:${call.result}`)).toEqual([
      "tencent/ap-guangzhou:ok",
      "tencent/ap-shanghai:lost",
      "aws/us-east-1:ok",
    ]);
  });

  it("lets an aimed fault win over the rates", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      faults: { "*": { throttle: 1 }, DescribeInstances: { at: { 2: "serverError" } } },
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud);

    for (let i = 0; i < 3; i++) await failureOf(client.DescribeInstances({ Limit: 1 }));

    expect(cloud.calls().map((call) => call.result)).toEqual([
      "RequestLimitExceeded",
      "InternalServerError",
      "RequestLimitExceeded",
    ]);
  });
});

describe("Throttle variants", () => {
  it.each([
    { kind: "throttleGlobal", code: "RequestLimitExceeded.GlobalRegionUinLimitExceeded" },
    { kind: "throttleIp", code: "RequestLimitExceeded.IPLimitExceeded" },
    { kind: "throttle", code: "RequestLimitExceeded" },
  ])("Tencent answers $kind as $code and applies nothing", async ({ kind, code }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET, faults: parseFaultSpec(`StopInstances:${kind}@1`) });

    const failure = await failureOf(cvmClient(cloud).StopInstances({ InstanceIds: ["ins-run00001"] }));

    expect(failure.code).toBe(code);
    expect(stateOf(cloud, "tencent", "ap-guangzhou", "ins-run00001")).toBe("RUNNING");
    expect(results(cloud)).toEqual([["StopInstances", code, kind]]);
  });

  it.each(["throttleGlobal", "throttleIp"])(
    "EC2 answers %s as its one RequestLimitExceeded, HTTP 503",
    async (kind) => {
      const cloud = await localCloud({ fleet: TEST_FLEET, faults: parseFaultSpec(`StopInstances:${kind}=1`) });

      const failure = await failureOf(ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] })));

      expect(failure).toMatchObject({ code: "RequestLimitExceeded", httpStatus: 503 });
      expect(stateOf(cloud, "aws", "us-east-1", "i-0000000a")).toBe("running");
    },
  );
});

describe("Accepted operations that fail afterwards (opFailed)", () => {
  it.each([
    { action: "StartInstances" as const, id: "ins-stp00001", via: "STARTING", back: "STOPPED", mode: "KEEP_CHARGING" },
    { action: "StopInstances" as const, id: "ins-run00001", via: "STOPPING", back: "RUNNING", mode: "NOT_APPLICABLE" },
  ])("Tencent $action answers success, shows $via, then falls back to $back with FAILED", async (row) => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      faults: parseFaultSpec(`${row.action}:opFailed@1`),
      transitionMs: 600,
      tencentStateLagMs: 0,
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud);

    const { RequestId } = await client[row.action]({ InstanceIds: [row.id] });
    const during = await client.DescribeInstances({ InstanceIds: [row.id] });
    await sleep(700);
    const after = await client.DescribeInstances({ InstanceIds: [row.id] });

    expect(during.InstanceSet?.[0]).toMatchObject({ InstanceState: row.via, LatestOperationState: "OPERATING" });
    expect(after.InstanceSet?.[0]).toMatchObject({
      InstanceState: row.back,
      LatestOperation: row.action,
      LatestOperationState: "FAILED",
      LatestOperationRequestId: RequestId,
      StopChargingMode: row.mode,
    });
    expect(after.InstanceSet?.[0]?.LatestOperationErrorMsg).toMatch(/failed/);
    expect(cloud.calls()[0]).toMatchObject({ result: "ok", fault: "opFailed" });
  });

  it("fails an accepted Tencent operation for a fleet instance with failsOperation, and not its neighbours", async () => {
    const cloud = await localCloud({
      fleet: {
        instances: [
          {
            provider: "tencent",
            region: "ap-guangzhou",
            instanceId: "ins-bad00001",
            state: "STOPPED",
            failsOperation: true,
          },
          { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-good0001", state: "STOPPED" },
        ],
      },
      transitionMs: 30,
      rateLimits: NO_RATE_LIMITS,
    });

    await cvmClient(cloud).StartInstances({ InstanceIds: ["ins-bad00001", "ins-good0001"] });
    await sleep(60);

    expect(cloud.instance("tencent", "ap-guangzhou", "ins-bad00001")).toMatchObject({
      state: "STOPPED",
      latestOperationState: "FAILED",
    });
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-bad00001")?.latestOperationErrorMsg).toBeTruthy();
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-good0001")).toMatchObject({
      state: "RUNNING",
      latestOperationState: "SUCCESS",
    });
  });

  it("makes an EC2 start fall back from pending to stopped with Client.InternalError", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      faults: parseFaultSpec("StartInstances:opFailed@1"),
      transitionMs: 20,
      rateLimits: NO_RATE_LIMITS,
    });
    const client = ec2Client(cloud);

    const started = await client.send(new StartInstancesCommand({ InstanceIds: ["i-0000000b"] }));
    await sleep(40);
    const answer = await client.send(new DescribeInstancesCommand({ InstanceIds: ["i-0000000b"] }));

    expect(started.StartingInstances?.[0]?.CurrentState?.Name).toBe("pending");
    expect(answer.Reservations?.[0]?.Instances?.[0]).toMatchObject({
      State: { Name: "stopped" },
      StateReason: { Code: "Client.InternalError" },
    });
  });
});
