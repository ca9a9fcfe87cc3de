import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import type { ProviderFactory } from "../../src/providers/compute-provider.ts";
import { invokePower } from "../../src/runtime/invoke-power.ts";
import { scheduleEnforceResolver } from "../../src/runtime/resolve-enforce.ts";
import { scheduleTickResolver } from "../../src/runtime/resolve-group.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { type FakeInstance, FakeProvider, fakeIds } from "../support/fake-provider.ts";
import { PLATFORM_EVENTS } from "../support/platform-events.ts";

/** Weekdays 09:00-21:00 Shanghai (01:00-13:00 UTC); 2026-11-23 is a Monday. */
function configOf(enforce: string, more = ""): ScheduleConfig {
  return parseScheduleConfig(
    `groups:
  - name: web-test
    provider: tencent
    region: ap-shanghai
    tags: { env: test }
    start: "0 9 * * 1-5"
    stop: "0 21 * * 1-5"
    timezone: Asia/Shanghai
    enforce: ${enforce}
${more}`,
    "test.yaml",
  );
}

const TAGS = { env: "test" };

function setUp(config: ScheduleConfig, fleet: FakeInstance[], now: string) {
  const provider = new FakeProvider("tencent", "ap-shanghai", fleet);
  const providers: ProviderFactory = () => provider;
  const loadConfig = async () => config;
  const deps = {
    env: { POWER_CONFIG: "schedules.yaml" },
    platforms: PLATFORM_EVENTS,
    clock: new FakeClock(Date.parse(now)),
    providers,
    random: () => 0.5,
    resolveEnforce: scheduleEnforceResolver({ loadConfig }),
    resolveTick: scheduleTickResolver({ loadConfig }),
  };
  return { provider, deps };
}

const enforceFire = (scheduledTime: string, group = "web-test") => ({ group, enforce: true, scheduledTime });

describe("Function: invokePower with an enforce fire", () => {
  it("stops only the running instances at night, marks them drift, and leaves a keep-running tag alone", async () => {
    const { provider, deps } = setUp(
      configOf("stop"),
      [
        { instanceId: "ins-00000001", state: "running", tags: TAGS },
        { instanceId: "ins-00000002", state: "stopped", tags: TAGS },
        {
          instanceId: "ins-00000003",
          state: "running",
          tags: { ...TAGS, "powercron:keep-running-until": "2026-11-24T02:00:00+08:00" },
        },
      ],
      "2026-11-23T15:00:10Z",
    );
    const report = await invokePower("stop", enforceFire("2026-11-23T15:00:00Z"), undefined, deps);
    expect(provider.actionCalls().map((call) => [call.action, call.instanceIds])).toEqual([["stop", ["ins-00000001"]]]);
    expect(report.apiCalls).toEqual({ DescribeInstances: 1, StopInstances: 1 });
    const rows = Object.fromEntries(report.instances.map((row) => [row.instanceId, row]));
    expect(rows["ins-00000001"]).toMatchObject({
      outcome: "stopped",
      reason: "drift",
      dueAt: "2026-11-23T13:00:00.000Z",
    });
    expect(rows["ins-00000002"]).toMatchObject({ outcome: "already-stopped" });
    expect(rows["ins-00000002"]?.reason).toBeUndefined();
    expect(rows["ins-00000003"]).toMatchObject({ outcome: "kept-running" });
    expect(rows["ins-00000003"]?.reason).toBeUndefined();
  });

  it("leaves an instance tagged powercron:skip alone, running at night and stopped by day", async () => {
    const night = setUp(
      configOf("both"),
      [
        { instanceId: "ins-00000001", state: "running", tags: { ...TAGS, "powercron:skip": "true" } },
        { instanceId: "ins-00000002", state: "running", tags: TAGS },
      ],
      "2026-11-23T15:00:10Z",
    );
    const stopped = await invokePower("stop", enforceFire("2026-11-23T15:00:00Z"), undefined, night.deps);
    expect(night.provider.actionCalls().map((call) => call.instanceIds)).toEqual([["ins-00000002"]]);
    expect(stopped.instances.find((row) => row.instanceId === "ins-00000001")).toMatchObject({
      outcome: "skipped-by-tag",
      message: "powercron:skip=true",
    });
    const day = setUp(
      configOf("both"),
      [{ instanceId: "ins-00000001", state: "stopped", tags: { ...TAGS, "powercron:skip": "2026-11-30T00:00:00Z" } }],
      "2026-11-23T04:00:00Z",
    );
    const started = await invokePower("start", enforceFire("2026-11-23T04:00:00Z"), undefined, day.deps);
    expect(day.provider.actionCalls()).toEqual([]);
    expect(started.instances[0]).toMatchObject({ outcome: "skipped-by-tag" });
    expect(started.instances[0]?.reason).toBeUndefined();
  });

  it.each([
    { instances: 1, describes: 1 },
    { instances: 250, describes: 3 },
    { instances: 1000, describes: 10 },
  ])(
    "with nothing drifted over $instances instances makes $describes describe calls and nothing else",
    async ({ instances, describes }) => {
      const fleet = fakeIds("ins", instances).map((instanceId) => ({
        instanceId,
        state: "stopped" as const,
        tags: TAGS,
        holdFor: 0,
      }));
      const { provider, deps } = setUp(configOf("both"), fleet, "2026-11-23T15:00:10Z");
      const report = await invokePower("stop", enforceFire("2026-11-23T15:00:00Z"), undefined, deps);
      expect(report.apiCalls).toEqual({ DescribeInstances: describes });
      expect(provider.calls.length).toBe(describes);
      expect(report.totals).toEqual({ instances, "already-stopped": instances });
    },
  );

  it.each([
    {
      title: "within the grace period after the stop",
      action: "stop",
      now: "2026-11-23T13:05:00Z",
      skip: /grace period after the stop at 2026-11-23T21:00:00\+08:00 \(until 2026-11-23T21:10:00\+08:00\)/,
    },
    {
      title: "by day, on the stop function",
      action: "stop",
      now: "2026-11-23T04:00:00Z",
      skip: /should be running now.*the stop function has nothing to enforce/,
    },
    {
      title: "by day, on the start function of a stop-only enforcer",
      action: "start",
      now: "2026-11-23T04:00:00Z",
      skip: /enforces stop only/,
    },
    {
      title: "at night, on the start function of a stop-only enforcer",
      action: "start",
      now: "2026-11-23T15:00:00Z",
      skip: /enforces stop only/,
    },
  ] as const)("does nothing $title, with no cloud call", async ({ action, now, skip }) => {
    const { provider, deps } = setUp(
      configOf("stop"),
      [
        { instanceId: "ins-00000001", state: "stopped", tags: TAGS },
        { instanceId: "ins-00000002", state: "running", tags: TAGS },
      ],
      now,
    );
    const report = await invokePower(action, enforceFire(now), undefined, deps);
    expect(report.skipped?.reason).toMatch(skip);
    expect(provider.calls).toEqual([]);
  });

  it("with enforce both, starts a stopped instance by day on the start function", async () => {
    const { provider, deps } = setUp(
      configOf("both"),
      [
        { instanceId: "ins-00000001", state: "stopped", tags: TAGS },
        { instanceId: "ins-00000002", state: "running", tags: TAGS },
      ],
      "2026-11-23T04:00:00Z",
    );
    const report = await invokePower("start", enforceFire("2026-11-23T04:00:00Z"), undefined, deps);
    expect(provider.actionCalls().map((call) => [call.action, call.instanceIds])).toEqual([
      ["start", ["ins-00000001"]],
    ]);
    expect(report.instances.find((row) => row.instanceId === "ins-00000001")).toMatchObject({
      outcome: "started",
      reason: "drift",
      dueAt: "2026-11-23T01:00:00.000Z",
    });
  });

  it("skips a group that does not enforce, and a stale enforce fire, with no cloud call", async () => {
    const config = parseScheduleConfig(
      `groups:
  - name: plain
    provider: tencent
    region: ap-shanghai
    tags: { env: test }
    stop: "0 21 * * *"
    timezone: Asia/Shanghai
`,
      "test.yaml",
    );
    const { provider, deps } = setUp(
      config,
      [{ instanceId: "ins-00000001", state: "running", tags: TAGS }],
      "2026-11-23T15:00:00Z",
    );
    const plain = await invokePower("stop", enforceFire("2026-11-23T15:00:00Z", "plain"), undefined, deps);
    expect(plain.skipped?.reason).toBe('enforce: group "plain" does not enforce (enforce is false)');
    const stale = await invokePower("stop", enforceFire("2026-11-23T14:00:00Z", "plain"), undefined, deps);
    expect(stale.skipped?.reason).toMatch(/^stale: /);
    expect(provider.calls).toEqual([]);
  });

  it("is never a misfire: a fire at a minute that is none of the group's times acts", async () => {
    const { provider, deps } = setUp(
      configOf("stop"),
      [{ instanceId: "ins-00000001", state: "running", tags: TAGS }],
      "2026-11-23T15:37:00Z",
    );
    const report = await invokePower("stop", enforceFire("2026-11-23T15:37:00Z"), undefined, deps);
    expect(report.skipped).toBeUndefined();
    expect(provider.actionCalls()).toHaveLength(1);
  });

  it.each([
    { event: { group: "web-test", enforce: "yes" }, message: /enforce: "yes" is not true/ },
    { event: { enforce: true }, message: /enforce: an enforce fire names no group/ },
    { event: { group: "web-test", enforce: true, typo: 1 }, message: /typo/ },
  ])("refuses $event before any cloud call", async ({ event, message }) => {
    const { provider, deps } = setUp(
      configOf("stop"),
      [{ instanceId: "ins-00000001", state: "running", tags: TAGS }],
      "2026-11-23T15:00:00Z",
    );
    const error = await invokePower("stop", event, undefined, deps).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(message);
    expect(provider.calls).toEqual([]);
  });
});

describe("Scenario: the SCF enforce tick", () => {
  const tick = (time: string, name = "powercron-enforce") => ({
    Type: "Timer",
    TriggerName: `prod-${name}-5c7517`,
    Time: time,
    Message: JSON.stringify({ powercron: "tick", tick: name }),
  });

  it("runs the enforcing groups due at its minute as enforce fires", async () => {
    const config = configOf(
      "stop",
      `  - name: slow
    provider: tencent
    region: ap-shanghai
    tags: { env: slow }
    start: "0 9 * * 1-5"
    stop: "0 21 * * 1-5"
    timezone: Asia/Shanghai
    enforce: stop
    enforceEvery: 30
`,
    );
    const { provider, deps } = setUp(
      config,
      [
        { instanceId: "ins-00000001", state: "running", tags: TAGS },
        { instanceId: "ins-00000002", state: "running", tags: { env: "slow" } },
      ],
      "2026-11-23T15:15:05Z",
    );
    const quarter = await invokePower("stop", tick("2026-11-23T15:15:00Z"), undefined, deps);
    expect(provider.actionCalls().map((call) => call.instanceIds)).toEqual([["ins-00000001"]]);
    expect(quarter.instances).toEqual([expect.objectContaining({ instanceId: "ins-00000001", reason: "drift" })]);
    deps.clock.advance(15 * 60_000);
    const half = await invokePower("stop", tick("2026-11-23T15:30:00Z"), undefined, deps);
    expect(provider.actionCalls().map((call) => call.instanceIds)).toEqual([["ins-00000001"], ["ins-00000002"]]);
    expect(half.totals).toMatchObject({ stopped: 1, "already-stopped": 1 });
  });

  it("counts an enforce tick off its minutes as a misfire, with no cloud call", async () => {
    const { provider, deps } = setUp(
      configOf("stop"),
      [{ instanceId: "ins-00000001", state: "running", tags: TAGS }],
      "2026-11-23T15:07:00Z",
    );
    await expect(invokePower("stop", tick("2026-11-23T15:07:00Z"), undefined, deps)).rejects.toThrow(
      /misfire: SCF tick "powercron-enforce"/,
    );
    expect(provider.calls).toEqual([]);
  });
});
