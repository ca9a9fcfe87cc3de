/**
 * Alibaba Cloud ECS through the real `powercron` command (child processes, the real SDK over HTTP): the sample stop
 * event against `powercron local-cloud` exits 0 with every instance it selects stopped; its --ecs-no-stock flag
 * reaches the emulator; and 250 instances selected by tag in two regions stop with StopCharging, the ineligible ones
 * with KeepCharging, reported; a second run makes no Start/Stop call.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EcsModule, * as $Ecs from "@alicloud/ecs20140526";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { alibabaSdkConfig, clientClass } from "../../src/providers/alibaba/alibaba-sdk-config.ts";
import type { EcsInstanceView } from "../../src/providers/alibaba/ecs-stopped-mode.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { BIN, runCli, type ServingCli, serveCli } from "../cli/support/cli-process.ts";
import { batchSizes, ecsFleet, ecsId, ecsProvider, LOCAL_KEYS, MUTATING } from "./alibaba-harness.ts";

const EcsClient = clientClass(EcsModule);

const STOP_EVENT = "config/events/alibaba-stop.json";

/** `powercron run ... --local-cloud URL --json`: its exit code, its report, its stderr. */
async function run(url: string, ...args: string[]): Promise<{ code: number; report: PowerReport; stderr: string }> {
  const result = await runCli([...args, "--local-cloud", url, "--json"]);
  return { code: result.code, report: JSON.parse(result.stdout || "{}"), stderr: result.stderr };
}

/** The instances' states as ECS's own DescribeInstances answers them, once none is moving (at most 5 s). */
async function settledStates(url: string, region: string, ids: readonly string[]): Promise<Map<string, string>> {
  const adapter = ecsProvider({ url } as LocalCloud, region, undefined, "core");
  for (let tries = 0; ; tries++) {
    const views = await adapter.describeByIds(ids);
    const moving = views.some((view) => view.state === "stopping" || view.state === "starting");
    if (!moving || tries >= 50) return new Map(views.map((view) => [view.instanceId, view.state]));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("Alibaba against `powercron local-cloud` (a child process)", () => {
  const serving: ServingCli[] = [];
  afterEach(() => {
    for (const child of serving.splice(0)) if (child.child.exitCode === null) child.child.kill("SIGTERM");
  });

  it("exits 0, and the instances the event selects in both regions are stopped; the rest are untouched", async () => {
    const cloud = await serveCli(process.execPath, [BIN, "local-cloud", "--port", "0", "--transition", "50"]);
    serving.push(cloud);
    const first = await run(cloud.url, "run", "stop", "--event", STOP_EVENT);
    expect(first.code, first.stderr).toBe(0);
    const rows = first.report.instances;
    expect(new Set(rows.map((row) => row.provider))).toEqual(new Set(["alibaba"]));
    expect(new Set(rows.map((row) => row.region))).toEqual(new Set(["cn-hangzhou", "cn-shanghai"]));
    expect(rows.length).toBe(9);
    for (const row of rows) expect(["stopped", "already-stopped"], row.instanceId).toContain(row.outcome);
    // The states in the domain's words, as every cloud's rows show them (ECS answers `Stopping`).
    for (const row of rows) expect(["stopping", "stopped"], row.instanceId).toContain(row.after);

    const hangzhou = rows.filter((row) => row.region === "cn-hangzhou").map((row) => row.instanceId);
    const shanghai = rows.filter((row) => row.region === "cn-shanghai").map((row) => row.instanceId);
    const states = new Map([
      ...(await settledStates(cloud.url, "cn-hangzhou", [...hangzhou, "i-bp1checkout0prod1mv"])),
      ...(await settledStates(cloud.url, "cn-shanghai", shanghai)),
    ]);
    for (const id of [...hangzhou, ...shanghai]) expect(states.get(id), id).toBe("stopped");
    // env=prod is not selected by the event's tags: still running.
    expect(states.get("i-bp1checkout0prod1mv")).toBe("running");

    const second = await run(cloud.url, "run", "stop", "--event", STOP_EVENT);
    expect(second.code, second.stderr).toBe(0);
    expect(second.report.instances.every((row) => row.outcome === "already-stopped")).toBe(true);
    expect(Object.keys(second.report.apiCalls)).toEqual(["DescribeInstances"]);
  });

  it("--ecs-no-stock ZONE: an instance stopped there with StopCharging cannot start again (OperationDenied.NoStock)", async () => {
    const cloud = await serveCli(process.execPath, [
      BIN,
      "local-cloud",
      "--port",
      "0",
      "--transition",
      "0",
      "--ecs-no-stock",
      "cn-shanghai-l",
    ]);
    serving.push(cloud);
    // Every Shanghai instance of the example fleet is in cn-shanghai-l; Hangzhou's are in cn-hangzhou-h.
    const client = new EcsClient(
      alibabaSdkConfig({
        region: "cn-shanghai",
        endpoint: cloud.url,
        requestTimeoutMs: 5_000,
        credential: () => LOCAL_KEYS,
      }),
    );
    const ids = ["i-uf6data0test1sw", "i-uf6data0test2tx"];
    await client.stopInstances(
      new $Ecs.StopInstancesRequest({ regionId: "cn-shanghai", instanceId: ids, stoppedMode: "StopCharging" }),
    );
    const answer = await client.startInstances(
      new $Ecs.StartInstancesRequest({ regionId: "cn-shanghai", instanceId: ids, batchOptimization: "SuccessFirst" }),
    );
    expect(answer.body?.instanceResponses?.instanceResponse?.map((line) => line.code)).toEqual([
      "OperationDenied.NoStock",
      "OperationDenied.NoStock",
    ]);
  });
});

describe("powercron run stop on 250 Alibaba instances selected by tag in two regions", () => {
  let cloud: LocalCloud | undefined;
  afterAll(() => cloud?.close());

  it("stops them all with StopCharging; the ineligible ones with KeepCharging, said in the report; a second run makes no Start/Stop call", async () => {
    const hz = Array.from({ length: 125 }, (_, index) => ecsId("c", index));
    const sh = Array.from({ length: 125 }, (_, index) => ecsId("d", index));
    const prepaid = new Set(hz.slice(0, 3));
    const classic = new Set(sh.slice(0, 2));
    const localDisk = new Set(sh.slice(2, 4));
    const untagged = ecsFleet("cn-hangzhou", [ecsId("u", 0)], { tags: { env: "prod" } });
    cloud = await startLocalCloud({
      transitionMs: 50,
      fleet: {
        instances: [
          ...ecsFleet("cn-hangzhou", hz).map((entry) =>
            prepaid.has(entry.instanceId) ? { ...entry, chargeType: "PrePaid" as const } : entry,
          ),
          ...ecsFleet("cn-shanghai", sh).map((entry) =>
            classic.has(entry.instanceId)
              ? { ...entry, networkType: "classic" as const }
              : localDisk.has(entry.instanceId)
                ? { ...entry, localStorageAmount: 2 }
                : entry,
          ),
          ...untagged,
        ] as never,
      },
    });
    const event = join(mkdtempSync(join(tmpdir(), "powercron-alibaba-")), "stop-250.json");
    writeFileSync(
      event,
      JSON.stringify({
        targets: [
          { provider: "alibaba", region: "cn-hangzhou", tags: { env: "test" } },
          { provider: "alibaba", region: "cn-shanghai", tags: { env: "test" } },
        ],
        options: { releaseComputeWhileStopped: true },
      }),
    );

    const first = await run(cloud.url, "run", "stop", "--event", event);
    expect(first.code, first.stderr).toBe(0);
    expect(first.report.totals).toEqual({ instances: 250, stopped: 250 });
    const ineligible = new Set([...prepaid, ...classic, ...localDisk]);
    for (const row of first.report.instances) {
      if (ineligible.has(row.instanceId))
        expect(row.notes?.join(" "), row.instanceId).toMatch(/stopped with KeepCharging/);
      else expect(row.notes, row.instanceId).toBeUndefined();
    }
    const stops = cloud.calls().filter((call) => call.action === "StopInstances" && call.result === "ok");
    // The minimum: two calls a region (100 + 25), the ineligible sharing their batches; every one SuccessFirst.
    expect(batchSizes(stops, "StopInstances")).toEqual([100, 100, 25, 25]);
    expect(stops.every((call) => call.params.StoppedMode === "StopCharging")).toBe(true);
    expect(stops.every((call) => call.params.BatchOptimization === "SuccessFirst")).toBe(true);
    expect(stops.flatMap((call) => call.instanceIds)).not.toContain(ecsId("u", 0));
    // Read back from ECS's describe (its StoppedMode): the mode that applied.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const views: EcsInstanceView[] = [];
    for (const [region, ids] of [
      ["cn-hangzhou", hz],
      ["cn-shanghai", sh],
    ] as const) {
      for (let at = 0; at < ids.length; at += 100) {
        views.push(...((await ecsProvider(cloud, region).describeByIds(ids.slice(at, at + 100))) as EcsInstanceView[]));
      }
    }
    expect(views.length).toBe(250);
    for (const view of views) {
      expect(view.state, view.instanceId).toBe("stopped");
      expect(view.ecs?.stoppedMode, view.instanceId).toBe(
        ineligible.has(view.instanceId) ? "KeepCharging" : "StopCharging",
      );
    }

    await new Promise((resolve) => setTimeout(resolve, 200));
    cloud.resetCalls();
    const second = await run(cloud.url, "run", "stop", "--event", event);
    expect(second.code, second.stderr).toBe(0);
    expect(second.report.totals).toEqual({ instances: 250, "already-stopped": 250 });
    expect(cloud.calls().filter((call) => MUTATING.has(call.action))).toEqual([]);
  });
});
