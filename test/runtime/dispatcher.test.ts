import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerRequest } from "../../src/domain/index.ts";
import { InvalidInputError } from "../../src/errors.ts";
import type { Invocation } from "../../src/input/index.ts";
import { readFire, resolverOf } from "../../src/runtime/fires.ts";
import type { GroupResolver, InvokeDeps, TickResolver } from "../../src/runtime/invoke-deps.ts";
import { invokePower } from "../../src/runtime/invoke-power.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";
import { PLATFORM_EVENTS } from "../support/platform-events.ts";

const TIME = "2026-11-23T13:00:00Z";
const tick = { Type: "Timer", TriggerName: "powercron-tick-1", Time: TIME, Message: '{"powercron":"tick"}' };
const IDS: Readonly<Record<string, string>> = { web: "ins-00000001", db: "ins-00000002" };

function requestOf(group: string): PowerRequest {
  return {
    action: "stop",
    targets: [{ provider: "tencent", region: "ap-shanghai", instanceIds: [IDS[group] ?? ""], tags: {} }],
    options: { ...DEFAULT_OPTIONS },
    scope: {},
  };
}

/** A dispatcher over fake resolvers that write what happens, in order, to `log`. */
function setUp(groups: readonly string[], enforce = false) {
  const log: string[] = [];
  const provider = new FakeProvider("tencent", "ap-shanghai", [
    { instanceId: "ins-00000001", state: "running" },
    { instanceId: "ins-00000002", state: "running" },
  ]);
  const resolveTick: TickResolver = async (fire) => {
    log.push(`tick ${fire.triggerName} at ${fire.time}`);
    return { groups, notes: [], enforce };
  };
  const resolveGroup: GroupResolver = async (invocation) => {
    log.push(`guard ${invocation.group} at ${invocation.trigger.scheduledTime}`);
    return { request: requestOf(invocation.group) };
  };
  const deps: InvokeDeps = {
    env: {},
    platforms: PLATFORM_EVENTS,
    clock: new FakeClock(Date.parse(TIME) + 20_000),
    random: () => 0.5,
    providers: () => {
      log.push("engine");
      return provider;
    },
    resolveTick,
    resolveGroup,
    resolveEnforce: async (invocation, _action, _env, now) => {
      log.push(`drift check ${invocation.group} at ${now.toISOString()}`);
      return { request: requestOf(invocation.group), dueAt: new Date(Date.parse(TIME) - 3_600_000) };
    },
    onInvocation: (invocation) => log.push(`invocation ${invocation.kind === "group" ? invocation.group : "request"}`),
  };
  return { log, provider, deps };
}

describe("Function: readFire (the platform's event, read once)", () => {
  it.each([
    { what: "an SCF tick", event: tick, fire: { kind: "tick", tick: { triggerName: "powercron-tick-1", time: TIME } } },
    {
      what: "an enforce fire",
      event: { group: "web", enforce: true, scheduledTime: TIME },
      fire: { kind: "invocation", enforce: true, invocation: { kind: "group", group: "web" } },
    },
    {
      what: "a {group} event",
      event: { group: "web" },
      fire: { kind: "invocation", enforce: false, invocation: { kind: "group", group: "web" } },
    },
    {
      what: "a direct request",
      event: { region: "ap-shanghai", instanceIds: ["ins-00000001"] },
      fire: { kind: "invocation", enforce: false, invocation: { kind: "request" } },
    },
  ])("tells $what apart", ({ event, fire }) => {
    expect(readFire("stop", event, {}, PLATFORM_EVENTS)).toMatchObject(fire);
  });

  it("refuses an enforce fire that is not `true`, as input", () => {
    expect(() => readFire("stop", { group: "web", enforce: "yes" }, {})).toThrow(InvalidInputError);
  });
});

describe("Function: resolverOf (what request a fire comes to)", () => {
  it("gives a direct request its own request, with no resolver asked", async () => {
    const { deps, log } = setUp([]);
    const fire = readFire("stop", { region: "ap-shanghai", instanceIds: ["ins-00000001"] }, {});
    if (fire.kind !== "invocation" || fire.invocation.kind !== "request") throw new Error("not a request");
    await expect(resolverOf(fire, "stop", deps, new FakeClock())()).resolves.toEqual({
      request: fire.invocation.request,
    });
    expect(log).toEqual([]);
  });

  it("refuses an enforce fire that names no group, before any resolver is asked", () => {
    const { deps, log } = setUp([]);
    const invocation: Invocation = { kind: "request", request: requestOf("web"), trigger: { source: "direct" } };
    expect(() => resolverOf({ kind: "invocation", invocation, enforce: true }, "stop", deps, new FakeClock())).toThrow(
      /an enforce fire names a group/,
    );
    expect(log).toEqual([]);
  });
});

describe("Function: invokePower, the dispatcher", () => {
  it("runs a tick's due groups one after the other, each through the guard just before it runs; one report", async () => {
    const { deps, log, provider } = setUp(["web", "db"]);
    const report = await invokePower("stop", tick, undefined, deps);
    expect(log).toEqual([
      `tick powercron-tick-1 at ${TIME}`,
      "invocation web",
      `guard web at ${TIME}`,
      "engine",
      "invocation db",
      `guard db at ${TIME}`,
      "engine",
    ]);
    expect(report.instances.map((row) => [row.instanceId, row.outcome])).toEqual([
      ["ins-00000001", "stopped"],
      ["ins-00000002", "stopped"],
    ]);
    expect(provider.actionCalls()).toHaveLength(2);
  });

  it("runs an enforce tick's groups through the drift check, their corrections marked as drift", async () => {
    const { deps, log } = setUp(["web"], true);
    const report = await invokePower("stop", tick, undefined, deps);
    expect(log).toEqual([
      `tick powercron-tick-1 at ${TIME}`,
      "invocation web",
      "drift check web at 2026-11-23T13:00:20.000Z",
      "engine",
    ]);
    expect(report.instances).toMatchObject([
      { instanceId: "ins-00000001", outcome: "stopped", reason: "drift", dueAt: "2026-11-23T12:00:00.000Z" },
    ]);
  });

  it.each([
    { what: "a stale tick", event: tick, told: [] },
    { what: "a stale {group} fire", event: { group: "web", scheduledTime: TIME }, told: ["invocation web"] },
    {
      what: "a stale enforce fire",
      event: { group: "web", enforce: true, scheduledTime: TIME },
      told: ["invocation web"],
    },
  ])("skips $what before resolving it, with no cloud call", async ({ event, told }) => {
    const { deps, log } = setUp(["web"]);
    const report = await invokePower("stop", event, undefined, { ...deps, now: () => Date.parse(TIME) + 3_600_000 });
    expect(report.skipped?.reason).toMatch(
      /^stale: the event was scheduled for 2026-11-23T13:00:00.000Z, 1.0 h before now/,
    );
    expect(log).toEqual(told);
  });
});
