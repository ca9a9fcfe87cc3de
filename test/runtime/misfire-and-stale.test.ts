import { describe, expect, it } from "vitest";
import type { PowerAction } from "../../src/domain/types.ts";
import { ScheduleMisfireError } from "../../src/errors.ts";
import { compileTicks } from "../../src/platforms/scf/compiled-ticks.ts";
import { scfQuietTicks } from "../../src/platforms/scf/quiet-tick.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { type InvokeDeps, invokePower } from "../../src/runtime/invoke-power.ts";
import { frontHandler } from "../../src/runtime/quiet-fire.ts";
import { scheduleGroupResolver, scheduleTickResolver } from "../../src/runtime/resolve-group.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";
import { PLATFORM_EVENTS } from "../support/platform-events.ts";

const CONFIG = parseScheduleConfig(
  `groups:
  - { name: office, provider: tencent, region: ap-shanghai, instanceIds: [ins-00000001], timezone: Asia/Shanghai, start: "0 9 * * 1-5", stop: "0 21 * * 1-5" }
  - { name: ml-dev, provider: tencent, region: ap-shanghai, instanceIds: [ins-00000002], timezone: Europe/Berlin, stop: "30 2 * * *" }
  - { name: weekly, provider: tencent, region: ap-shanghai, instanceIds: [ins-00000003], timezone: Asia/Shanghai, start: "0 9 * * 5", stop: "0 21 * * 5", calendar: cn }
calendars:
  cn: { holidays: [2026-10-02] }
`,
  "test.yaml",
);

const DIGEST = "0123456789abcdef";
const COMPILED = { start: compileTicks(CONFIG, "start", DIGEST), stop: compileTicks(CONFIG, "stop", DIGEST) };
const PATHS = [{ path: "the full path" }, { path: "the compiled front" }] as const;
type Path = (typeof PATHS)[number]["path"];
/** Fires the SCF front handed to the full path, since the last setUp. */
let fullCalls = 0;

/**
 * A fire through the full path, or through the SCF front over the compiled schedule, which answers a tick with nothing
 * due itself and hands every other fire to the full path.
 */
function viaPath(path: Path, action: PowerAction, event: unknown, deps: InvokeDeps & { clock: FakeClock }) {
  if (path === "the full path") return invokePower(action, event, undefined, deps);
  const front = frontHandler(
    action,
    scfQuietTicks(COMPILED[action], () => DIGEST),
    async () => async (fire: unknown) => {
      fullCalls++;
      return invokePower(action, fire, undefined, deps);
    },
    { bundled: undefined, env: () => deps.env, now: () => deps.clock.now(), log: () => {} },
  );
  return front(event) as Promise<PowerReport>;
}

function setUp(env: Record<string, string> = {}, at = Date.UTC(2026, 10, 23, 13, 0, 30)) {
  fullCalls = 0;
  const provider = new FakeProvider("tencent", "ap-shanghai", [
    { instanceId: "ins-00000001", state: "running" },
    { instanceId: "ins-00000002", state: "running" },
    { instanceId: "ins-00000003", state: "running" },
  ]);
  const load = async () => CONFIG;
  const deps = {
    env,
    platforms: PLATFORM_EVENTS,
    clock: new FakeClock(at),
    providers: () => provider,
    random: () => 0.5,
    resolveGroup: scheduleGroupResolver({ loadConfig: load }),
    resolveTick: scheduleTickResolver({ loadConfig: load }),
  };
  return { provider, deps };
}

const timer = (group: string, time: string, name = `${group}-stop`) => ({
  Type: "Timer",
  TriggerName: name,
  Time: time,
  Message: JSON.stringify({ group }),
});
const tick = (time: string, name = "powercron-tick-1") => ({
  Type: "Timer",
  TriggerName: name,
  Time: time,
  Message: '{"powercron":"tick"}',
});

describe("Misfire: a fire that matches no scheduled time of its group", () => {
  it("fails the invocation 8 hours off, naming the trigger, the fire time, the nearest time and the likely cause", async () => {
    // office stops at 21:00 Shanghai (13:00Z); a trigger read in UTC instead fires at 21:00Z = 05:00 Shanghai.
    const { provider, deps } = setUp({}, Date.UTC(2026, 10, 23, 21, 0, 20));
    const error = await invokePower("stop", timer("office", "2026-11-23T21:00:00Z"), undefined, deps).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ScheduleMisfireError);
    const message = (error as Error).message;
    expect(message).toContain('trigger "office-stop"');
    expect(message).toContain("2026-11-23T21:00:00.000Z (2026-11-24T05:00:00+08:00)");
    expect(message).toContain("the nearest is 2026-11-23T21:00:00+08:00");
    expect(message).toMatch(/likely cause: .*time zone.*stale/);
    expect((error as ScheduleMisfireError).details).toEqual({
      trigger: "office-stop",
      firedAt: "2026-11-23T21:00:00Z",
      nearest: "2026-11-23T21:00:00+08:00",
    });
    expect(provider.calls).toEqual([]);
  });

  it.each([
    { what: "the DST twin", group: "ml-dev", time: "2026-10-25T01:30:00Z", reason: /occurs twice in Europe\/Berlin/ },
    { what: "a holiday", group: "weekly", time: "2026-10-02T01:00:00Z", reason: /holiday in calendar cn/ },
    { what: "a day the schedule leaves out", group: "weekly", time: "2026-11-24T13:00:00Z", reason: /leaves out/ },
  ])("skips $what quietly, with no cloud call", async ({ group, time, reason }) => {
    const { provider, deps } = setUp({}, Date.parse(time) + 30_000);
    const action = time.endsWith("T01:00:00Z") ? "start" : "stop";
    const report = await invokePower(action, timer(group, time), undefined, deps);
    expect(report.skipped?.reason).toMatch(reason);
    expect(provider.calls).toEqual([]);
  });
});

describe.each(PATHS)("SCF tick, through $path", ({ path }) => {
  it("acts on the groups due and skips a duplicate delivery to the same instance", async () => {
    const { provider, deps } = setUp();
    const report = await viaPath(path, "stop", tick("2026-11-23T13:00:00Z"), deps);
    expect(report.skipped).toBeUndefined();
    expect(provider.actionCalls().map((call) => [call.action, call.instanceIds])).toEqual([["stop", ["ins-00000001"]]]);
    const again = await viaPath(path, "stop", tick("2026-11-23T13:00:00Z"), deps);
    expect(again.skipped?.reason).toMatch(/duplicate delivery: the stop of group "office"/);
    expect(provider.actionCalls()).toHaveLength(1);
  });

  it("finds nothing due without a misfire (the mechanism), and makes no cloud call", async () => {
    const { provider, deps } = setUp({}, Date.UTC(2026, 10, 22, 13, 0, 30));
    const report = await viaPath(path, "stop", tick("2026-11-22T13:00:00Z"), deps); // a Sunday
    expect(report.skipped?.reason).toMatch(/^tick "powercron-tick-1" at 2026-11-22T13:00:00Z: no group due/);
    expect(provider.calls).toEqual([]);
    // The front answers it from the compiled schedule: the full path is not asked.
    expect(fullCalls).toBe(0);
  });

  it("fails when the tick fires at none of its times (the platform reads crons in another zone)", async () => {
    const { provider, deps } = setUp({}, Date.UTC(2026, 10, 23, 5, 0, 30));
    await expect(viaPath(path, "stop", tick("2026-11-23T05:00:00Z"), deps)).rejects.toThrow(
      /misfire: SCF tick "powercron-tick-1" fired at 2026-11-23T05:00:00.000Z .*the nearest is .*likely cause/,
    );
    await expect(viaPath(path, "stop", tick("2026-11-23T13:00:00Z", "old-trigger"), deps)).rejects.toThrow(
      ScheduleMisfireError,
    );
    expect(provider.calls).toEqual([]);
    // The front leaves a misfire to the full path, which words it.
    expect(fullCalls).toBe(path === "the compiled front" ? 2 : 0);
  });

  it("refuses a broken tick as input", async () => {
    const { deps } = setUp();
    await expect(
      viaPath(path, "stop", { ...tick("2026-11-23T13:00:00Z"), Message: '{"powercron":"tock"}' }, deps),
    ).rejects.toThrow(/Message: .* is not the tick marker/);
    await expect(viaPath(path, "stop", tick("yesterday"), deps)).rejects.toThrow(
      /Time: "yesterday" is not an ISO 8601 date-time/,
    );
  });
});

describe("Stale events (POWER_MAX_EVENT_AGE)", () => {
  const weekOld = Date.UTC(2026, 10, 30, 13, 0, 30);

  it.each([
    { what: "an SCF timer a week old", event: timer("office", "2026-11-23T13:00:00Z") },
    { what: "an SCF tick a week old", event: tick("2026-11-23T13:00:00Z") },
    { what: "a Scheduler scheduledTime a week old", event: { group: "office", scheduledTime: "2026-11-23T13:00:00Z" } },
    {
      what: "an EventBridge event a week old",
      event: {
        version: "0",
        id: "x",
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "123456789012",
        time: "2026-11-23T13:00:00Z",
        region: "us-east-1",
        resources: ["arn:aws:events:us-east-1:123456789012:rule/office-stop"],
        detail: {},
      },
      env: { POWER_PROVIDER: "tencent", POWER_REGION: "ap-shanghai", POWER_INSTANCE_IDS: "ins-00000001" },
    },
  ])("skips $what with reason stale and no cloud call", async ({ event, env }) => {
    const { provider, deps } = setUp(env ?? {}, weekOld);
    const report = await invokePower("stop", event, undefined, deps);
    expect(report.skipped?.reason).toMatch(
      /^stale: the event was scheduled for 2026-11-23T13:00:00.000Z, 168.0 h before now .*POWER_MAX_EVENT_AGE \(15 min\)/,
    );
    expect(report.instances).toEqual([]);
    expect(provider.calls).toEqual([]);
  });

  it.each<{ env: Record<string, string>; acts: boolean; why: string }>([
    { env: { POWER_MAX_EVENT_AGE: "0" }, acts: true, why: "0 disables the check" },
    { env: { POWER_MAX_EVENT_AGE: "8d" }, acts: false, why: "bad value" },
    { env: { POWER_MAX_EVENT_AGE: "200h" }, acts: true, why: "a larger age" },
    { env: { POWER_MAX_EVENT_AGE: "90s" }, acts: false, why: "a smaller age" },
    { env: {}, acts: false, why: "default 15 minutes" },
  ])("POWER_MAX_EVENT_AGE $env: $why", async ({ env, acts }) => {
    const { provider, deps } = setUp(env, weekOld);
    const run = invokePower("stop", timer("office", "2026-11-23T13:00:00Z"), undefined, deps);
    if (env.POWER_MAX_EVENT_AGE === "8d") {
      await expect(run).rejects.toThrow(/POWER_MAX_EVENT_AGE: "8d" is not an age/);
    } else {
      const report = await run;
      expect(report.skipped === undefined).toBe(acts);
    }
    expect(provider.actionCalls()).toHaveLength(acts ? 1 : 0);
  });

  it("skips an SCF tick a week old through the compiled front, as the full path does, without asking it", async () => {
    const { provider, deps } = setUp({}, weekOld);
    const report = await viaPath("the compiled front", "stop", tick("2026-11-23T13:00:00Z"), deps);
    expect(report.skipped?.reason).toMatch(
      /^stale: the event was scheduled for 2026-11-23T13:00:00.000Z, 168.0 h before/,
    );
    expect(fullCalls).toBe(0);
    expect(provider.calls).toEqual([]);
  });

  it("acts on an old fire replayed on purpose with a 'now' at its time (powercron run --now)", async () => {
    const { provider, deps } = setUp({}, weekOld);
    const report = await invokePower("stop", timer("office", "2026-11-23T13:00:00Z"), undefined, {
      ...deps,
      now: () => Date.parse("2026-11-23T13:00:00Z"),
    });
    expect(report.skipped).toBeUndefined();
    expect(provider.actionCalls()).toHaveLength(1);
  });

  it("lets a fire 10 minutes late through", async () => {
    const { provider, deps } = setUp({}, Date.UTC(2026, 10, 23, 13, 10, 0));
    await invokePower("stop", timer("office", "2026-11-23T13:00:00Z"), undefined, deps);
    expect(provider.actionCalls()).toHaveLength(1);
  });
});
