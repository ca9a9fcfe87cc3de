import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltBundle } from "../../src/deploy/bundle.ts";
import type { PowerAction } from "../../src/domain/types.ts";
import { DEFAULT_LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { type TimerFire, timerFires } from "../../src/local-cloud/scf/index.ts";
import { TencentScfApi } from "../../src/platforms/scf/deploy/scf-api.ts";
import { deployScf } from "../../src/platforms/scf/deploy/scf-deploy.ts";
import { scfFunctionName } from "../../src/platforms/scf/deploy/scf-plan.ts";
import { type GroupResolver, invokePower } from "../../src/runtime/invoke-power.ts";
import { scheduleGroupResolver, scheduleTickResolver } from "../../src/runtime/resolve-group.ts";
import type { ScheduleConfig } from "../../src/schedule/config.ts";
import { calendarOf, occurrencesBetween } from "../../src/schedule/occurrences.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";
import { fleetConfig } from "../support/fleet-40.ts";
import { PLATFORM_EVENTS } from "../support/platform-events.ts";

const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2027, 0, 1);

let cloud: LocalCloud;
const STAGE = "prod";
let workDir: string;
let config: ScheduleConfig;

beforeAll(async () => {
  config = fleetConfig();
  cloud = await startLocalCloud({ fleet: { instances: [] }, scfSettleMs: 0 });
  workDir = await mkdtemp(join(tmpdir(), "powercron-replay-"));
  const zip = join(workDir, "fn.zip");
  await writeFile(zip, zipSync({ "index.js": new TextEncoder().encode("exports.main_handler = async () => 1;") }));
  const bundles: BuiltBundle[] = (["start", "stop"] as const).map((name) => ({
    platform: "scf",
    name,
    dir: workDir,
    entry: "index.js",
    zip,
    zipBytes: 0,
    bundleBytes: 0,
    configDigest: "0".repeat(16),
    clouds: ["tencent"],
  }));
  const key = DEFAULT_LOCAL_CREDENTIALS.tencent[0];
  const api = new TencentScfApi({
    region: config.deploy.scf.region,
    namespace: config.deploy.scf.namespace,
    credential: () => ({ secretId: key?.secretId ?? "", secretKey: key?.secretKey ?? "" }),
    endpoint: cloud.url,
  });
  await deployScf({ config, stage: STAGE, bundles, api, log: () => {}, pollMs: 1, sleep: async () => {} });
}, 60_000);

afterAll(async () => {
  await cloud?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const ACTION_OF: Record<string, PowerAction> = {
  [scfFunctionName(STAGE, "start")]: "start",
  [scfFunctionName(STAGE, "stop")]: "stop",
};

describe("Scenario: 40 groups in 12 zones on SCF, every fire of 2026 replayed through the handler", () => {
  it("deploys within SCF's limits: at most 10 timers per function", () => {
    const functions = cloud.scf.list();
    expect(functions).toHaveLength(2);
    for (const view of functions) {
      expect(view.function.triggers.length).toBeGreaterThan(0);
      expect(view.function.triggers.length).toBeLessThanOrEqual(10);
    }
  });

  it("acts exactly at each group's local times by the DST rule, once, though every fire is delivered twice", async () => {
    const fires: TimerFire[] = timerFires(cloud.scf, { from: FROM, to: TO, zone: "Asia/Shanghai", duplicates: true });
    expect(fires.length % 2).toBe(0);
    const provider = new FakeProvider(
      "tencent",
      "ap-shanghai",
      config.groups.map((group) => ({ instanceId: group.instanceIds[0] ?? "", state: "running" as const })),
    );
    const load = async () => config;
    const groupResolver = scheduleGroupResolver({ loadConfig: load });
    const acted: string[] = [];
    const recording: GroupResolver = async (invocation, action, env) => {
      const resolved = await groupResolver(invocation, action, env);
      if ("request" in resolved) acted.push(`${invocation.group}|${action}|${invocation.trigger.scheduledTime}`);
      return resolved;
    };
    const deps = {
      env: { POWER_CONFIG: "fleet.yaml" },
      platforms: PLATFORM_EVENTS,
      clock: new FakeClock(FROM),
      providers: () => provider,
      random: () => 0.5,
      resolveGroup: recording,
      resolveTick: scheduleTickResolver({ loadConfig: load }),
    };
    let secondDeliveryActions = 0;
    for (const [index, fire] of fires.entries()) {
      const action = ACTION_OF[fire.functionName];
      if (action === undefined) throw new Error(`no function ${fire.functionName}`);
      const arrives = Date.parse(fire.event.Time) + 20_000;
      const before = provider.calls.length;
      await invokePower(action, fire.event, undefined, { ...deps, now: () => arrives });
      const made = provider.calls.slice(before).filter((call) => call.action !== "describe").length;
      if (index % 2 === 1) secondDeliveryActions += made;
    }
    const expected = config.groups.flatMap((group) =>
      (["start", "stop"] as const).flatMap((action) =>
        occurrencesBetween(group, action, new Date(FROM), new Date(TO), calendarOf(group, config))
          .filter((occurrence) => occurrence.skipped === undefined)
          .map((occurrence) => `${group.name}|${action}|${occurrence.at.toISOString().replace(".000Z", "Z")}`),
      ),
    );
    expect(new Set(acted).size).toBe(acted.length);
    expect([...acted].sort()).toEqual([...expected].sort());
    expect(secondDeliveryActions).toBe(0);
    expect(provider.actionCalls().length).toBeGreaterThan(1000);
  }, 120_000);
});
