import { describe, expect, it } from "vitest";
import type { ProviderFactory } from "../../src/providers/compute-provider.ts";
import { invokePower } from "../../src/runtime/invoke-power.ts";
import { scheduleGroupResolver } from "../../src/runtime/resolve-group.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";
import { PLATFORM_EVENTS } from "../support/platform-events.ts";

const CONFIG = parseScheduleConfig(
  `groups:
  - name: checkout-test
    provider: tencent
    region: ap-shanghai
    tags: { env: test, team: checkout }
    start: "0 9 * * 1-5"
    stop: "0 21 * * 1-5"
    timezone: Asia/Shanghai
    calendar: cn
  - name: ml-dev
    provider: tencent
    region: ap-shanghai
    instanceIds: [ins-00000001]
    stop: "30 2 * * *"
    timezone: Europe/Berlin
calendars:
  cn:
    holidays: [{ from: 2026-10-01, to: 2026-10-07, name: National Day }]
`,
  "test.yaml",
);

function setUp() {
  const provider = new FakeProvider("tencent", "ap-shanghai", [
    { instanceId: "ins-00000001", state: "running", tags: { env: "test", team: "checkout" } },
    { instanceId: "ins-00000002", state: "stopped", tags: { env: "test", team: "checkout" } },
  ]);
  const providers: ProviderFactory = () => provider;
  const paths: string[] = [];
  const deps = {
    env: { POWER_CONFIG: "somewhere/schedules.yaml" },
    platforms: PLATFORM_EVENTS,
    clock: new FakeClock(Date.UTC(2026, 9, 1, 1, 0, 30)),
    providers,
    random: () => 0.5,
    resolveGroup: scheduleGroupResolver({
      loadConfig: async (path) => {
        paths.push(path);
        return CONFIG;
      },
    }),
  };
  return { provider, deps, paths };
}

const timer = (group: string, time: string) => ({
  Type: "Timer",
  TriggerName: `${group}-start`,
  Time: time,
  Message: JSON.stringify({ group }),
});

describe("Function: invokePower with a {group} SCF timer event", () => {
  it("skips a start on a holiday with no provider call", async () => {
    const { provider, deps, paths } = setUp();
    const report = await invokePower("start", timer("checkout-test", "2026-10-01T01:00:00Z"), undefined, deps);
    expect(paths).toEqual(["somewhere/schedules.yaml"]);
    expect(report.skipped?.reason).toMatch(
      /2026-10-01 is a holiday in calendar cn: 2026-10-01\.\.2026-10-07 \(National Day\)/,
    );
    expect(report.instances).toEqual([]);
    expect(provider.calls).toEqual([]);
  });

  it("starts the group's instances on a working day", async () => {
    const { provider, deps } = setUp();
    const report = await invokePower("start", timer("checkout-test", "2026-10-08T01:00:00Z"), undefined, deps);
    expect(report.skipped).toBeUndefined();
    expect(provider.actionCalls().map((call) => [call.action, call.instanceIds])).toEqual([
      ["start", ["ins-00000002"]],
    ]);
  });

  it("acts exactly once across both DST twins of a repeated local time", async () => {
    const first = setUp();
    const second = setUp();
    const ran = await invokePower("stop", timer("ml-dev", "2026-10-25T00:30:00Z"), undefined, first.deps);
    const twin = await invokePower("stop", timer("ml-dev", "2026-10-25T01:30:00Z"), undefined, second.deps);
    expect(ran.skipped).toBeUndefined();
    expect(first.provider.actionCalls()).toHaveLength(1);
    expect(twin.skipped?.reason).toMatch(/occurs twice in Europe\/Berlin/);
    expect(second.provider.calls).toEqual([]);
  });

  it("acts at once for a plain {group} event (no scheduled time)", async () => {
    const { provider, deps } = setUp();
    const report = await invokePower("stop", { group: "ml-dev" }, undefined, deps);
    expect(report.skipped).toBeUndefined();
    expect(provider.actionCalls()).toHaveLength(1);
  });

  it("rejects a group the config does not have", async () => {
    const { deps } = setUp();
    await expect(invokePower("stop", { group: "nope" }, undefined, deps)).rejects.toThrow(
      /group: "nope" is not in the schedule config \(groups: checkout-test, ml-dev\)/,
    );
  });
});
