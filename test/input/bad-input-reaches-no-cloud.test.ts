import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type ProviderName } from "../../src/domain/types.ts";
import { InvalidInputError } from "../../src/errors.ts";
import type { ProviderFactory } from "../../src/providers/compute-provider.ts";
import { invokePower } from "../../src/runtime/invoke-power.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";
import { AWS_ID, type Env, TENCENT_ID } from "./parse-helpers.ts";

/** A fake cloud per provider and region, each holding the test's instances, recording every provider built. */
function recordingClouds() {
  const built: FakeProvider[] = [];
  const providers: ProviderFactory = (provider: ProviderName, region: string) => {
    const instanceId = provider === "tencent" ? TENCENT_ID : AWS_ID;
    const cloud = new FakeProvider(provider, region, [{ instanceId, state: "running" }]);
    built.push(cloud);
    return cloud;
  };
  return { built, providers, calls: () => built.flatMap((cloud) => cloud.calls) };
}

describe("Function: invokePower, with bad input", () => {
  it.each<{ case: string; event: unknown; env?: Env }>([
    {
      case: "a malformed Tencent ID among good ones",
      event: { region: "ap-shanghai", instanceIds: [TENCENT_ID, "ins-BAD"] },
    },
    { case: "a malformed AWS ID among good ones", event: { region: "us-east-1", instanceIds: [AWS_ID, "i-xyz"] } },
    {
      case: "one bad target among good ones",
      event: {
        targets: [
          { region: "ap-shanghai", instanceIds: [TENCENT_ID] },
          { region: "us-east-1", instanceIds: [AWS_ID], extra: true },
        ],
      },
    },
    { case: "a bad option", event: { region: "ap-shanghai", instanceIds: [TENCENT_ID], options: { force: "yes" } } },
    {
      case: "a bad POWER_* value",
      event: { region: "us-east-1", instanceIds: [AWS_ID] },
      env: { POWER_STOP_TYPE: "now" },
    },
    {
      case: "a bad scope guard",
      event: { region: "us-east-1", instanceIds: [AWS_ID] },
      env: { POWER_ALLOWED_IDS: "," },
    },
    { case: "a malformed JSON string", event: `{"region":"ap-shanghai","instanceIds":["${TENCENT_ID}"]` },
    {
      case: "a bad SCF timer Message",
      event: { Type: "Timer", TriggerName: "t", Time: "2019-02-21T11:49:00Z", Message: "{" },
    },
    { case: "no instances anywhere", event: {} },
    {
      case: "a blank POWER_ALLOWED_TAG",
      event: { region: "us-east-1", instanceIds: [AWS_ID] },
      env: { POWER_ALLOWED_TAG: "  " },
    },
    {
      case: "a blank POWER_ALLOWED_IDS",
      event: { region: "us-east-1", instanceIds: [AWS_ID] },
      env: { POWER_ALLOWED_IDS: "   " },
    },
    {
      case: "a malformed POWER_ALLOWED_REGIONS",
      event: { region: "us-east-1", instanceIds: [AWS_ID] },
      env: { POWER_ALLOWED_REGIONS: "us-east-1" },
    },
    {
      case: "a target outside POWER_ALLOWED_REGIONS",
      event: {
        targets: [
          { region: "ap-shanghai", instanceIds: [TENCENT_ID] },
          { region: "us-west-2", instanceIds: [AWS_ID] },
        ],
      },
      env: { POWER_ALLOWED_REGIONS: "tencent:ap-shanghai,aws:us-east-1" },
    },
    {
      case: "11 tags on a target",
      event: {
        provider: "aws",
        region: "us-east-1",
        tags: Object.fromEntries([...Array(11).keys()].map((i) => [`k${i}`, "v"])),
      },
    },
    { case: "200k levels of nesting", event: `${"[".repeat(200_000)}${"]".repeat(200_000)}` },
    { case: "an event over 6 MB", event: { region: "us-east-1", instanceIds: [AWS_ID], pad: "x".repeat(6_300_000) } },
  ])("rejects $case before any cloud call", async ({ event, env = {} }) => {
    const clouds = recordingClouds();
    await expect(
      invokePower("stop", event, undefined, { env, providers: clouds.providers, clock: new FakeClock() }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(clouds.built).toEqual([]);
    expect(clouds.calls()).toEqual([]);
  });

  it("calls the clouds for the same input made good (the fakes do record calls)", async () => {
    const clouds = recordingClouds();
    const event = { region: "ap-shanghai", instanceIds: [TENCENT_ID] };
    const report = await invokePower("stop", event, undefined, {
      env: {},
      providers: clouds.providers,
      clock: new FakeClock(),
    });
    expect(report.totals.stopped).toBe(1);
    expect(clouds.calls().map((call) => call.action)).toContain("stop");
  });
});

describe("Function: invokePower, a schedule group's targets outside POWER_ALLOWED_REGIONS", () => {
  it("refuses the whole group before any cloud call, naming the target", async () => {
    const clouds = recordingClouds();
    const resolveGroup = async () => ({
      request: {
        action: "stop" as const,
        targets: [
          { provider: "tencent" as const, region: "ap-shanghai", instanceIds: [TENCENT_ID], tags: {} },
          { provider: "tencent" as const, region: "ap-beijing", instanceIds: [TENCENT_ID], tags: {} },
        ],
        options: { ...DEFAULT_OPTIONS },
        scope: { allowedRegions: new Set(["tencent:ap-shanghai"]) },
      },
    });
    const error = await invokePower("stop", { group: "nightly" }, undefined, {
      env: { POWER_ALLOWED_REGIONS: "tencent:ap-shanghai" },
      providers: clouds.providers,
      clock: new FakeClock(),
      resolveGroup,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([
      'group "nightly": tencent:ap-beijing is outside POWER_ALLOWED_REGIONS (tencent:ap-shanghai): nothing there may be touched',
    ]);
    expect(clouds.built).toEqual([]);
  });

  it("keeps a dry run the environment asks for, whatever the group's resolver made of the options", async () => {
    const clouds = recordingClouds();
    const resolveGroup = async () => ({
      request: {
        action: "stop" as const,
        targets: [{ provider: "tencent" as const, region: "ap-shanghai", instanceIds: [TENCENT_ID], tags: {} }],
        options: { ...DEFAULT_OPTIONS, dryRun: false },
        scope: {},
      },
    });
    const report = await invokePower("stop", { group: "nightly", options: { dryRun: false } }, undefined, {
      env: { POWER_DRY_RUN: "true" },
      providers: clouds.providers,
      clock: new FakeClock(),
      resolveGroup,
    });
    expect(report.dryRun).toBe(true);
    expect(report.totals).toEqual({ instances: 1, "would-stop": 1 });
    expect(clouds.calls().filter((call) => call.action === "stop")).toEqual([]);
  });
});
