/** The fleets the scenarios run against: instances selected by one tag, a share of them running, regions by cloud. */

import { type Fleet, type FleetInstance, generateFleet } from "../../../src/local-cloud/index.ts";
import type { Platform } from "../harness.ts";
import type { Limits, RegionLoad, StampLimits } from "../lower-bound.ts";

export const LATENCY_MS = 20;
export const LIMITS: Limits = { latencyMs: LATENCY_MS, describePerSecond: 40, actionPerSecond: 10, pageSize: 100 };
/** Instances per describe page when selecting by tags: CVM `Limit` ≤ 100, EC2 `MaxResults` ≤ 1,000, ECS `MaxResults` ≤ 100. */
export const TAG_PAGE_SIZE = { tencent: 100, aws: 1000, alibaba: 100 } as const;
export const SELECTED = { env: "bench" };
/**
 * The stamps' tagging calls per cloud (on by default): CVM through the Tag API (AttachResourcesTag, 50 a call,
 * 20/s), EC2 CreateTags (1,000 a call, 10/s), ECS TagResources (50 a call, 10/s).
 */
export const STAMP_LIMITS: Readonly<Record<"tencent" | "aws" | "alibaba", StampLimits>> = {
  tencent: { batch: 50, perSecond: 20 },
  aws: { batch: 1000, perSecond: 10 },
  alibaba: { batch: 50, perSecond: 10 },
};

export const TENCENT_REGIONS = [
  "ap-guangzhou",
  "ap-shanghai",
  "ap-beijing",
  "ap-chengdu",
  "ap-chongqing",
  "ap-nanjing",
  "ap-hongkong",
  "ap-singapore",
  "ap-tokyo",
  "na-siliconvalley",
];
export const AWS_REGIONS = ["us-east-1", "eu-central-1"];

export interface FleetShape {
  readonly tencent?: { readonly regions: readonly string[]; readonly perRegion: number };
  readonly aws?: { readonly regions: readonly string[]; readonly perRegion: number };
}

/** The selected fleet (tag env=bench), plus instances outside the request (env=prod, all running). */
export function fleetOf(shape: FleetShape, runningShare: number, outsidersPerRegion = 0): Fleet {
  const selected = generateFleet({
    ...(shape.tencent ? { tencent: { regions: [...shape.tencent.regions], perRegion: shape.tencent.perRegion } } : {}),
    ...(shape.aws ? { aws: { regions: [...shape.aws.regions], perRegion: shape.aws.perRegion } } : {}),
    seed: 11,
    tags: SELECTED,
    runningShare,
  });
  if (outsidersPerRegion === 0) return selected;
  const outsiders = generateFleet({
    ...(shape.tencent ? { tencent: { regions: [...shape.tencent.regions], perRegion: outsidersPerRegion } } : {}),
    ...(shape.aws ? { aws: { regions: [...shape.aws.regions], perRegion: outsidersPerRegion } } : {}),
    seed: 29,
    tags: { env: "prod" },
    runningShare: 1,
  });
  const taken = new Set(selected.instances.map((i) => i.instanceId));
  return { instances: [...selected.instances, ...outsiders.instances.filter((i) => !taken.has(i.instanceId))] };
}

function isRunning(instance: FleetInstance): boolean {
  return instance.state === "RUNNING" || instance.state === "running";
}

/** Per region: the selected instances, the running ones among them, and the describe page size of its cloud. */
export function selectedLoads(fleet: Fleet): RegionLoad[] {
  const byRegion = new Map<string, { instances: number; eligible: number; pageSize: number; stamps: StampLimits }>();
  for (const instance of fleet.instances) {
    if (instance.tags.env !== SELECTED.env) continue;
    const key = `${instance.provider}/${instance.region}`;
    const load = byRegion.get(key) ?? {
      instances: 0,
      eligible: 0,
      pageSize: TAG_PAGE_SIZE[instance.provider],
      stamps: STAMP_LIMITS[instance.provider],
    };
    load.instances++;
    if (isRunning(instance)) load.eligible++;
    byRegion.set(key, load);
  }
  return [...byRegion].map(([region, load]) => ({ region, ...load }));
}

/** The stop event a function gets: its own cloud's regions, selected by tag, as deployed (SCF: CVM, Lambda: EC2). */
export function stopEvent(platform: Platform, shape: FleetShape): unknown {
  return platform === "scf"
    ? { targets: (shape.tencent?.regions ?? []).map((region) => ({ provider: "tencent", region, tags: SELECTED })) }
    : { targets: (shape.aws?.regions ?? []).map((region) => ({ provider: "aws", region, tags: SELECTED })) };
}
