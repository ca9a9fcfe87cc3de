import {
  DescribeInstancesCommand,
  type DescribeInstancesCommandInput,
  paginateDescribeInstances,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { generateFleet } from "../../src/local-cloud/index.ts";
import { ec2Client, failureOf, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

function idsOf(answer: { Reservations?: { Instances?: { InstanceId?: string }[] }[] }): string[] {
  return (answer.Reservations ?? []).flatMap((reservation) =>
    (reservation.Instances ?? []).map((instance) => instance.InstanceId ?? ""),
  );
}

describe("EC2: DescribeInstances", () => {
  it("answers the instances asked for by InstanceId.N with state, tags, zone and hibernation", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await ec2Client(cloud).send(
      new DescribeInstancesCommand({ InstanceIds: ["i-0000000a", "i-0000000c"] }),
    );

    expect(idsOf(answer)).toEqual(["i-0000000a", "i-0000000c"]);
    expect(answer.Reservations?.[0]?.Instances?.[0]).toMatchObject({
      InstanceId: "i-0000000a",
      State: { Code: 16, Name: "running" },
      Tags: [
        { Key: "env", Value: "prod" },
        { Key: "team", Value: "web" },
      ],
      Placement: { AvailabilityZone: "us-east-1a" },
      HibernationOptions: { Configured: false },
    });
    expect(answer.Reservations?.[1]?.Instances?.[0]?.HibernationOptions).toEqual({ Configured: true });
    expect(answer.NextToken).toBeUndefined();
  });

  it("only sees the instances of the region the call is signed for", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await ec2Client(cloud, { region: "eu-west-1" }).send(new DescribeInstancesCommand({}));

    expect(idsOf(answer)).toEqual(["i-00000020"]);
  });

  it.each<{ input: DescribeInstancesCommandInput; ids: string[] }>([
    { input: { Filters: [{ Name: "tag:env", Values: ["prod"] }] }, ids: ["i-0000000a", "i-0000000c"] },
    {
      input: { Filters: [{ Name: "tag:env", Values: ["prod", "dev"] }] },
      ids: ["i-0000000a", "i-0000000b", "i-0000000c"],
    },
    { input: { Filters: [{ Name: "tag:env", Values: ["pr*"] }] }, ids: ["i-0000000a", "i-0000000c"] },
    { input: { Filters: [{ Name: "tag-key", Values: ["team"] }] }, ids: ["i-0000000a"] },
    {
      input: { Filters: [{ Name: "instance-state-name", Values: ["stopped", "stopping"] }] },
      ids: ["i-0000000b", "i-0000000d", "i-00000011"],
    },
    {
      input: {
        Filters: [
          { Name: "tag:env", Values: ["prod"] },
          { Name: "instance-state-name", Values: ["running"] },
        ],
      },
      ids: ["i-0000000a", "i-0000000c"],
    },
    {
      input: {
        InstanceIds: ["i-0000000a", "i-0000000b"],
        Filters: [{ Name: "instance-state-name", Values: ["running"] }],
      },
      ids: ["i-0000000a"],
    },
    { input: { Filters: [{ Name: "tag:env", Values: ["staging"] }] }, ids: [] },
  ])("filters with $input.Filters.0.Name (filters AND together, values OR)", async ({ input, ids }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await ec2Client(cloud).send(new DescribeInstancesCommand(input));

    expect(idsOf(answer)).toEqual(ids);
  });

  it("pages with MaxResults and NextToken, as paginateDescribeInstances does", async () => {
    const fleet = generateFleet({ aws: { regions: ["us-east-1"], perRegion: 23 }, tags: { team: "x" } });
    const cloud = await localCloud({ fleet, rateLimits: NO_RATE_LIMITS });
    const pages: string[][] = [];

    for await (const page of paginateDescribeInstances(
      { client: ec2Client(cloud), pageSize: 10 },
      { Filters: [{ Name: "tag:team", Values: ["x"] }] },
    )) {
      pages.push(idsOf(page));
    }

    expect(pages.map((page) => page.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(fleet.instances.map((instance) => instance.instanceId));
    expect(cloud.calls().map((call) => call.params.NextToken === undefined)).toEqual([true, false, false]);
  });

  it.each<{ what: string; input: DescribeInstancesCommandInput; code: string }>([
    {
      what: "MaxResults with InstanceIds",
      input: { InstanceIds: ["i-0000000a"], MaxResults: 5 },
      code: "InvalidParameterCombination",
    },
    { what: "MaxResults 4", input: { MaxResults: 4 }, code: "InvalidParameterValue" },
    { what: "MaxResults 1001", input: { MaxResults: 1001 }, code: "InvalidParameterValue" },
    { what: "a bad NextToken", input: { MaxResults: 5, NextToken: "not-a-token" }, code: "InvalidPaginationToken" },
    {
      what: "an unknown filter",
      input: { Filters: [{ Name: "colour", Values: ["red"] }] },
      code: "InvalidParameterValue",
    },
    {
      what: "an unknown ID among known ones",
      input: { InstanceIds: ["i-0000000a", "i-00000099"] },
      code: "InvalidInstanceID.NotFound",
    },
    {
      what: "a malformed ID",
      input: { InstanceIds: ["i-0000000a", "ins-run00001"] },
      code: "InvalidInstanceID.Malformed",
    },
    { what: "an upper-case ID", input: { InstanceIds: ["i-0000000A"] }, code: "InvalidInstanceID.Malformed" },
  ])("refuses $what with $code", async ({ input, code }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const failure = await failureOf(ec2Client(cloud).send(new DescribeInstancesCommand(input)));

    expect(failure.code).toBe(code);
    expect(failure.httpStatus).toBe(400);
  });

  it("accepts 17-character IDs", async () => {
    const cloud = await localCloud({
      fleet: {
        instances: [{ provider: "aws", region: "us-east-1", instanceId: "i-0123456789abcdef0", state: "running" }],
      },
    });

    const answer = await ec2Client(cloud).send(new DescribeInstancesCommand({ InstanceIds: ["i-0123456789abcdef0"] }));

    expect(idsOf(answer)).toEqual(["i-0123456789abcdef0"]);
  });
});
