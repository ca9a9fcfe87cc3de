import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { type LocalCloudFlag, PROVIDERS, toolingOf } from "../../src/providers/index.ts";

function flagNamed(name: string): LocalCloudFlag {
  const flag = PROVIDERS.flatMap((provider) => toolingOf(provider).localCloudFlags).find((candidate) =>
    candidate.flag.startsWith(`${name} `),
  );
  if (!flag) throw new Error(`no cloud declares ${name}`);
  return flag;
}

describe("Function: each cloud's local-cloud flags (toolingOf(...).localCloudFlags)", () => {
  it.each([
    ["--ec2-capacity", "us-east-1a=3,us-east-1b=0", { ec2ZoneCapacity: { "us-east-1a": 3, "us-east-1b": 0 } }],
    ["--describe-unknown-ids", "error", { tencentDescribeUnknownIds: "error" }],
    [
      "--tencent-account-rate",
      "StartInstances=20",
      { tencentAccountRateLimits: { StartInstances: { perSecond: 20 } } },
    ],
    [
      "--ecs-no-stock",
      "cn-hangzhou-h, ap-southeast-1a",
      { alibaba: { noStockZones: ["cn-hangzhou-h", "ap-southeast-1a"] } },
    ],
  ])("%s %s sets the local cloud's options %j", (name, raw, expected) => {
    expect(flagNamed(name).options(raw)).toEqual(expected);
  });

  it.each([
    ["--ec2-capacity", "us-east-1=3", "e.g. us-east-1a=3"],
    ["--describe-unknown-ids", "maybe", "is not one of omit, error"],
    ["--tencent-account-rate", "start=x", "e.g. StartInstances=20"],
    ["--ecs-no-stock", "cn-hangzhou", "is not an ECS zone (e.g. cn-hangzhou-h)"],
  ])("%s refuses %s as bad input, naming the flag (%s)", (name, raw, tail) => {
    const read = () => flagNamed(name).options(raw);
    expect(read).toThrow(InvalidInputError);
    expect(read).toThrow(`${name}: "${raw}"`);
    expect(read).toThrow(tail);
  });

  it("declares every flag once over all clouds", () => {
    const flags = PROVIDERS.flatMap((provider) => toolingOf(provider).localCloudFlags.map((flag) => flag.flag));
    expect(new Set(flags).size).toBe(flags.length);
  });
});
