import { describe, expect, it } from "vitest";
import { InvalidInputError, ScheduleMisfireError } from "../../src/errors.ts";
import { parseInvocation } from "../../src/input/parse-invocation.ts";
import { LAMBDA_EVENTS, LAMBDA_REDEPLOY } from "../../src/platforms/lambda/lambda-events.ts";
import { allPlatformEvents } from "../../src/platforms/registry.ts";
import { SCF_EVENTS, SCF_REDEPLOY } from "../../src/platforms/scf/scf-events.ts";
import { checkConfigDigest } from "../../src/runtime/config-digest-check.ts";
import { readFire } from "../../src/runtime/fires.ts";
import { scheduleGroupResolver } from "../../src/runtime/resolve-group.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

const TIME = "2026-11-23T13:00:00Z";
const scfTimer = { Type: "Timer", TriggerName: "nightly", Time: TIME, Message: '{"group":"office"}' };
const scfTick = {
  Type: "Timer",
  TriggerName: "prod-powercron-tick-1-5c7517",
  Time: TIME,
  Message: '{"powercron":"tick","tick":"powercron-tick-1"}',
};
const eventBridge = {
  "detail-type": "Scheduled Event",
  source: "aws.events",
  time: TIME,
  resources: ["arn:aws:events:us-east-1:123456789012:rule/office-stop"],
};
const ENV = { POWER_PROVIDER: "aws", POWER_INSTANCE_IDS: "i-0123456789abcdef0", AWS_REGION: "us-east-1" };

describe("Platform events: each platform's event forms, read only when the platform is passed in", () => {
  it.each([
    {
      what: "an SCF timer event",
      event: scfTimer,
      env: {},
      platform: SCF_EVENTS,
      trigger: { source: "scf-timer", scheduledTime: TIME, triggerName: "nightly" },
    },
    {
      what: "an EventBridge scheduled event",
      event: eventBridge,
      env: ENV,
      platform: LAMBDA_EVENTS,
      trigger: { source: "eventbridge", scheduledTime: TIME, triggerName: "office-stop" },
    },
  ])(
    "reads $what with its platform's forms, and refuses it as an event of ours without them",
    ({ event, env, platform, trigger }) => {
      expect(parseInvocation("stop", event, env, platform.forms).trigger).toEqual(trigger);
      expect(() => parseInvocation("stop", event, env)).toThrow(InvalidInputError);
    },
  );

  it("lists every platform's events for `powercron run`, SCF's first", () => {
    expect(allPlatformEvents()).toEqual([SCF_EVENTS, LAMBDA_EVENTS]);
  });

  it("tells an SCF tick apart only when SCF's ticks are passed in, naming the tick as the config knows it", () => {
    expect(readFire("stop", scfTick, {}, [LAMBDA_EVENTS, SCF_EVENTS])).toMatchObject({
      kind: "tick",
      tick: { triggerName: "powercron-tick-1", time: TIME },
      platform: SCF_EVENTS,
    });
    expect(() => readFire("stop", scfTick, {}, [LAMBDA_EVENTS])).toThrow(InvalidInputError);
  });

  it("loads SCF's tick schedule on demand", async () => {
    const schedule = await SCF_EVENTS.ticks?.schedule();
    expect(Object.keys(schedule ?? {})).toEqual(["check", "due"]);
  });
});

describe("Platform events: what the runtime's messages take from the platform", () => {
  const config = parseScheduleConfig(
    `groups:
  - { name: office, provider: tencent, region: ap-shanghai, instanceIds: [ins-00000001], timezone: Asia/Shanghai, stop: "0 21 * * 1-5" }
`,
    "test.yaml",
  );
  const resolve = scheduleGroupResolver({ loadConfig: async () => config });
  const misfire = async (platforms: Parameters<typeof resolve>[3]) => {
    const invocation = parseInvocation("stop", { group: "office", scheduledTime: "2026-11-23T21:00:00Z" }, {});
    if (invocation.kind !== "group") throw new Error("expected a group invocation");
    return resolve(invocation, "stop", {}, platforms).catch((error: unknown) => error);
  };

  it.each([
    { what: "SCF", platforms: [SCF_EVENTS], cause: "(the group's timezone; for SCF, deploy.scf.triggerTimezone)" },
    {
      what: "every platform",
      platforms: allPlatformEvents(),
      cause: "(the group's timezone; for SCF, deploy.scf.triggerTimezone)",
    },
    { what: "Lambda", platforms: [LAMBDA_EVENTS], cause: "(the group's timezone)" },
    { what: "no platform", platforms: undefined, cause: "(the group's timezone)" },
  ])("a misfire's likely cause, with $what, points at $cause", async ({ platforms, cause }) => {
    const error = await misfire(platforms);
    expect(error).toBeInstanceOf(ScheduleMisfireError);
    expect((error as Error).message).toContain(
      `likely cause: the trigger fires in another time zone than the config says ${cause}, or`,
    );
  });

  it.each([
    { redeploy: SCF_REDEPLOY, text: "deploy again (powercron deploy scf) so both are rebuilt" },
    { redeploy: LAMBDA_REDEPLOY, text: "deploy again (npx serverless deploy) so both are rebuilt" },
    { redeploy: undefined, text: "deploy again so both are rebuilt" },
  ])("a stale bundle is told to $text", ({ redeploy, text }) => {
    expect(() => checkConfigDigest("aaaa", { POWERCRON_CONFIG_DIGEST: "bbbb" }, redeploy)).toThrow(text);
  });
});
