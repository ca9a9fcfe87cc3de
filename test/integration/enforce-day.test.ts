/**
 * Enforce mode and `powercron status` through the real SDKs against the local cloud, with the clock injected: a
 * simulated day in which the 20:00 stop fails for one region, someone starts two machines at 23:00, and a person
 * stops one at 11:00 the next day.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { buildProgram } from "../../src/cli/program.ts";
import { groupStatus } from "../../src/cli/status-command.ts";
import type { PowerAction } from "../../src/domain/types.ts";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { cloudProviders } from "../../src/providers/provider-factory.ts";
import { invokePower } from "../../src/runtime/invoke-power.ts";
import { loadScheduleConfig } from "../../src/schedule/config.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { PLATFORM_EVENTS } from "../support/platform-events.ts";
import { fleetOf, tencentId } from "./support/local-cloud-run.ts";

const SH = "ap-shanghai";
const GZ = "ap-guangzhou";
const shanghai = [0, 1, 2].map((i) => tencentId("s", i));
const guangzhou = [0, 1, 2].map((i) => tencentId("g", i));
const BUSY_MS = 2500;

const CONFIG = `groups:
  - name: night-test
    provider: tencent
    regions: [${SH}, ${GZ}]
    tags: { env: test }
    start: "0 9 * * 1-5"
    stop: "0 20 * * 1-5"
    timezone: Asia/Shanghai
    enforce: stop
`;

let cloud: LocalCloud;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  cloud = await startLocalCloud({
    transitionMs: 20,
    fleet: {
      instances: [
        ...fleetOf("tencent", SH, shanghai),
        // The 20:00 stop fails in Guangzhou: another task holds these instances for the first BUSY_MS.
        ...fleetOf("tencent", GZ, guangzhou, { taskRunningMs: BUSY_MS }),
      ],
    },
  });
  dir = await mkdtemp(join(tmpdir(), "powercron-enforce-"));
  await writeFile(join(dir, "schedules.yaml"), CONFIG);
  env = {
    ...localCloudEnv(cloud.url),
    POWER_CONFIG: join(dir, "schedules.yaml"),
    POWER_TIME_BUDGET_SECONDS: "5",
    POWER_REQUEST_TIMEOUT_MS: "3000",
  };
});

afterEach(async () => {
  await cloud.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the function's code path at `now` (UTC), the clock injected. */
function run(action: PowerAction, event: unknown, now: string) {
  return invokePower(action, event, undefined, {
    env,
    platforms: PLATFORM_EVENTS,
    clock: new FakeClock(Date.parse(now)),
    pollIntervalMs: 50,
  });
}

const enforceTick = (time: string) => ({
  Type: "Timer",
  TriggerName: "prod-powercron-enforce-5c7517",
  Time: time,
  Message: JSON.stringify({ powercron: "tick", tick: "powercron-enforce" }),
});

const stateOf = (region: string, id: string) => cloud.instance("tencent", region, id)?.state;
/** The start/stop calls (the stamps' tagging calls follow each; test/integration/stamps*.test.ts covers those). */
const actionCalls = () =>
  cloud.calls().filter((call) => call.action === "StartInstances" || call.action === "StopInstances");
const describeCount = () => cloud.calls().filter((call) => call.action === "DescribeInstances").length;

async function demoFleet() {
  return JSON.parse(await readFile("config/fleet.example.json", "utf8"));
}

async function settle(ms = 150) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe("Scenario: enforce stop over a simulated day (Monday 2026-11-23, Asia/Shanghai)", () => {
  it("corrects only the drifted machines, with reason drift, and leaves a person's daytime stop alone", async () => {
    // 20:00: the stop fires; Guangzhou refuses it.
    const evening = await run(
      "stop",
      { group: "night-test", scheduledTime: "2026-11-23T12:00:00Z" },
      "2026-11-23T12:00:03Z",
    );
    expect(
      evening.instances
        .filter((row) => row.outcome === "stopped")
        .map((row) => row.instanceId)
        .sort(),
    ).toEqual([...shanghai].sort());
    expect(evening.instances.filter((row) => row.region === GZ).map((row) => row.outcome)).toEqual([
      "failed",
      "failed",
      "failed",
    ]);

    // 20:05: the enforce tick is within the grace period: nothing at all.
    cloud.resetCalls();
    const inGrace = await run("stop", enforceTick("2026-11-23T12:05:00Z"), "2026-11-23T12:05:02Z");
    expect(inGrace.skipped?.reason).toMatch(/grace period after the stop at 2026-11-23T20:00:00\+08:00/);
    expect(cloud.calls()).toEqual([]);

    // 23:00: the other task is over; someone starts two Shanghai machines "for a minute".
    await settle(BUSY_MS);
    expect(cloud.act("tencent", SH, shanghai.slice(0, 2), "start").map((result) => result.result)).toEqual([
      "ok",
      "ok",
    ]);
    await settle();

    // `powercron status` sees the drift: the two started by hand and the three Guangzhou machines.
    const config = await loadScheduleConfig(env.POWER_CONFIG ?? "");
    const group = config.groups[0];
    if (group === undefined) throw new Error("no group");
    cloud.resetCalls();
    const status = await groupStatus(group, config, cloudProviders(env), new Date("2026-11-23T15:10:00Z"));
    expect(cloud.calls().map((call) => call.action)).toEqual(["DescribeInstances", "DescribeInstances"]);
    expect(status.desired).toBe("stopped");
    expect(status.next).toMatchObject({ action: "start", local: "2026-11-24T09:00:00+08:00" });
    expect(
      status.instances
        .filter((row) => row.drift)
        .map((row) => row.instanceId)
        .sort(),
    ).toEqual([...shanghai.slice(0, 2), ...guangzhou].sort());
    expect(status.summary).toBe("6 instances: 5 running, 1 stopped; 5 drifted");

    // 23:15: the enforce tick stops all of them, and only them, with reason drift.
    cloud.resetCalls();
    const corrected = await run("stop", enforceTick("2026-11-23T15:15:00Z"), "2026-11-23T15:15:02Z");
    const drifted = corrected.instances.filter((row) => row.reason === "drift");
    expect(drifted.map((row) => row.instanceId).sort()).toEqual([...shanghai.slice(0, 2), ...guangzhou].sort());
    for (const row of drifted) expect(row).toMatchObject({ outcome: "stopped", dueAt: "2026-11-23T12:00:00.000Z" });
    expect(corrected.instances.find((row) => row.instanceId === shanghai[2])).toMatchObject({
      outcome: "already-stopped",
    });
    const stops = actionCalls().map((call) => [call.action, call.region, [...call.instanceIds].sort()]);
    expect(stops.sort()).toEqual(
      [
        ["StopInstances", GZ, [...guangzhou].sort()],
        ["StopInstances", SH, shanghai.slice(0, 2).sort()],
      ].sort(),
    );
    await settle();
    for (const id of shanghai) expect(stateOf(SH, id)).toBe("STOPPED");
    for (const id of guangzhou) expect(stateOf(GZ, id)).toBe("STOPPED");

    // 23:30: nothing drifted: describe calls only, one per region.
    cloud.resetCalls();
    const quiet = await run("stop", enforceTick("2026-11-23T15:30:00Z"), "2026-11-23T15:30:02Z");
    expect(quiet.apiCalls).toEqual({ DescribeInstances: 2 });
    expect(describeCount()).toBe(2);
    expect(actionCalls()).toEqual([]);

    // Tuesday 09:00 start; 11:00 a person stops one machine; the 11:15 enforce ticks leave it alone.
    await run("start", { group: "night-test", scheduledTime: "2026-11-24T01:00:00Z" }, "2026-11-24T01:00:03Z");
    await settle();
    cloud.act("tencent", SH, [shanghai[0] ?? ""], "stop");
    await settle();
    cloud.resetCalls();
    const stopTick = await run("stop", enforceTick("2026-11-24T03:15:00Z"), "2026-11-24T03:15:02Z");
    expect(stopTick.skipped?.reason).toMatch(/should be running now/);
    // The start function deploys no enforce tick for enforce: stop; a direct enforce fire to it does nothing either.
    const startFire = { group: "night-test", enforce: true, scheduledTime: "2026-11-24T03:15:00Z" };
    const startRun = await run("start", startFire, "2026-11-24T03:15:02Z");
    expect(startRun.skipped?.reason).toMatch(/enforces stop only/);
    expect(cloud.calls()).toEqual([]);
    expect(stateOf(SH, shanghai[0] ?? "")).toBe("STOPPED");
  });
});

describe("Scenario: powercron status on the demo fleet", () => {
  it("shows drift for an instance started by hand, read-only", async () => {
    await cloud.close();
    cloud = await startLocalCloud({ transitionMs: 20, fleet: await demoFleet() });
    env = { ...localCloudEnv(cloud.url), POWER_CONFIG: "config/schedules.yaml", POWER_TIME_BUDGET_SECONDS: "10" };
    // Monday 22:00 in Shanghai: checkout-test should be stopped. Stop it, then someone starts one machine.
    const stop = await run("stop", { group: "checkout-test" }, "2026-11-23T14:00:00Z");
    const ids = stop.instances.map((row) => row.instanceId);
    expect(ids.length).toBeGreaterThan(1);
    await settle();
    const byHand = ids[0] ?? "";
    cloud.act("tencent", SH, [byHand], "start");
    await settle();
    const config = await loadScheduleConfig("config/schedules.yaml");
    const group = config.groups.find((candidate) => candidate.name === "checkout-test");
    if (group === undefined) throw new Error("no checkout-test group");
    cloud.resetCalls();
    const status = await groupStatus(group, config, cloudProviders(env), new Date("2026-11-23T14:30:00Z"));
    expect(status.instances.filter((row) => row.drift).map((row) => row.instanceId)).toEqual([byHand]);
    expect(status.summary).toMatch(/1 drifted/);
    expect(actionCalls()).toEqual([]);
  });

  it("prints a table per group and JSON from the command line, against the local cloud", async () => {
    await cloud.close();
    cloud = await startLocalCloud({ transitionMs: 20, fleet: await demoFleet() });
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((text: string) => printed.push(text));
    try {
      for (const args of [
        ["status", "--group", "ml-dev"],
        ["status", "--json"],
      ]) {
        const program = await buildProgram("status");
        await program.parseAsync([...args, "--config", "config/schedules.yaml", "--local-cloud", cloud.url], {
          from: "user",
        });
      }
    } finally {
      log.mockRestore();
    }
    expect(printed[0]).toMatch(/^ml-dev \(aws, Europe\/Berlin, enforce off\): should be (running|stopped) since/);
    expect(printed[0]).toMatch(/instance\s+region\s+state\s+should be\s+next\s+keep-running until\s+drift/);
    expect(printed[0]).toMatch(/\n {2}\d+ instances?: /);
    const json = JSON.parse(printed[1] ?? "[]") as { group: string; instances: unknown[]; summary: string }[];
    expect(json.map((entry) => entry.group)).toEqual(["checkout-test", "search-dev", "payments-test", "ml-dev"]);
    for (const entry of json) expect(entry.instances.length).toBeGreaterThan(0);
    expect(cloud.calls().every((call) => call.action === "DescribeInstances")).toBe(true);
  });
});
