import { describe, expect, it } from "vitest";
import type { FleetInput } from "../../src/local-cloud/index.ts";
import { cvmClient, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const BY_TAG = [{ Name: "tag:env", Values: ["test"] }];

/** Seven tagged instances, one of them on its way to destruction, and one outside the tag. */
const FLEET: FleetInput = {
  instances: [
    ...[1, 2, 3, 4, 5, 6].map((n) => ({
      provider: "tencent" as const,
      region: "ap-guangzhou",
      instanceId: `ins-tag0000${n}`,
      state: "RUNNING" as const,
      tags: { env: "test" },
    })),
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-term0001",
      state: "TERMINATING" as const,
      tags: { env: "test" },
    },
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-prod0001",
      state: "RUNNING" as const,
      tags: { env: "prod" },
    },
  ],
};

describe("Tencent CVM: pages of a tag selection (served from a listing kept between pages)", () => {
  it("pages by Offset/Limit with the current state of each instance, and drops a destroyed one from every page", async () => {
    const cloud = await localCloud({
      fleet: FLEET,
      transitionMs: 300,
      tencentStateLagMs: 0,
      rateLimits: NO_RATE_LIMITS,
    });
    const client = cvmClient(cloud);

    const first = await client.DescribeInstances({ Filters: BY_TAG, Offset: 0, Limit: 4 });
    await client.StopInstances({ InstanceIds: ["ins-tag00002"] });
    const second = await client.DescribeInstances({ Filters: BY_TAG, Offset: 0, Limit: 4 });
    await sleep(400);
    const afterDestruction = await client.DescribeInstances({ Filters: BY_TAG, Offset: 4, Limit: 4 });

    expect(first.TotalCount).toBe(7);
    expect(first.InstanceSet?.map((item) => item.InstanceId)).toEqual([
      "ins-tag00001",
      "ins-tag00002",
      "ins-tag00003",
      "ins-tag00004",
    ]);
    expect(second.InstanceSet?.map((item) => item.InstanceState)).toEqual([
      "RUNNING",
      "STOPPING",
      "RUNNING",
      "RUNNING",
    ]);
    expect(afterDestruction.TotalCount).toBe(6);
    expect(afterDestruction.InstanceSet?.map((item) => item.InstanceId)).toEqual(["ins-tag00005", "ins-tag00006"]);
  });

  it("keeps a selection by state exact while instances move (it is never served from a kept listing)", async () => {
    const cloud = await localCloud({ fleet: FLEET, tencentStateLagMs: 0, rateLimits: NO_RATE_LIMITS });
    const client = cvmClient(cloud);
    const running = [...BY_TAG, { Name: "instance-state", Values: ["RUNNING"] }];

    const before = await client.DescribeInstances({ Filters: running, Limit: 100 });
    await client.StopInstances({ InstanceIds: ["ins-tag00001", "ins-tag00003"] });
    const after = await client.DescribeInstances({ Filters: running, Limit: 100 });

    expect(before.TotalCount).toBe(6);
    expect(after.TotalCount).toBe(4);
    expect(after.InstanceSet?.map((item) => item.InstanceId)).toEqual([
      "ins-tag00002",
      "ins-tag00004",
      "ins-tag00005",
      "ins-tag00006",
    ]);
  });
});
