import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import type { LocalCloud } from "../../src/local-cloud/index.ts";
import { resolveOptions } from "../../src/local-cloud/options.ts";
import { cvmClient, ec2Client, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function describeIn(cloud: LocalCloud, region: string): Promise<string> {
  const failure = await failureOf(cvmClient(cloud, { region }).DescribeInstances({ Limit: 1 })).catch(() => undefined);
  return failure?.code ?? "ok";
}

describe("Tencent account-wide limit (tencentAccountRateLimits): one bucket per action for all regions", () => {
  it("is off by default", () => {
    expect(resolveOptions({ fleet: TEST_FLEET }).tencentAccountRateLimits).toEqual({});
  });

  it("refuses calls over the account's rate whatever their region with GlobalRegionUinLimitExceeded", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: NO_RATE_LIMITS,
      // Slow enough that no token comes back while the four calls arrive, however loaded the machine.
      tencentAccountRateLimits: { DescribeInstances: { perSecond: 0.1, burst: 2 } },
    });

    const codes = await Promise.all(
      ["ap-guangzhou", "ap-shanghai", "ap-guangzhou", "ap-shanghai"].map((region) => describeIn(cloud, region)),
    );

    expect(codes.filter((code) => code === "ok")).toHaveLength(2);
    expect(codes.filter((code) => code === "RequestLimitExceeded.GlobalRegionUinLimitExceeded")).toHaveLength(2);
  });

  it("applies nothing of a call it refuses", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: NO_RATE_LIMITS,
      tencentAccountRateLimits: { StopInstances: { perSecond: 0.1, burst: 1 } },
    });

    await cvmClient(cloud, { region: "ap-guangzhou" }).StopInstances({ InstanceIds: ["ins-run00001"] });
    const refused = await failureOf(
      cvmClient(cloud, { region: "ap-shanghai" }).StopInstances({ InstanceIds: ["ins-sh000001"] }),
    );

    expect(refused.code).toBe("RequestLimitExceeded.GlobalRegionUinLimitExceeded");
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-run00001")?.state).toBe("STOPPING");
    expect(cloud.instance("tencent", "ap-shanghai", "ins-sh000001")?.state).toBe("RUNNING");
  });

  it("never refuses a multi-region client that paces its calls evenly under the account's rate", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      tencentAccountRateLimits: { DescribeInstances: { perSecond: 10 } },
    });
    const results: string[] = [];

    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      results.push(await describeIn(cloud, i % 2 === 0 ? "ap-guangzhou" : "ap-shanghai"));
      await sleep(Math.max(0, 110 - (Date.now() - started)));
    }

    expect(results).toEqual(Array(8).fill("ok"));
  });

  it("takes no account token for a call its region's own bucket refused", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: { DescribeInstances: { perSecond: 0.1, burst: 1 } },
      tencentAccountRateLimits: { DescribeInstances: { perSecond: 0.1, burst: 2 } },
    });

    const results = [
      await describeIn(cloud, "ap-guangzhou"),
      await describeIn(cloud, "ap-guangzhou"),
      await describeIn(cloud, "ap-shanghai"),
      await describeIn(cloud, "ap-beijing"),
    ];

    expect(results).toEqual(["ok", "RequestLimitExceeded", "ok", "RequestLimitExceeded.GlobalRegionUinLimitExceeded"]);
  });

  it("does not apply to EC2", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: NO_RATE_LIMITS,
      tencentAccountRateLimits: { DescribeInstances: { perSecond: 0.1, burst: 1 } },
    });
    const client = ec2Client(cloud);

    await Promise.all([1, 2, 3].map(() => client.send(new DescribeInstancesCommand({}))));

    expect(cloud.calls().map((call) => call.result)).toEqual(["ok", "ok", "ok"]);
  });

  it("refuses a limit on something that is not an action name, naming it", () => {
    const options = { fleet: TEST_FLEET, tencentAccountRateLimits: { "stop-instances": { perSecond: 5 } } };

    expect(() => resolveOptions(options)).toThrow(InvalidInputError);
    expect(() => resolveOptions(options)).toThrow("tencentAccountRateLimits.stop-instances");
  });
});
