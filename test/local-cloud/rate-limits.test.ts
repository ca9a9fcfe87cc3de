import { DescribeInstancesCommand, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "../../src/local-cloud/index.ts";
import { cvmClient, ec2Client, failureOf, rawTencent, tencentResponse, useLocalCloud } from "./support/clients.ts";
import { TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fires the calls at once and answers "ok" or the error code of each, in order. */
async function outcomes(calls: Array<() => Promise<unknown>>): Promise<string[]> {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  return settled.map((result) =>
    result.status === "fulfilled"
      ? "ok"
      : ((result.reason as { code?: string; name?: string }).code ?? (result.reason as { name: string }).name),
  );
}

describe("Rate limits: a token bucket per provider, region and action", () => {
  it("defaults to 10 requests/s for StartInstances and StopInstances, 40 for the describe calls", () => {
    expect(DEFAULT_RATE_LIMITS.StartInstances.perSecond).toBe(10);
    expect(DEFAULT_RATE_LIMITS.StopInstances.perSecond).toBe(10);
    expect(DEFAULT_RATE_LIMITS.DescribeInstances.perSecond).toBe(40);
    expect(DEFAULT_RATE_LIMITS.DescribeInstancesStatus.perSecond).toBe(40);
  });

  it("never refuses a client that paces evenly at the default 10/s", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const client = cvmClient(cloud);
    const results: string[] = [];

    for (let i = 0; i < 6; i++) {
      const started = Date.now();
      const failure = await failureOf(client.StartInstances({ InstanceIds: ["ins-run00001"] }));
      results.push(failure.code ?? "ok");
      await sleep(Math.max(0, 100 - (Date.now() - started)));
    }

    expect(results).toEqual(Array(6).fill("UnsupportedOperation.InstanceStateRunning"));
  });

  it("refuses a burst beyond the default bucket with RequestLimitExceeded, in each provider's envelope", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const cvm = cvmClient(cloud);
    const ec2 = ec2Client(cloud);
    // Far beyond the bucket of 2: even on a loaded machine, where the calls of a burst arrive over a few hundred
    // milliseconds and the bucket refills at 10/s meanwhile, several are refused.
    const burst = DEFAULT_RATE_LIMITS.StopInstances.burst + 10;

    const tencent = await Promise.all(
      Array.from({ length: burst }, () => failureOf(cvm.StopInstances({ InstanceIds: ["ins-stp00001"] }))),
    );
    const aws = await Promise.all(
      Array.from({ length: burst }, () =>
        failureOf(ec2.send(new StopInstancesCommand({ InstanceIds: ["i-0000000b"] }))).catch(() => undefined),
      ),
    );
    const tencentThrottled = tencent.filter((failure) => failure.code === "RequestLimitExceeded");
    const awsThrottled = aws.filter((failure) => failure?.code === "RequestLimitExceeded");

    expect(tencentThrottled.length).toBeGreaterThanOrEqual(4);
    expect(tencentThrottled.length).toBeLessThanOrEqual(burst - DEFAULT_RATE_LIMITS.StopInstances.burst);
    expect(tencent.length - tencentThrottled.length).toBe(
      tencent.filter((failure) => failure.code === "UnsupportedOperation.InstanceStateStopped").length,
    );
    expect(awsThrottled.length).toBeGreaterThanOrEqual(4);
    expect(awsThrottled.every((failure) => failure?.httpStatus === 503)).toBe(true);
    expect(cloud.calls().filter((call) => call.result === "RequestLimitExceeded")).toHaveLength(
      tencentThrottled.length + awsThrottled.length,
    );
  });

  it("keeps separate buckets per region, per action and per provider", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: { StopInstances: { perSecond: 1, burst: 1 }, DescribeInstances: { perSecond: 1, burst: 1 } },
    });
    const guangzhou = cvmClient(cloud);
    const shanghai = cvmClient(cloud, { region: "ap-shanghai" });
    const ec2 = ec2Client(cloud);

    await guangzhou.StopInstances({ InstanceIds: ["ins-run00001"] });
    const again = await failureOf(guangzhou.StopInstances({ InstanceIds: ["ins-run00002"] }));
    await shanghai.StopInstances({ InstanceIds: ["ins-sh000001"] });
    await guangzhou.DescribeInstances({ Limit: 1 });
    await guangzhou.DescribeInstancesStatus({ Limit: 1 });
    await guangzhou.StartInstances({ InstanceIds: ["ins-stp00001"] });
    await ec2.send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"] }));
    await ec2.send(new DescribeInstancesCommand({ InstanceIds: ["i-0000000a"] }));

    expect(again.code).toBe("RequestLimitExceeded");
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00002")?.state).toBe("RUNNING");
    expect(cloud.calls().map((call) => call.result)).toEqual([
      "ok",
      "RequestLimitExceeded",
      "ok",
      "ok",
      "ok",
      "ok",
      "ok",
      "ok",
    ]);
  });

  it("refills the bucket at perSecond", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: { DescribeInstances: { perSecond: 10, burst: 1 } },
    });
    const client = cvmClient(cloud);

    await client.DescribeInstances({ Limit: 1 });
    const refused = await failureOf(client.DescribeInstances({ Limit: 1 }));
    await sleep(120);
    const refilled = await client.DescribeInstances({ Limit: 1 });

    expect(refused.code).toBe("RequestLimitExceeded");
    expect(refilled.InstanceSet).toHaveLength(1);
  });

  it("answers Tencent's throttling as an error envelope with HTTP 200", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: { DescribeInstances: { perSecond: 1, burst: 1 } },
    });

    await rawTencent(cloud, { action: "DescribeInstances" });
    const answer = await rawTencent(cloud, { action: "DescribeInstances" });

    expect(answer.status).toBe(200);
    expect((await tencentResponse(answer)).Error).toMatchObject({ Code: "RequestLimitExceeded" });
  });

  it("can be switched off with perSecond Infinity", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: { DescribeInstances: { perSecond: Number.POSITIVE_INFINITY } },
    });
    const client = cvmClient(cloud);

    const results = await outcomes(Array.from({ length: 20 }, () => () => client.DescribeInstances({ Limit: 1 })));

    expect(results).toEqual(Array(20).fill("ok"));
  });
});
