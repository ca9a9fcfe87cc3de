import { describe, expect, it } from "vitest";
import type { PowerTarget, Tags } from "../../src/domain/types.ts";
import { AWS_ID, AWS_ID_SHORT, type Env, requestOf, TENCENT_ID, TENCENT_ID_2, target } from "./parse-helpers.ts";

/** The targets an event without instances gets from this environment. */
function environmentTargets(env: Env, event: unknown = undefined): readonly PowerTarget[] {
  return requestOf(event, env).targets;
}

describe("Function: parseInvocation, instances from the environment", () => {
  it.each([
    { spelling: "one ID", raw: TENCENT_ID },
    { spelling: "commas", raw: `${TENCENT_ID},${TENCENT_ID_2}` },
    { spelling: "commas and spaces", raw: ` ${TENCENT_ID} , ${TENCENT_ID_2} ` },
    { spelling: "spaces", raw: `${TENCENT_ID} ${TENCENT_ID_2}` },
    { spelling: "new lines and tabs", raw: `${TENCENT_ID}\n\t${TENCENT_ID_2}\n` },
    { spelling: "empty entries", raw: `,${TENCENT_ID},,${TENCENT_ID_2},` },
    { spelling: "a JSON array", raw: JSON.stringify([TENCENT_ID, TENCENT_ID_2]) },
  ])("reads POWER_INSTANCE_IDS written with $spelling", ({ raw }) => {
    const ids = raw === TENCENT_ID ? [TENCENT_ID] : [TENCENT_ID, TENCENT_ID_2];
    expect(environmentTargets({ POWER_INSTANCE_IDS: raw, POWER_REGION: "ap-shanghai" })).toEqual([
      target("tencent", "ap-shanghai", ids),
    ]);
  });

  it.each<{ raw: string; tags: Tags }>([
    { raw: "env=test", tags: { env: "test" } },
    { raw: "env=test,team=ops", tags: { env: "test", team: "ops" } },
    { raw: " env = test , team = ops ,", tags: { env: "test", team: "ops" } },
    { raw: "env=", tags: { env: "" } },
    { raw: "query=a=b", tags: { query: "a=b" } },
    { raw: "cost center=R&D 42", tags: { "cost center": "R&D 42" } },
    { raw: '{"env":"test","team":"ops"}', tags: { env: "test", team: "ops" } },
  ])("reads POWER_TAGS $raw", ({ raw, tags }) => {
    expect(environmentTargets({ POWER_TAGS: raw, POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" })).toEqual([
      target("aws", "us-east-1", [], tags),
    ]);
  });

  it("selects by IDs and tags together", () => {
    const env = { POWER_INSTANCE_IDS: AWS_ID_SHORT, POWER_TAGS: "env=dev", AWS_REGION: "us-east-1" };
    expect(environmentTargets(env)).toEqual([target("aws", "us-east-1", [AWS_ID_SHORT], { env: "dev" })]);
  });

  it.each([
    { case: "ins- IDs are Tencent", env: { POWER_INSTANCE_IDS: TENCENT_ID }, provider: "tencent" },
    { case: "i- IDs only EC2's grammar accepts are AWS", env: { POWER_INSTANCE_IDS: AWS_ID_SHORT }, provider: "aws" },
    { case: "POWER_PROVIDER names it", env: { POWER_TAGS: "a=b", POWER_PROVIDER: "aws" }, provider: "aws" },
    { case: "POWER_PROVIDER in any case", env: { POWER_TAGS: "a=b", POWER_PROVIDER: "Tencent" }, provider: "tencent" },
    {
      case: "POWER_PROVIDER with matching IDs",
      env: { POWER_INSTANCE_IDS: TENCENT_ID, POWER_PROVIDER: "tencent" },
      provider: "tencent",
    },
  ])("infers the provider: $case", ({ env, provider }) => {
    const [only] = environmentTargets({ ...env, POWER_REGION: provider === "aws" ? "us-east-1" : "ap-shanghai" });
    expect(only?.provider).toBe(provider);
  });

  it.each([
    {
      case: "POWER_REGION first",
      env: { POWER_REGION: "ap-beijing", TENCENTCLOUD_REGION: "ap-guangzhou" },
      ids: TENCENT_ID,
      region: "ap-beijing",
    },
    {
      case: "TENCENTCLOUD_REGION on SCF",
      env: { TENCENTCLOUD_REGION: "ap-guangzhou", AWS_REGION: "us-east-1" },
      ids: TENCENT_ID,
      region: "ap-guangzhou",
    },
    {
      case: "AWS_REGION on Lambda",
      env: { AWS_REGION: "eu-west-1", TENCENTCLOUD_REGION: "ap-guangzhou" },
      ids: AWS_ID_SHORT,
      region: "eu-west-1",
    },
    {
      case: "AWS_REGION before AWS_DEFAULT_REGION",
      env: { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "us-east-2" },
      ids: AWS_ID_SHORT,
      region: "eu-west-1",
    },
    {
      case: "AWS_DEFAULT_REGION last",
      env: { AWS_DEFAULT_REGION: "us-east-2" },
      ids: AWS_ID_SHORT,
      region: "us-east-2",
    },
    {
      case: "a blank POWER_REGION is unset",
      env: { POWER_REGION: " ", AWS_REGION: "sa-east-1" },
      ids: AWS_ID_SHORT,
      region: "sa-east-1",
    },
  ])("takes the region from $case", ({ env, ids, region }) => {
    const [only] = environmentTargets({ ...env, POWER_INSTANCE_IDS: ids });
    expect(only?.region).toBe(region);
  });

  it("lets the event's region win over every region variable", () => {
    const env = { POWER_INSTANCE_IDS: AWS_ID_SHORT, POWER_REGION: "us-east-1", AWS_REGION: "us-east-2" };
    expect(environmentTargets(env, { region: "ap-northeast-1" })).toEqual([
      target("aws", "ap-northeast-1", [AWS_ID_SHORT]),
    ]);
  });

  it("falls back to the environment's region for an event that names IDs but no region", () => {
    expect(requestOf({ instanceIds: [AWS_ID_SHORT] }, { AWS_REGION: "ca-central-1" }).targets).toEqual([
      target("aws", "ca-central-1", [AWS_ID_SHORT]),
    ]);
  });

  it("ignores the environment's instances when the event names its own", () => {
    const env = { POWER_INSTANCE_IDS: TENCENT_ID_2, POWER_TAGS: "env=prod" };
    expect(requestOf({ region: "ap-shanghai", instanceIds: [TENCENT_ID] }, env).targets).toEqual([
      target("tencent", "ap-shanghai", [TENCENT_ID]),
    ]);
  });
});
