import { describe, expect, it } from "vitest";
import { generateFleet } from "../../src/local-cloud/index.ts";
import { cvmClient, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

type Filter = { Name: string; Values: string[] };

describe("Tencent CVM: DescribeInstances", () => {
  it("answers the instances asked for by InstanceIds, with state, tags, zone and charge fields", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await cvmClient(cloud).DescribeInstances({ InstanceIds: ["ins-run00001", "ins-stp00001"] });

    expect(answer.TotalCount).toBe(2);
    expect(answer.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.InstanceSet).toHaveLength(2);
    expect(answer.InstanceSet?.[0]).toMatchObject({
      InstanceId: "ins-run00001",
      InstanceName: "web-1",
      InstanceState: "RUNNING",
      Placement: { Zone: "ap-guangzhou-3" },
      Tags: [
        { Key: "env", Value: "prod" },
        { Key: "team", Value: "web" },
      ],
      InstanceChargeType: "POSTPAID_BY_HOUR",
      StopChargingMode: "NOT_APPLICABLE",
      RestrictState: "NORMAL",
    });
    expect(answer.InstanceSet?.[1]).toMatchObject({
      InstanceId: "ins-stp00001",
      InstanceState: "STOPPED",
      StopChargingMode: "KEEP_CHARGING",
    });
  });

  it("only sees the instances of the region the call is made in", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const shanghai = await cvmClient(cloud, { region: "ap-shanghai" }).DescribeInstances({});

    expect(shanghai.InstanceSet?.map((instance) => instance.InstanceId)).toEqual(["ins-sh000001"]);
  });

  it.each<{ filters: Filter[]; ids: string[] }>([
    {
      filters: [{ Name: "instance-id", Values: ["ins-run00002", "ins-stp00002"] }],
      ids: ["ins-run00002", "ins-stp00002"],
    },
    {
      filters: [{ Name: "instance-state", Values: ["STOPPED"] }],
      ids: ["ins-stp00001", "ins-stp00002"],
    },
    { filters: [{ Name: "tag:env", Values: ["prod"] }], ids: ["ins-run00001", "ins-prepaid1"] },
    {
      filters: [{ Name: "tag:env", Values: ["prod", "dev"] }],
      ids: ["ins-run00001", "ins-run00002", "ins-stp00001", "ins-prepaid1"],
    },
    { filters: [{ Name: "tag-key", Values: ["team"] }], ids: ["ins-run00001", "ins-stp00001"] },
    { filters: [{ Name: "zone", Values: ["ap-guangzhou-3"] }], ids: ["ins-run00001", "ins-stp00001"] },
    {
      filters: [
        { Name: "tag:env", Values: ["dev"] },
        { Name: "instance-state", Values: ["RUNNING"] },
      ],
      ids: ["ins-run00002"],
    },
    { filters: [{ Name: "tag:env", Values: ["staging"] }], ids: [] },
  ])("filters by $filters.0.Name (and every filter must match)", async ({ filters, ids }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await cvmClient(cloud).DescribeInstances({ Filters: filters, Limit: 100 });

    expect(answer.InstanceSet?.map((instance) => instance.InstanceId)).toEqual(ids);
    expect(answer.TotalCount).toBe(ids.length);
  });

  it("refuses InstanceIds and Filters together", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const failure = await failureOf(
      cvmClient(cloud).DescribeInstances({
        InstanceIds: ["ins-run00001"],
        Filters: [{ Name: "tag:env", Values: ["prod"] }],
      }),
    );

    expect(failure.code).toBe("InvalidParameterCombination");
  });

  it("pages with Offset and Limit, default Limit 20, TotalCount counting every match", async () => {
    const fleet = generateFleet({ tencent: { regions: ["ap-guangzhou"], perRegion: 250 }, tags: { team: "x" } });
    const cloud = await localCloud({ fleet, rateLimits: NO_RATE_LIMITS });
    const client = cvmClient(cloud);
    const filters = [{ Name: "tag:team", Values: ["x"] }];
    const allIds = fleet.instances.map((instance) => instance.instanceId);

    const firstDefault = await client.DescribeInstances({ Filters: filters });
    const pages = await Promise.all(
      [0, 100, 200].map((Offset) => client.DescribeInstances({ Filters: filters, Offset, Limit: 100 })),
    );
    const beyond = await client.DescribeInstances({ Filters: filters, Offset: 300, Limit: 100 });

    expect(firstDefault.InstanceSet).toHaveLength(20);
    expect(firstDefault.TotalCount).toBe(250);
    expect(pages.map((page) => page.InstanceSet?.length)).toEqual([100, 100, 50]);
    expect(pages.every((page) => page.TotalCount === 250)).toBe(true);
    expect(pages.flatMap((page) => page.InstanceSet?.map((instance) => instance.InstanceId))).toEqual(allIds);
    expect(beyond).toMatchObject({ TotalCount: 250, InstanceSet: [] });
  });

  it.each([
    { what: "Limit 101", params: { Limit: 101 }, code: "InvalidParameterValue.LimitExceeded" },
    {
      what: "101 InstanceIds",
      params: { InstanceIds: Array.from({ length: 101 }, (_, i) => `ins-${String(i).padStart(8, "0")}`) },
      code: "InvalidParameterValue.LimitExceeded",
    },
    {
      what: "11 filters",
      params: { Filters: Array.from({ length: 11 }, () => ({ Name: "tag-key", Values: ["env"] })) },
      code: "InvalidParameterValue.LimitExceeded",
    },
    {
      what: "6 values in a filter",
      params: { Filters: [{ Name: "zone", Values: ["a", "b", "c", "d", "e", "f"] }] },
      code: "InvalidFilterValue.LimitExceeded",
    },
    { what: "a malformed ID", params: { InstanceIds: ["i-0000000a"] }, code: "InvalidInstanceId.Malformed" },
    { what: "an unknown filter", params: { Filters: [{ Name: "colour", Values: ["red"] }] }, code: "InvalidFilter" },
  ])("refuses $what with $code", async ({ params, code }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const failure = await failureOf(cvmClient(cloud).DescribeInstances(params));

    expect(failure.code).toBe(code);
  });

  it("accepts exactly 100 InstanceIds", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const ids = Array.from({ length: 99 }, (_, i) => `ins-${String(i).padStart(8, "0")}`);

    const answer = await cvmClient(cloud).DescribeInstances({ InstanceIds: [...ids, "ins-run00001"], Limit: 100 });

    expect(answer.InstanceSet?.map((instance) => instance.InstanceId)).toEqual(["ins-run00001"]);
  });

  describe("with unknown IDs (unconfirmed: switch tencentDescribeUnknownIds)", () => {
    it("leaves them out by default (omit)", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      const answer = await cvmClient(cloud).DescribeInstances({ InstanceIds: ["ins-run00001", "ins-gone0001"] });

      expect(answer.TotalCount).toBe(1);
      expect(answer.InstanceSet?.map((instance) => instance.InstanceId)).toEqual(["ins-run00001"]);
    });

    it("fails the whole call with InvalidInstanceId.NotFound when set to error", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, tencentDescribeUnknownIds: "error" });

      const failure = await failureOf(
        cvmClient(cloud).DescribeInstances({ InstanceIds: ["ins-run00001", "ins-gone0001"] }),
      );

      expect(failure.code).toBe("InvalidInstanceId.NotFound");
      expect(failure.message).toContain("ins-gone0001");
    });

    it("treats an instance of another region as unknown", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, tencentDescribeUnknownIds: "error" });

      const failure = await failureOf(cvmClient(cloud).DescribeInstances({ InstanceIds: ["ins-sh000001"] }));

      expect(failure.code).toBe("InvalidInstanceId.NotFound");
    });
  });
});

describe("Tencent CVM: DescribeInstancesStatus", () => {
  it("answers InstanceStatusSet with each instance's state and TotalCount", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await cvmClient(cloud).DescribeInstancesStatus({ InstanceIds: ["ins-run00001", "ins-stp00001"] });

    expect(answer.TotalCount).toBe(2);
    expect(answer.InstanceStatusSet).toEqual([
      { InstanceId: "ins-run00001", InstanceState: "RUNNING" },
      { InstanceId: "ins-stp00001", InstanceState: "STOPPED" },
    ]);
  });

  it("pages the whole region with Offset and Limit", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await cvmClient(cloud).DescribeInstancesStatus({ Offset: 2, Limit: 3 });

    expect(answer.TotalCount).toBe(9);
    expect(answer.InstanceStatusSet?.map((status) => status.InstanceId)).toEqual([
      "ins-stp00001",
      "ins-stp00002",
      "ins-prepaid1",
    ]);
  });

  it.each([
    { what: "Limit 101", params: { Limit: 101 } },
    {
      what: "101 InstanceIds",
      params: { InstanceIds: Array.from({ length: 101 }, (_, i) => `ins-x${String(i).padStart(7, "0")}`) },
    },
  ])("refuses $what with InvalidParameterValue.LimitExceeded", async ({ params }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const failure = await failureOf(cvmClient(cloud).DescribeInstancesStatus(params));

    expect(failure.code).toBe("InvalidParameterValue.LimitExceeded");
  });
});
