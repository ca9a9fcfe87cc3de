/**
 * What the API limits and the latency allow at best, per region: the describe pages paced at the describe limit, then
 * the action calls paced at the action limit, each phase costing at least one round trip, then (stamps on, the
 * default) the tagging calls of the stamps on every instance stopped or started. Regions run in parallel, so the
 * run's bound is the slowest region's.
 */
/** The stamps' tagging calls (on by default): per call this many instances, at most this many calls a second. */
export interface StampLimits {
  readonly batch: number;
  readonly perSecond: number;
}

/**
 * The stamps after a region's (an account's) start/stop calls: ceil(acted / batch) tagging calls, one at a time (the
 * engine keeps one in flight), so each costs at least a round trip and they are paced at the tagging limit.
 */
export function stampPhaseMs(acted: number, limits: Limits, stamps: StampLimits): number {
  const calls = Math.ceil(acted / stamps.batch);
  if (calls === 0) return 0;
  return Math.max(calls * limits.latencyMs, limits.latencyMs + ((calls - 1) * 1000) / stamps.perSecond);
}

export interface RegionLoad {
  readonly region: string;
  readonly instances: number;
  readonly eligible: number;
  /** Instances per describe page for this region's cloud (CVM 100, EC2 by tags 1,000); default the limits'. */
  readonly pageSize?: number;
  /** The tagging limits of this region's cloud when the run stamps (every eligible instance is tagged); none: off. */
  readonly stamps?: StampLimits;
}

export interface Limits {
  readonly latencyMs: number;
  readonly describePerSecond: number;
  readonly actionPerSecond: number;
  /** Instances per describe page, when the load does not say. */
  readonly pageSize: number;
  /** Instances per start/stop call (100 on both clouds). */
  readonly actionBatch?: number;
}

export function minimumCalls(load: RegionLoad, limits: Limits): { describe: number; action: number; stamp: number } {
  return {
    describe: Math.max(1, Math.ceil(load.instances / (load.pageSize ?? limits.pageSize))),
    action: Math.ceil(load.eligible / (limits.actionBatch ?? 100)),
    stamp: load.stamps ? Math.ceil(load.eligible / load.stamps.batch) : 0,
  };
}

/** The stamps' phase of a region (0 when the load does not stamp). */
function stampsOf(load: RegionLoad, limits: Limits): number {
  return load.stamps ? stampPhaseMs(load.eligible, limits, load.stamps) : 0;
}

export function regionLowerBoundMs(load: RegionLoad, limits: Limits): number {
  const { describe, action } = minimumCalls(load, limits);
  const describePhase = limits.latencyMs + ((describe - 1) * 1000) / limits.describePerSecond;
  const actionPhase = action === 0 ? 0 : limits.latencyMs + ((action - 1) * 1000) / limits.actionPerSecond;
  return describePhase + actionPhase + stampsOf(load, limits);
}

export function lowerBoundMs(loads: readonly RegionLoad[], limits: Limits): number {
  return Math.max(0, ...loads.map((load) => regionLowerBoundMs(load, limits)));
}

/**
 * A tighter bound for a client that acts while it still describes (describe and start/stop have separate limits):
 * one describe round trip, then the longer of the two phases. Printed for information: the targets use the bound
 * above, which adds the phases.
 */
export function overlappedLowerBoundMs(loads: readonly RegionLoad[], limits: Limits): number {
  return Math.max(
    0,
    ...loads.map((load) => {
      const { describe, action } = minimumCalls(load, limits);
      const describes = ((describe - 1) * 1000) / limits.describePerSecond;
      const actions = action === 0 ? 0 : limits.latencyMs + ((action - 1) * 1000) / limits.actionPerSecond;
      return limits.latencyMs + Math.max(describes, actions) + stampsOf(load, limits);
    }),
  );
}
