import { DescribeInstancesCommand, EC2Client, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_CREDENTIALS, type FaultSpec, type LocalCloud } from "../../src/local-cloud/index.ts";
import { cvmClient, ec2Client, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

/** Makes `count` describe calls one after the other and answers the call log's results. */
async function describeResults(cloud: LocalCloud, count: number, action = "DescribeInstances"): Promise<string[]> {
  const client = cvmClient(cloud);
  for (let i = 0; i < count; i++) {
    await (action === "DescribeInstances"
      ? client.DescribeInstances({ Limit: 1 })
      : client.DescribeInstancesStatus({ Limit: 1 })
    ).catch(() => undefined);
  }
  return cloud
    .calls()
    .filter((call) => call.action === action)
    .map((call) => call.result);
}

const MIXED: FaultSpec = { "*": { throttle: 0.3, serverError: 0.3 } };

describe("Injected faults", () => {
  describe("reproducible from the seed", () => {
    it("gives the same sequence of faults for the same seed", async () => {
      const first = await localCloud({ fleet: TEST_FLEET, faults: MIXED, seed: 7, rateLimits: NO_RATE_LIMITS });
      const second = await localCloud({ fleet: TEST_FLEET, faults: MIXED, seed: 7, rateLimits: NO_RATE_LIMITS });

      const a = await describeResults(first, 30);
      const b = await describeResults(second, 30);

      expect(a).toEqual(b);
      expect(new Set(a)).toEqual(new Set(["ok", "RequestLimitExceeded", "InternalServerError", "http-5xx"]));
    });

    it("gives another sequence for another seed", async () => {
      const first = await localCloud({ fleet: TEST_FLEET, faults: MIXED, seed: 7, rateLimits: NO_RATE_LIMITS });
      const second = await localCloud({ fleet: TEST_FLEET, faults: MIXED, seed: 8, rateLimits: NO_RATE_LIMITS });

      expect(await describeResults(first, 30)).not.toEqual(await describeResults(second, 30));
    });

    it("draws each action's sequence independently of calls to other actions", async () => {
      const alone = await localCloud({ fleet: TEST_FLEET, faults: MIXED, seed: 3, rateLimits: NO_RATE_LIMITS });
      const interleaved = await localCloud({ fleet: TEST_FLEET, faults: MIXED, seed: 3, rateLimits: NO_RATE_LIMITS });

      const expected = await describeResults(alone, 15);
      await describeResults(interleaved, 7, "DescribeInstancesStatus");
      const actual = await describeResults(interleaved, 15);

      expect(actual.map((result) => result === "ok")).toEqual(expected.map((result) => result === "ok"));
      expect(actual.map((result) => result === "RequestLimitExceeded")).toEqual(
        expected.map((result) => result === "RequestLimitExceeded"),
      );
    });

    it("injects at roughly the configured rate", async () => {
      const cloud = await localCloud({
        fleet: TEST_FLEET,
        faults: { "*": { throttle: 0.5 } },
        seed: 11,
        rateLimits: NO_RATE_LIMITS,
      });

      const results = await describeResults(cloud, 100);
      const throttled = results.filter((result) => result === "RequestLimitExceeded").length;

      expect(throttled).toBeGreaterThan(30);
      expect(throttled).toBeLessThan(70);
    });
  });

  it("throttles only the action named in the spec, without applying it", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, faults: { StopInstances: { throttle: 1 } } });
    const client = cvmClient(cloud);

    const failure = await failureOf(client.StopInstances({ InstanceIds: ["ins-run00001"] }));
    await client.StartInstances({ InstanceIds: ["ins-stp00001"] });

    expect(failure.code).toBe("RequestLimitExceeded");
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00001")?.state).toBe("RUNNING");
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-stp00001")?.state).toBe("STARTING");
  });

  it("answers server errors alternately as the provider's internal error and a bare HTTP 502, applying nothing", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, faults: { "*": { serverError: 1 } } });
    const cvm = cvmClient(cloud);
    const ec2 = ec2Client(cloud);

    const tencentCoded = await failureOf(cvm.StopInstances({ InstanceIds: ["ins-run00001"] }));
    const tencentBare = await failureOf(cvm.StopInstances({ InstanceIds: ["ins-run00001"] }));
    const awsCoded = await failureOf(ec2.send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] })));
    const awsBare = await failureOf(ec2.send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] })));

    expect(tencentCoded).toMatchObject({ code: "InternalServerError" });
    expect(tencentBare).toMatchObject({ code: undefined, httpStatus: 502 });
    expect(awsCoded).toMatchObject({ code: "InternalError", httpStatus: 500 });
    expect(awsBare.httpStatus).toBe(502);
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00001")?.state).toBe("RUNNING");
    expect(cloud.instance("aws", "us-east-1", "i-0000000a")?.state).toBe("running");
    expect(cloud.calls().map((call) => call.result)).toEqual([
      "InternalServerError",
      "http-5xx",
      "InternalError",
      "http-5xx",
    ]);
  });

  describe("hung requests", () => {
    it("applies the call, then holds the answer past the client's timeout", async () => {
      const cloud = await localCloud({
        fleet: TEST_FLEET,
        faults: { "*": { hang: 1 } },
        hangMs: 5000,
        transitionMs: 5000,
      });
      const started = Date.now();

      const tencent = await failureOf(
        cvmClient(cloud, { timeoutMs: 150 }).StopInstances({ InstanceIds: ["ins-run00001"] }),
      );
      const aws = await failureOf(
        ec2Client(cloud, { timeoutMs: 150 }).send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] })),
      );

      expect(tencent.code).toBeUndefined();
      expect(tencent.message).toMatch(/time.?out|abort/i);
      expect(aws.code).toBe("TimeoutError");
      expect(Date.now() - started).toBeLessThan(2000);
      expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00001")?.state).toBe("STOPPING");
      expect(cloud.instance("aws", "us-east-1", "i-0000000a")?.state).toBe("stopping");
      expect(cloud.calls().map((call) => call.result)).toEqual(["hung", "hung"]);
    });

    it("is not ended by an EC2 client that sets only requestTimeout: smithy 4.x then only warns", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, faults: { "*": { hang: 1 } }, hangMs: 400 });
      const client = new EC2Client({
        region: "us-east-1",
        endpoint: cloud.url,
        maxAttempts: 1,
        credentials: { ...DEFAULT_LOCAL_CREDENTIALS.aws[0]! },
        requestHandler: { requestTimeout: 100, connectionTimeout: 100, logger: { warn: () => undefined } },
      });
      const started = Date.now();

      const failure = await failureOf(client.send(new DescribeInstancesCommand({})));

      expect(Date.now() - started).toBeGreaterThanOrEqual(380);
      expect(failure.message).toMatch(/socket hang up/);
    });

    it("destroys the socket after hangMs", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, faults: { DescribeInstances: { hang: 1 } }, hangMs: 80 });
      const started = Date.now();

      const failure = await failureOf(ec2Client(cloud, { timeoutMs: 5000 }).send(new DescribeInstancesCommand({})));

      expect(Date.now() - started).toBeGreaterThanOrEqual(70);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(failure.httpStatus).toBeUndefined();
    });

    it("ends held requests when the cloud closes", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, faults: { "*": { hang: 1 } }, hangMs: 60_000 });
      const pending = failureOf(cvmClient(cloud, { timeoutMs: 30_000 }).DescribeInstances({}));
      while (cloud.calls().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const started = Date.now();

      await cloud.close();
      const failure = await pending;

      expect(Date.now() - started).toBeLessThan(1000);
      expect(failure.code).toBeUndefined();
    });
  });
});

describe("Latency", () => {
  it("delays every answer, errors included, by latencyMs, without serialising calls", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, latencyMs: 120, rateLimits: NO_RATE_LIMITS });
    const client = cvmClient(cloud);
    const started = Date.now();

    await Promise.all([
      client.DescribeInstances({ Limit: 1 }),
      client.DescribeInstances({ Limit: 1 }),
      failureOf(client.StartInstances({ InstanceIds: ["ins-run00001"] })),
      ec2Client(cloud).send(new DescribeInstancesCommand({})),
    ]);
    const elapsed = Date.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(115);
    expect(elapsed).toBeLessThan(230);
  });

  it("answers at once with latencyMs 0", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const client = cvmClient(cloud);
    await client.DescribeInstances({ Limit: 1 });
    const started = Date.now();

    await client.DescribeInstancesStatus({ Limit: 1 });

    expect(Date.now() - started).toBeLessThan(100);
  });
});
