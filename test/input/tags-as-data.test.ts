import { describe, expect, it } from "vitest";
import { invokePower } from "../../src/runtime/invoke-power.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";
import { AWS_ID, AWS_ID_SHORT, type Env, expectRefused, requestOf } from "./parse-helpers.ts";

const AWS = { provider: "aws", region: "us-east-1" } as const;
/** Keys that a plain object would drop, or find on Object.prototype. */
const PROTOTYPE_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];

function ownTags(tags: object): [string, unknown][] {
  return Reflect.ownKeys(tags).map((key) => [String(key), (tags as Record<string, unknown>)[String(key)]]);
}

describe("Function: parseInvocation, tag keys are data", () => {
  it.each(PROTOTYPE_KEYS)("keeps the event tag key %s as a real tag to match", (key) => {
    const event = JSON.parse(`{"provider":"aws","region":"us-east-1","tags":{"env":"test","${key}":"none"}}`);
    const [target] = requestOf(event).targets;
    expect(ownTags(target?.tags ?? {})).toEqual([
      ["env", "test"],
      [key, "none"],
    ]);
    expect(Object.getPrototypeOf(target?.tags)).toBeNull();
  });

  it.each(PROTOTYPE_KEYS)("keeps the POWER_TAGS key %s as a real tag to match", (key) => {
    const env: Env = { POWER_TAGS: `env=test,${key}=x`, POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" };
    const [target] = requestOf({}, env).targets;
    expect(ownTags(target?.tags ?? {})).toEqual([
      ["env", "test"],
      [key, "x"],
    ]);
  });

  it.each(PROTOTYPE_KEYS)("keeps %s in POWER_TAGS given as JSON", (key) => {
    const env: Env = { POWER_TAGS: `{"env":"test","${key}":"x"}`, POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" };
    const [target] = requestOf({}, env).targets;
    expect(ownTags(target?.tags ?? {})).toEqual([
      ["env", "test"],
      [key, "x"],
    ]);
  });

  it.each(PROTOTYPE_KEYS)("reads POWER_ALLOWED_TAG %s=x as that tag", (key) => {
    const request = requestOf({ ...AWS, tags: { env: "test" } }, { POWER_ALLOWED_TAG: `${key}=x` });
    expect(request.scope.allowedTag).toEqual({ key, value: "x" });
  });

  it("refuses __proto__ given twice in POWER_TAGS, naming it", () => {
    expectRefused({
      case: "twice",
      env: { POWER_TAGS: "__proto__=a,__proto__=b", POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" },
      field: "POWER_TAGS",
      value: "__proto__",
    });
  });

  it("refuses a non-string value under __proto__, naming the key", () => {
    const event = JSON.parse('{"provider":"aws","region":"us-east-1","tags":{"__proto__":5}}');
    expectRefused({ case: "value", event, field: "tags.__proto__", value: "5" });
  });
});

describe("Function: parseInvocation, tag limits", () => {
  const tags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, "v"]));

  it("accepts 10 tags on a target", () => {
    expect(Object.keys(requestOf({ ...AWS, tags: tags(10) }).targets[0]?.tags ?? {})).toHaveLength(10);
  });

  it.each<{ case: string; event?: unknown; env?: Env; field: string }>([
    { case: "11 event tags", event: { ...AWS, tags: tags(11) }, field: "tags" },
    {
      case: "11 tags in a targets entry",
      event: { targets: [{ ...AWS, tags: tags(11) }] },
      field: "targets[0].tags",
    },
    {
      case: "11 POWER_TAGS pairs",
      env: {
        POWER_TAGS: Object.keys(tags(11))
          .map((key) => `${key}=v`)
          .join(","),
        POWER_PROVIDER: "aws",
        AWS_REGION: "us-east-1",
      },
      field: "POWER_TAGS",
    },
  ])("refuses $case", ({ event, env, field }) => {
    expectRefused({ case: "", event, env, field, value: "11 tags; the limit is 10" });
  });
});

describe("Function: invokePower, a prototype tag key never widens the selection", () => {
  const fleet = () =>
    new FakeProvider("aws", "us-east-1", [
      { instanceId: AWS_ID, state: "running", tags: { env: "test" } },
      { instanceId: AWS_ID_SHORT, state: "running", tags: { env: "test", constructor: "none" } },
    ]);

  it.each<{ case: string; event: unknown; env?: Env; stopped: string[] }>([
    {
      case: "event tags with __proto__",
      event: JSON.parse('{"provider":"aws","region":"us-east-1","tags":{"env":"test","__proto__":"none"}}'),
      stopped: [],
    },
    {
      case: "POWER_TAGS with __proto__",
      event: {},
      env: { POWER_TAGS: "env=test,__proto__=x", POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" },
      stopped: [],
    },
    {
      case: "event tags with constructor, which one instance really carries",
      event: { ...AWS, tags: { env: "test", constructor: "none" } },
      stopped: [AWS_ID_SHORT],
    },
  ])("$case", async ({ event, env = {}, stopped }) => {
    const cloud = fleet();
    const report = await invokePower("stop", event, undefined, {
      env,
      providers: () => cloud,
      clock: new FakeClock(),
    });
    const stops = cloud.calls.filter((call) => call.action === "stop").flatMap((call) => call.instanceIds);
    expect(stops).toEqual(stopped);
    expect(report.instances.map((result) => result.instanceId)).toEqual(stopped);
  });
});
