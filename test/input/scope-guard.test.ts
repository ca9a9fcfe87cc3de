import { describe, expect, it } from "vitest";
import type { ScopeGuard } from "../../src/domain/types.ts";
import { AWS_ID, AWS_ID_SHORT, type Env, invalidInput, requestOf, TENCENT_ID } from "./parse-helpers.ts";

const EVENT = { region: "ap-shanghai", instanceIds: [TENCENT_ID] };

describe("Function: parseInvocation, scope guard", () => {
  it.each<{ case: string; env: Env; scope: ScopeGuard }>([
    { case: "no guard variable", env: {}, scope: {} },
    {
      case: "POWER_ALLOWED_TAG",
      env: { POWER_ALLOWED_TAG: "env=dev" },
      scope: { allowedTag: { key: "env", value: "dev" } },
    },
    {
      case: "POWER_ALLOWED_TAG with spaces",
      env: { POWER_ALLOWED_TAG: " powercron = allowed " },
      scope: { allowedTag: { key: "powercron", value: "allowed" } },
    },
    {
      case: "POWER_ALLOWED_TAG with an empty value",
      env: { POWER_ALLOWED_TAG: "sandbox=" },
      scope: { allowedTag: { key: "sandbox", value: "" } },
    },
    {
      case: "POWER_ALLOWED_IDS of both clouds",
      env: { POWER_ALLOWED_IDS: `${TENCENT_ID}, ${AWS_ID} ${AWS_ID_SHORT}` },
      scope: { allowedIds: new Set([TENCENT_ID, AWS_ID, AWS_ID_SHORT]) },
    },
    {
      case: "POWER_ALLOWED_IDS as a JSON array",
      env: { POWER_ALLOWED_IDS: JSON.stringify([TENCENT_ID]) },
      scope: { allowedIds: new Set([TENCENT_ID]) },
    },
    {
      case: "POWER_ALLOWED_REGIONS",
      env: { POWER_ALLOWED_REGIONS: "tencent:ap-shanghai, aws:us-east-1" },
      scope: { allowedRegions: new Set(["tencent:ap-shanghai", "aws:us-east-1"]) },
    },
    {
      case: "both variables",
      env: { POWER_ALLOWED_TAG: "env=dev", POWER_ALLOWED_IDS: TENCENT_ID },
      scope: { allowedTag: { key: "env", value: "dev" }, allowedIds: new Set([TENCENT_ID]) },
    },
  ])("reads $case", ({ env, scope }) => {
    expect(requestOf(EVENT, env).scope).toEqual(scope);
  });

  it("is not lifted by an event: scope is not an event key", () => {
    const error = invalidInput({ ...EVENT, scope: {} }, { POWER_ALLOWED_TAG: "env=dev" });
    expect(error.message).toContain("scope: unknown key");
  });

  it("refuses an empty POWER_ALLOWED_IDS rather than silently lifting the guard", () => {
    const error = invalidInput(EVENT, { POWER_ALLOWED_IDS: " , " });
    expect(error.message).toContain('POWER_ALLOWED_IDS: "," lists no instance IDs');
  });
});

describe("Function: parseInvocation, bad scope guard variables are input errors naming them", () => {
  it.each<{ case: string; env: Env; value: string }>([
    { case: "blank POWER_ALLOWED_TAG", env: { POWER_ALLOWED_TAG: "  " }, value: '"  " is blank' },
    { case: "empty POWER_ALLOWED_TAG", env: { POWER_ALLOWED_TAG: "" }, value: '"" is blank' },
    { case: "blank POWER_ALLOWED_IDS", env: { POWER_ALLOWED_IDS: "   " }, value: '"   " is blank' },
    { case: "blank POWER_ALLOWED_REGIONS", env: { POWER_ALLOWED_REGIONS: " " }, value: '" " is blank' },
    { case: "POWER_ALLOWED_TAG without =", env: { POWER_ALLOWED_TAG: "managed" }, value: '"managed" is not key=value' },
    {
      case: "POWER_ALLOWED_TAG with two pairs",
      env: { POWER_ALLOWED_TAG: "a=1,b=2" },
      value: '"a=1,b=2" is not one key=value pair',
    },
    { case: "POWER_ALLOWED_TAG of commas", env: { POWER_ALLOWED_TAG: ",," }, value: '",," is not one key=value pair' },
    {
      case: "POWER_ALLOWED_IDS with a bad ID",
      env: { POWER_ALLOWED_IDS: "ins-BAD" },
      value: '[0]: "ins-BAD" is neither',
    },
    {
      case: "POWER_ALLOWED_REGIONS without a provider",
      env: { POWER_ALLOWED_REGIONS: "ap-shanghai" },
      value: '"ap-shanghai" is not provider:region',
    },
    {
      case: "POWER_ALLOWED_REGIONS with an unknown provider",
      env: { POWER_ALLOWED_REGIONS: "gcp:us-east1" },
      value: '"gcp:us-east1" is not provider:region',
    },
    {
      case: "POWER_ALLOWED_REGIONS with another cloud's region",
      env: { POWER_ALLOWED_REGIONS: "tencent:us-east-1" },
      value: '"tencent:us-east-1" is not provider:region: us-east-1 is not a tencent region',
    },
    {
      case: "POWER_ALLOWED_REGIONS of commas",
      env: { POWER_ALLOWED_REGIONS: ", ," },
      value: `", ," lists no provider:region`,
    },
  ])("refuses $case", ({ env, value }) => {
    const [variable] = Object.keys(env);
    const error = invalidInput(EVENT, env);
    expect(error.issues).toEqual([expect.stringContaining(`${variable}${value.startsWith("[") ? "" : ": "}${value}`)]);
  });
});

describe("Function: parseInvocation, POWER_ALLOWED_REGIONS", () => {
  const ALLOWED = { POWER_ALLOWED_REGIONS: "tencent:ap-shanghai,aws:us-east-1" };

  it.each<{ case: string; event: unknown; env?: Env; field: string; key: string }>([
    {
      case: "a single-target event elsewhere",
      event: { region: "ap-guangzhou", instanceIds: [TENCENT_ID] },
      field: "event",
      key: "tencent:ap-guangzhou",
    },
    {
      case: "one of several targets elsewhere",
      event: {
        targets: [
          { region: "ap-shanghai", instanceIds: [TENCENT_ID] },
          { region: "eu-west-1", instanceIds: [AWS_ID_SHORT] },
        ],
      },
      field: "targets[1]",
      key: "aws:eu-west-1",
    },
    {
      case: "the environment's instances elsewhere",
      event: {},
      env: { POWER_INSTANCE_IDS: AWS_ID_SHORT, AWS_REGION: "us-west-2" },
      field: "environment",
      key: "aws:us-west-2",
    },
    {
      case: "a region selected by tags",
      event: { provider: "aws", region: "us-west-2", tags: { env: "test" } },
      field: "event",
      key: "aws:us-west-2",
    },
  ])("refuses $case, naming the target", ({ event, env = {}, field, key }) => {
    const error = invalidInput(event, { ...ALLOWED, ...env });
    expect(error.issues).toEqual([
      `${field}: ${key} is outside POWER_ALLOWED_REGIONS (tencent:ap-shanghai, aws:us-east-1): nothing there may be touched`,
    ]);
  });

  it("lets targets inside it through", () => {
    const request = requestOf(
      {
        targets: [
          { region: "ap-shanghai", instanceIds: [TENCENT_ID] },
          { region: "us-east-1", instanceIds: [AWS_ID_SHORT] },
        ],
      },
      ALLOWED,
    );
    expect(request.targets.map((t) => `${t.provider}:${t.region}`)).toEqual(["tencent:ap-shanghai", "aws:us-east-1"]);
  });
});
