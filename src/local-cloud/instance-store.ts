import type { ProviderName } from "../domain/index.ts";
import type { FleetInstance } from "./cloud-types.ts";

/** A cloud the local cloud emulates: every name of PROVIDERS (each has its part, parts.ts). */
export type CloudProvider = ProviderName;

export interface StateReason {
  code: string;
  message: string;
}

/** A change of state in progress. Computed lazily from timestamps on every read: no timer per instance. */
interface Transition {
  /** The state shown while the change is not yet visible (Tencent state lag). */
  from: string;
  to: string;
  /** Until this time, reads still show `from`. */
  visibleAt: number;
  /** When the instance reaches `to`. */
  endsAt: number;
  /** EC2 state reason set when the change completes. */
  reasonWhenDone?: StateReason;
  /** Tencent: the operation ends FAILED with this LatestOperationErrorMsg (the instance falls back to `to`). */
  failsWith?: string;
}

/** One emulated instance: its fleet attributes plus its mutable power state. */
export interface EmulatedInstance {
  readonly spec: FleetInstance;
  state: string;
  transition?: Transition;
  latestOperation?: string;
  latestOperationState?: "SUCCESS" | "OPERATING" | "FAILED";
  latestOperationRequestId?: string;
  latestOperationErrorMsg?: string;
  stopChargingMode?: "KEEP_CHARGING" | "STOP_CHARGING";
  stateReason?: StateReason;
}

/** The state of an instance as the test or benchmark sees it: the truth, without any lag. */
export interface EmulatedInstanceView {
  provider: CloudProvider;
  region: string;
  instanceId: string;
  /** The fleet's `account`, when the instance belongs to another account than the local keys'. */
  account?: string;
  name?: string;
  zone: string;
  state: string;
  tags: Record<string, string>;
  stuck: boolean;
  /** Tencent only. */
  latestOperation?: string;
  latestOperationState?: "SUCCESS" | "OPERATING" | "FAILED";
  latestOperationRequestId?: string;
  latestOperationErrorMsg?: string;
  stopChargingMode?: string;
  restrictState?: string;
  /** EC2 only. */
  stateReason?: StateReason;
}

/** The state of a Tencent instance destroyed after TERMINATING: no call sees it any more. */
const GONE = "(destroyed)";

/**
 * Where a transitional fleet state ends when it is not stuck. Tencent SHUTDOWN ("stopped, awaiting destruction",
 * isolated) is not transitional here: it comes before TERMINATING, which ends with the instance gone.
 */
const SETTLES_TO: Record<string, string> = {
  PENDING: "RUNNING",
  STARTING: "RUNNING",
  STOPPING: "STOPPED",
  REBOOTING: "RUNNING",
  TERMINATING: GONE,
  pending: "running",
  stopping: "stopped",
  "shutting-down": "terminated",
  Pending: "Running",
  Starting: "Running",
  Stopping: "Stopped",
};

export function defaultZone(spec: FleetInstance): string {
  return spec.zone ?? (spec.provider === "tencent" ? `${spec.region}-1` : `${spec.region}a`);
}

/** All instances, indexed per provider and region in fleet order. */
export class InstanceStore {
  private readonly byRegion = new Map<string, EmulatedInstance[]>();
  /** Per region: the instances on their way to being destroyed (a listing cached now could soon be wrong). */
  private readonly dying = new Map<string, Set<EmulatedInstance>>();
  /** Per region: bumped whenever one of its instances is destroyed, which ends every listing cached for it. */
  private readonly generation = new Map<string, number>();
  /** Region listings by a selection that does not depend on state, with the generation they were made in. */
  private readonly listings = new Map<string, { generation: number; instances: readonly EmulatedInstance[] }>();
  private readonly byId = new Map<string, EmulatedInstance>();
  /** When the store was created: the cloud's start. */
  readonly startedAt: number;

  constructor(
    instances: readonly FleetInstance[],
    private readonly transitionMs: number,
    readonly now: () => number = Date.now,
  ) {
    const startedAt = now();
    this.startedAt = startedAt;
    for (const spec of instances) {
      // The fleet's tags are copied: tagging calls change this store's, never the fleet object a test may reuse.
      const instance: EmulatedInstance = { spec: { ...spec, tags: { ...spec.tags } }, state: spec.state };
      const settlesTo = SETTLES_TO[spec.state];
      if (settlesTo !== undefined && !spec.stuck) {
        instance.transition = {
          from: spec.state,
          to: settlesTo,
          visibleAt: startedAt,
          endsAt: startedAt + transitionMs,
        };
      }
      if (spec.provider === "tencent") {
        instance.latestOperationState = spec.state === "LAUNCH_FAILED" ? "FAILED" : "SUCCESS";
        if (spec.state === "STOPPED") instance.stopChargingMode = spec.stopChargingMode ?? "KEEP_CHARGING";
      }
      const regionKey = `${spec.provider}/${spec.region}`;
      if (instance.transition?.to === GONE) this.dyingIn(regionKey).add(instance);
      const list = this.byRegion.get(regionKey) ?? [];
      list.push(instance);
      this.byRegion.set(regionKey, list);
      this.byId.set(`${regionKey}/${spec.instanceId}`, instance);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(provider: CloudProvider, region: string, instanceId: string): EmulatedInstance | undefined {
    const instance = this.byId.get(`${provider}/${region}/${instanceId}`);
    if (instance) this.settle(instance);
    return instance && instance.state !== GONE ? instance : undefined;
  }

  /**
   * The instances of one region, in fleet order, transitions settled, destroyed ones left out, and only those `keep`
   * accepts when given (one pass: a 100,000-instance region is listed for every page a describe asks for).
   */
  inRegion(
    provider: CloudProvider,
    region: string,
    keep?: (instance: EmulatedInstance) => boolean,
  ): readonly EmulatedInstance[] {
    const list = this.byRegion.get(`${provider}/${region}`) ?? [];
    const listed: EmulatedInstance[] = [];
    for (const instance of list) {
      this.settle(instance);
      if (instance.state !== GONE && (keep === undefined || keep(instance))) listed.push(instance);
    }
    return listed;
  }

  /**
   * `inRegion` for a selection that does not depend on state (tags, IDs, names, zones), named by `selection`: listed
   * once and then served from memory until an instance of the region is destroyed, so that each page of a describe
   * over 100,000 instances costs its own page, not the region (the clouds answer such pages in milliseconds).
   */
  selectInRegion(
    provider: CloudProvider,
    region: string,
    selection: string,
    keep: (instance: EmulatedInstance) => boolean,
  ): readonly EmulatedInstance[] {
    const regionKey = `${provider}/${region}`;
    if ((this.dying.get(regionKey)?.size ?? 0) > 0) return this.inRegion(provider, region, keep);
    const generation = this.generation.get(regionKey) ?? 0;
    const key = `${regionKey}\n${selection}`;
    const cached = this.listings.get(key);
    if (cached && cached.generation === generation) return cached.instances;
    const instances = this.inRegion(provider, region, keep);
    this.listings.set(key, { generation, instances });
    return instances;
  }

  /**
   * A tagging call: sets these tags and removes these keys on the instance. Listings cached by a tag selection of its
   * region end, as a destroyed instance ends them.
   */
  retag(instance: EmulatedInstance, set: Readonly<Record<string, string>>, remove: readonly string[] = []): void {
    const tags = instance.spec.tags as Record<string, string>;
    for (const [key, value] of Object.entries(set)) tags[key] = value;
    for (const key of remove) delete tags[key];
    const regionKey = `${instance.spec.provider}/${instance.spec.region}`;
    this.generation.set(regionKey, (this.generation.get(regionKey) ?? 0) + 1);
  }

  all(): EmulatedInstance[] {
    const list = [...this.byId.values()];
    for (const instance of list) this.settle(instance);
    return list.filter((instance) => instance.state !== GONE);
  }

  /** The state a describe call shows: during the visibility lag, still the old one. */
  observedState(instance: EmulatedInstance): string {
    this.settle(instance);
    const transition = instance.transition;
    return transition && this.now() < transition.visibleAt ? transition.from : instance.state;
  }

  /** True while an accepted change is not yet visible to describe calls. */
  isLagging(instance: EmulatedInstance): boolean {
    this.settle(instance);
    return instance.transition !== undefined && this.now() < instance.transition.visibleAt;
  }

  /**
   * Puts the instance in `via` now, reaching `to` after the transition time; describe calls keep showing the old
   * state for `lagMs`. `endsAt` may be Infinity for a change that never completes.
   */
  beginTransition(
    instance: EmulatedInstance,
    via: string,
    to: string,
    options: { lagMs?: number; reasonWhenDone?: StateReason; durationMs?: number; failsWith?: string } = {},
  ): void {
    const now = this.now();
    instance.transition = {
      from: instance.state,
      to,
      visibleAt: now + (options.lagMs ?? 0),
      endsAt: now + (options.durationMs ?? this.transitionMs),
      ...(options.reasonWhenDone ? { reasonWhenDone: options.reasonWhenDone } : {}),
      ...(options.failsWith !== undefined ? { failsWith: options.failsWith } : {}),
    };
    instance.state = via;
    const regionKey = `${instance.spec.provider}/${instance.spec.region}`;
    if (to === GONE) this.dyingIn(regionKey).add(instance);
    else this.dying.get(regionKey)?.delete(instance);
  }

  private dyingIn(regionKey: string): Set<EmulatedInstance> {
    let set = this.dying.get(regionKey);
    if (!set) {
      set = new Set();
      this.dying.set(regionKey, set);
    }
    return set;
  }

  private settle(instance: EmulatedInstance): void {
    const transition = instance.transition;
    if (!transition) return;
    const now = this.now();
    if (now < transition.endsAt || now < transition.visibleAt) return;
    instance.state = transition.to;
    instance.transition = undefined;
    if (transition.to === GONE) {
      const regionKey = `${instance.spec.provider}/${instance.spec.region}`;
      this.dying.get(regionKey)?.delete(instance);
      this.generation.set(regionKey, (this.generation.get(regionKey) ?? 0) + 1);
    }
    if (instance.latestOperationState === "OPERATING") {
      instance.latestOperationState = transition.failsWith === undefined ? "SUCCESS" : "FAILED";
      if (transition.failsWith !== undefined) instance.latestOperationErrorMsg = transition.failsWith;
    }
    if (transition.reasonWhenDone) instance.stateReason = transition.reasonWhenDone;
  }

  view(instance: EmulatedInstance): EmulatedInstanceView {
    this.settle(instance);
    const { spec } = instance;
    const view: EmulatedInstanceView = {
      provider: spec.provider,
      region: spec.region,
      instanceId: spec.instanceId,
      zone: defaultZone(spec),
      state: instance.state,
      tags: { ...spec.tags },
      stuck: spec.stuck,
    };
    if (spec.name !== undefined) view.name = spec.name;
    if (spec.account !== undefined) view.account = spec.account;
    if (spec.provider === "tencent") {
      if (instance.latestOperation !== undefined) view.latestOperation = instance.latestOperation;
      if (instance.latestOperationState !== undefined) view.latestOperationState = instance.latestOperationState;
      if (instance.latestOperationRequestId !== undefined) {
        view.latestOperationRequestId = instance.latestOperationRequestId;
      }
      if (instance.latestOperationErrorMsg !== undefined)
        view.latestOperationErrorMsg = instance.latestOperationErrorMsg;
      view.stopChargingMode = tencentStopChargingMode(instance);
      view.restrictState = spec.restrictState;
    } else if (instance.stateReason) {
      view.stateReason = { ...instance.stateReason };
    }
    return view;
  }
}

/** Tencent reads NOT_APPLICABLE for anything but a stopped instance. */
export function tencentStopChargingMode(instance: EmulatedInstance): string {
  return instance.state === "STOPPED" ? (instance.stopChargingMode ?? "KEEP_CHARGING") : "NOT_APPLICABLE";
}
