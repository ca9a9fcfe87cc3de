/**
 * Alibaba Cloud ECS: 2 × 5,000 ECS instances (cn-hangzhou, cn-shanghai) selected by tag, 60% running, 5% of the
 * running ones subscription (PrePaid, so StopCharging does not apply), 20 ms latency, stopped with StopCharging by one
 * function. Wall time against the bound ECS's default paces imply (describe 20/s, start/stop 10/s, pages and batches
 * of 100), the calls answered against the minimum, every instance stopped, and the mode that applied read back.
 *
 * The function runner is bundled as the SCF bundle of a config with an Alibaba group is (src/deploy/bundle-clouds.ts):
 * Tencent's and Alibaba's connectors in, AWS's left out.
 */
import path from "node:path";
import { DEFAULT_LOCAL_CREDENTIALS, type FleetInput, type LocalCloud } from "../../../src/local-cloud/index.ts";
import { ECS_DEFAULT_RATES } from "../../../src/providers/alibaba/alibaba-facts.ts";
import { ecsProviderWithCore } from "../../../src/providers/alibaba/ecs-core-client.ts";
import type { AlibabaCredential } from "../../../src/providers/alibaba/ecs-credentials.ts";
import type { EcsInstanceView } from "../../../src/providers/alibaba/ecs-stopped-mode.ts";
import { bundleRunner, report, reportRss, runFunction, sleep, withCloud } from "../harness.ts";
import { type Limits, lowerBoundMs, minimumCalls, overlappedLowerBoundMs, type RegionLoad } from "../lower-bound.ts";
import { LATENCY_MS, SELECTED, STAMP_LIMITS, TAG_PAGE_SIZE } from "./fleet-shape.ts";

export const ECS_REGIONS = ["cn-hangzhou", "cn-shanghai"] as const;
const PER_REGION = 5_000;
const RUNNING_SHARE = 0.6;
/** Of the running instances, every 20th is a subscription one: stopped with KeepCharging, and the report says so. */
const SUBSCRIPTION_EVERY = 20;

/** ECS's default paces (alibaba-facts.ts) and its page and batch of 100. */
export const ECS_LIMITS: Limits = {
  latencyMs: LATENCY_MS,
  describePerSecond: ECS_DEFAULT_RATES.DescribeInstances,
  actionPerSecond: ECS_DEFAULT_RATES.StopInstances,
  pageSize: TAG_PAGE_SIZE.alibaba,
  actionBatch: 100,
};

/** `i-bp1…` / `i-uf6…` and 17 base-36 characters: ECS-shaped, never EC2-shaped (a letter past f). */
function ecsId(region: string, index: number): string {
  const prefix = region === "cn-hangzhou" ? "bp1" : "uf6";
  return `i-${prefix}${index.toString(36).padStart(17, "0")}`;
}

/** The fleet, deterministic: every instance tagged env=bench; a fixed share running, some of those subscription. */
export function ecsBenchFleet(): {
  fleet: FleetInput;
  loads: RegionLoad[];
  subscription: number;
  running: Map<string, string[]>;
} {
  const instances: FleetInput["instances"] = [];
  const loads: RegionLoad[] = [];
  const running = new Map<string, string[]>();
  let subscription = 0;
  for (const region of ECS_REGIONS) {
    let eligible = 0;
    const runningIds: string[] = [];
    running.set(region, runningIds);
    for (let index = 0; index < PER_REGION; index++) {
      // Every 5th instance: 3 of 5 running, evenly spread over the pages.
      const isRunning = index % 5 < RUNNING_SHARE * 5;
      const prePaid = isRunning && eligible % SUBSCRIPTION_EVERY === 0;
      if (isRunning) {
        eligible++;
        runningIds.push(ecsId(region, index));
      }
      if (prePaid) subscription++;
      instances.push({
        provider: "alibaba",
        region,
        instanceId: ecsId(region, index),
        zone: `${region}-h`,
        state: isRunning ? "Running" : "Stopped",
        tags: { ...SELECTED },
        ...(prePaid ? { chargeType: "PrePaid" as const } : {}),
      });
    }
    loads.push({
      region: `alibaba/${region}`,
      instances: PER_REGION,
      eligible,
      pageSize: TAG_PAGE_SIZE.alibaba,
      stamps: STAMP_LIMITS.alibaba,
    });
  }
  return { fleet: { instances }, loads, subscription, running };
}

/** The function runner with the clouds an SCF bundle of a config with an Alibaba group carries. */
function bundleAlibabaRunner(dir: string): Promise<string> {
  return bundleRunner(dir, "scf", ["tencent", "alibaba"], "function-runner-alibaba");
}

const stopEvent = {
  targets: ECS_REGIONS.map((region) => ({ provider: "alibaba", region, tags: SELECTED })),
  options: { releaseComputeWhileStopped: true },
};

/** The mode that applied to each of these instances, as ECS's own DescribeInstances reads it back (StoppedMode). */
async function stoppedModes(
  cloud: LocalCloud,
  ids: ReadonlyMap<string, readonly string[]>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [region, regionIds] of ids) {
    const adapter = ecsProviderWithCore({
      region,
      endpoint: cloud.url,
      requestTimeoutMs: 5_000,
      credential: () => DEFAULT_LOCAL_CREDENTIALS.alibaba[0] as AlibabaCredential,
    });
    for (let at = 0; at < regionIds.length; at += 100) {
      // Paced under ECS's default describe rate (20/s): the read-back is not what the bench measures.
      await sleep(60);
      for (const view of (await adapter.describeByIds(regionIds.slice(at, at + 100))) as EcsInstanceView[]) {
        const mode = view.state === "stopped" ? (view.ecs?.stoppedMode ?? "none") : `not stopped (${view.state})`;
        counts[mode] = (counts[mode] ?? 0) + 1;
      }
    }
  }
  return counts;
}

export async function alibabaRun(dir: string) {
  const runner = await bundleAlibabaRunner(dir);
  const { fleet, loads, subscription, running } = ecsBenchFleet();
  const eligible = loads.reduce((sum, load) => sum + load.eligible, 0);
  const minimum = loads.reduce((sum, load) => {
    const { describe, action, stamp } = minimumCalls(load, ECS_LIMITS);
    return sum + describe + action + stamp;
  }, 0);
  const bound = lowerBoundMs(loads, ECS_LIMITS);
  const overlapped = overlappedLowerBoundMs(loads, ECS_LIMITS);
  const result = await withCloud({ fleet, latencyMs: LATENCY_MS }, async (cloud) => {
    const output = await runFunction(runner, dir, cloud, stopEvent);
    const calls = cloud.calls();
    await sleep(400);
    return {
      output,
      calls: calls.length,
      answered: calls.filter((call) => call.result === "ok").length,
      stopCalls: calls.filter((call) => call.action === "StopInstances" && call.result === "ok").length,
      modes: await stoppedModes(cloud, running),
    };
  });
  // The bound: describing and stopping overlap (the engine stops each page as it arrives); the serial sum is shown
  // for reference only, a run beats it.
  const ratio = result.output.durationMs / overlapped;
  console.log(
    `\n— Alibaba ECS: ${ECS_REGIONS.length} × ${PER_REGION.toLocaleString("en")} instances by tag, stop with StopCharging —`,
  );
  report("eligible (running) instances", String(eligible));
  report(
    "stopped",
    String(result.output.totals.stopped ?? 0),
    String(eligible),
    result.output.totals.stopped === eligible,
  );
  report("wall time (ms)", result.output.durationMs.toFixed(0));
  report(
    "lower bound: ECS's default paces and latency, describing and stopping overlapped (ms)",
    overlapped.toFixed(0),
  );
  report("wall time / lower bound", ratio.toFixed(2), "≤ 1.5", ratio <= 1.5);
  report("for reference: describing, then stopping, one after the other (ms)", bound.toFixed(0));
  report("API calls answered", String(result.answered), `= minimum ${minimum}`, result.answered === minimum);
  report("API calls sent (incl. throttled retries)", String(result.calls));
  report("StopInstances calls answered", String(result.stopCalls));
  const keepCharging = result.modes.KeepCharging ?? 0;
  const stopCharging = result.modes.StopCharging ?? 0;
  report(
    "read back: stopped with StopCharging / with KeepCharging (subscription)",
    `${stopCharging} / ${keepCharging}`,
    `${eligible - subscription} / ${subscription}`,
    stopCharging === eligible - subscription && keepCharging === subscription,
  );
  report(
    "function CPU time (ms) / timer lateness p99 (ms)",
    `${result.output.cpuMs} / ${result.output.loopDelayP99Ms}`,
  );
  reportRss("function with Tencent's and Alibaba's SDKs (2 ECS regions)", result.output.maxRssBytes);
  return { eligible, bound, overlapped, minimum, ...result };
}
