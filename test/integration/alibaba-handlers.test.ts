/**
 * Both platforms' stop functions end to end for Alibaba ECS (issue 21): each platform's handler entry as its bundle
 * exports it (src/platforms/<platform>/entry-stop.ts, from source), called with its own platform's context and an
 * event, through the connector the functions use (Alibaba's @alicloud/openapi-core client, ACS3-signed) over HTTP
 * against the local cloud. The environment is the function's (process.env, read by the handler), pointed at the
 * local cloud. test/deploy/bundle.test.ts runs the built bundles of both platforms on an ECS instance too.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { handler as lambdaStop } from "../../src/platforms/lambda/entry-stop.ts";
import { main_handler as scfStop } from "../../src/platforms/scf/entry-stop.ts";
import type { EcsInstanceView } from "../../src/providers/alibaba/ecs-stopped-mode.ts";
import type { InstanceResult, PowerReport } from "../../src/report/index.ts";
import { ecsFleet, ecsId, ecsProvider, MUTATING, settle } from "./alibaba-harness.ts";

const HZ = "cn-hangzhou";
const SH = "cn-shanghai";
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ecsId(prefix, i));

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/** Each platform's entry and a context of its own shape giving `ms` of remaining time. */
const PLATFORMS: readonly [string, Handler, (ms: number) => object][] = [
  ["SCF main_handler", scfStop as Handler, (ms) => ({ time_limit_in_ms: ms, request_id: "scf-request-1" })],
  [
    "Lambda handler",
    lambdaStop as Handler,
    (ms) => {
      const end = Date.now() + ms;
      return { getRemainingTimeInMillis: () => end - Date.now(), awsRequestId: "lambda-request-1" };
    },
  ],
];

/** 250 instances tagged env=test in two regions; some can never stop with StopCharging (the ECS rules). */
function tagFleet(prefix: string) {
  const hz = ids(`${prefix}h`, 125);
  const sh = ids(`${prefix}s`, 125);
  const prepaid = hz.slice(0, 3);
  const classic = sh.slice(0, 2);
  const localDisk = sh.slice(2, 4);
  const instances = [
    ...ecsFleet(HZ, hz).map((entry) =>
      prepaid.includes(entry.instanceId) ? { ...entry, chargeType: "PrePaid" } : entry,
    ),
    ...ecsFleet(SH, sh).map((entry) =>
      classic.includes(entry.instanceId)
        ? { ...entry, networkType: "classic" }
        : localDisk.includes(entry.instanceId)
          ? { ...entry, localStorageAmount: 2 }
          : entry,
    ),
    // Same tag, not Alibaba's env=test selection: another team's machine, never touched.
    ...ecsFleet(HZ, [ecsId(`${prefix}x`, 0)], { tags: { env: "prod" } }),
  ];
  return { hz, sh, ineligible: new Set([...prepaid, ...classic, ...localDisk]), instances };
}

const TAG_EVENT = {
  targets: [
    { provider: "alibaba", region: HZ, tags: { env: "test" } },
    { provider: "alibaba", region: SH, tags: { env: "test" } },
  ],
  options: { releaseComputeWhileStopped: true },
};

let cloud: LocalCloud | undefined;
let logged: string[];

beforeEach(() => {
  logged = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => {
    logged.push(String(line));
  });
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await cloud?.close();
  cloud = undefined;
});

/** Starts the local cloud and gives the function's environment its endpoints and keys. */
async function startCloud(instances: readonly unknown[], options: Record<string, unknown> = {}): Promise<LocalCloud> {
  cloud = await startLocalCloud({ transitionMs: 50, ...options, fleet: { instances: [...instances] as never } });
  for (const [name, value] of Object.entries({
    ...localCloudEnv(cloud.url),
    POWER_REQUEST_TIMEOUT_MS: "3000",
  })) {
    vi.stubEnv(name, value);
  }
  return cloud;
}

/** Every row of the handler's detail log lines (`{"powercron":"instances",...}`). */
function detailRows(): InstanceResult[] {
  return logged
    .filter((line) => line.startsWith('{"powercron":"instances"'))
    .flatMap((line) => (JSON.parse(line) as { instances: InstanceResult[] }).instances);
}

const mutatingCalls = (c: LocalCloud) => c.calls().filter((call) => MUTATING.has(call.action));

describe.each(PLATFORMS)("Alibaba ECS through the %s", (_, handler, context) => {
  it("stops 250 instances selected by tag in two regions with StopCharging; the ineligible stop with KeepCharging and the report says so; a second invocation makes no Start/Stop call", async () => {
    const fleet = tagFleet("a");
    const c = await startCloud(fleet.instances);

    const report = (await handler(TAG_EVENT, context(60_000))) as PowerReport;
    expect(report.totals).toEqual({ instances: 250, stopped: 250 });
    // The returned report keeps the rows that matter: exactly the ineligible, each saying which mode applied.
    const noted = report.instances.filter((row) => (row.notes ?? []).length > 0);
    expect(new Set(noted.map((row) => row.instanceId))).toEqual(fleet.ineligible);
    for (const row of noted) expect(row.notes?.join(" ")).toMatch(/stopped with KeepCharging/);
    // The detail lines hold every row: the others stopped with no note.
    const rows = detailRows();
    expect(rows).toHaveLength(250);
    for (const row of rows) {
      expect(row.outcome).toBe("stopped");
      if (!fleet.ineligible.has(row.instanceId)) expect(row.notes).toBeUndefined();
    }
    // Every stop went out with StopCharging and SuccessFirst, 100 IDs at most, in both regions.
    const stops = mutatingCalls(c);
    expect(stops.every((call) => call.action === "StopInstances")).toBe(true);
    expect(stops.every((call) => call.params.StoppedMode === "StopCharging")).toBe(true);
    expect(stops.every((call) => call.params.BatchOptimization === "SuccessFirst")).toBe(true);
    expect(stops.map((call) => call.instanceIds.length).sort((a, b) => b - a)).toEqual([100, 100, 25, 25]);
    expect(new Set(stops.map((call) => call.region))).toEqual(new Set([HZ, SH]));
    // Read back from the cloud: the mode each instance really stopped in; the other team's machine still runs.
    await settle();
    const back = [
      ...(await ecsProvider(c, HZ).describeByIds(fleet.hz.slice(0, 100))),
      ...(await ecsProvider(c, SH).describeByIds(fleet.sh.slice(0, 100))),
    ] as EcsInstanceView[];
    for (const view of back) {
      expect(view.state).toBe("stopped");
      expect(view.ecs?.stoppedMode).toBe(fleet.ineligible.has(view.instanceId) ? "KeepCharging" : "StopCharging");
    }
    expect(c.instance("alibaba", HZ, ecsId("ax", 0))?.state).toBe("Running");

    c.resetCalls();
    logged = [];
    const again = (await handler(TAG_EVENT, context(60_000))) as PowerReport;
    expect(again.totals.instances).toBe(250);
    expect(again.totals.stopped ?? 0).toBe(0);
    expect(mutatingCalls(c)).toEqual([]);
    expect(c.calls().every((call) => call.action === "DescribeInstances")).toBe(true);
  });

  it("the invocation's time running out (every request hanging): it ends within the platform's time with each not-yet-done instance reported failed, no stop sent", async () => {
    const instanceIds = ids("t", 20);
    const c = await startCloud(ecsFleet(HZ, instanceIds), { faults: { "*": { hang: 1 } }, hangMs: 60_000 });
    // The platform gives the invocation 7.5 s; the run gets that less the margin, 6 s.
    const began = Date.now();
    const thrown = await handler({ provider: "alibaba", region: HZ, instanceIds }, context(7_500)).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(Date.now() - began).toBeLessThan(7_500);
    expect(thrown?.message).toMatch(/^stop failed for 20 of 20 instances/);
    const rows = detailRows();
    expect(rows.map((row) => row.instanceId).sort()).toEqual([...instanceIds].sort());
    for (const row of rows) {
      // Never seen, never acted on: failed with the reason, not claimed stopped or left out.
      expect(row).toMatchObject({ outcome: "failed", before: null });
      // The describe was aborted when the time ran out (or never sent for lack of time): said as such.
      expect(["RequestTimeout", "TimeBudgetExhausted"]).toContain(row.code);
      expect(row.message).toMatch(/no time left|time budget ran out/);
    }
    expect(c.calls().filter((call) => call.action === "StopInstances")).toEqual([]);
    for (const id of instanceIds) expect(c.instance("alibaba", HZ, id)?.state).toBe("Running");
  });

  it("the time running out while a stop hangs (applied, never answered): the final look reports what the cloud did, and nothing is sent twice", async () => {
    const instanceIds = ids("u", 150);
    const c = await startCloud(ecsFleet(HZ, instanceIds), {
      faults: { StopInstances: { at: { 1: "hang" } } },
      hangMs: 60_000,
    });
    vi.stubEnv("POWER_REQUEST_TIMEOUT_MS", "10000");
    const began = Date.now();
    const report = (await handler({ provider: "alibaba", region: HZ, instanceIds }, context(7_500))) as PowerReport;
    expect(Date.now() - began).toBeLessThan(7_500);
    // The hung batch of 100 was applied: the last describe saw it, so it is reported stopped, not failed or resent.
    expect(report.totals).toEqual({ instances: 150, stopped: 150 });
    const stops = c.calls().filter((call) => call.action === "StopInstances");
    expect(stops.map((call) => [call.instanceIds.length, call.result])).toEqual([
      [100, "hung"],
      [50, "ok"],
    ]);
    const sent = stops.flatMap((call) => call.instanceIds);
    expect(new Set(sent).size).toBe(sent.length);
    await settle();
    for (const id of instanceIds) expect(c.instance("alibaba", HZ, id)?.state).toBe("Stopped");
  });
});
