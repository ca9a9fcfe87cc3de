/** The vocabulary of powercron, shared by every layer. Pure types: no I/O here. */

/**
 * The one list of the clouds' names. Each needs its line in the registry's table (src/providers/clouds.ts: descriptor
 * and tooling) and in the local cloud's (src/local-cloud/parts.ts), or nothing compiles; nothing else names a cloud
 * outside its folders (test/architecture/cloud-seam.test.ts).
 */
export const PROVIDERS = ["tencent", "aws", "alibaba"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** The languages of the alerts. */
export const ALERT_LOCALES = ["zh", "en"] as const;
export type AlertLocale = (typeof ALERT_LOCALES)[number];

export const POWER_ACTIONS = ["start", "stop"] as const;
export type PowerAction = (typeof POWER_ACTIONS)[number];

/**
 * An instance's power state, the same words for both clouds. `other` covers states that are neither on, off nor
 * moving between them in a way we can act on (rescue mode, migration, launch failure).
 */
export type PowerState =
  | "pending"
  | "running"
  | "starting"
  | "stopping"
  | "stopped"
  | "rebooting"
  /** Off and isolated, awaiting destruction (an expired or returned instance). Cannot be started. */
  | "isolated"
  | "terminating"
  | "terminated"
  | "other";

export type Tags = Readonly<Record<string, string>>;

/** How far the latest operation the cloud reports on an instance has got. */
export type OperationState = "succeeded" | "in-progress" | "failed";

/** The last start, stop or other operation the cloud reports on an instance, in the domain's words. */
export interface LatestOperation {
  /** The power action it was; undefined for any other operation (a reboot, a resize). */
  readonly action?: PowerAction;
  /** Absent when the cloud reports a state the domain has no word for. */
  readonly state?: OperationState;
  /** The cloud's own name of the operation, for reports. */
  readonly label?: string;
  /** Why it failed, in the cloud's words. */
  readonly message?: string;
  readonly requestId?: string;
}

/** What a describe call tells us about one instance. */
export interface InstanceView {
  readonly instanceId: string;
  readonly state: PowerState;
  /** The cloud's own word for the state (RUNNING, stopped, ENTER_RESCUE_MODE...), for reports. */
  readonly cloudState: string;
  readonly tags: Tags;
  /**
   * The latest operation, where the cloud reports one. When present it is authoritative: a cloud that reports it may
   * show the old state for a while after accepting a call.
   */
  readonly latestOperation?: LatestOperation;
  /** Why the instance is in its state, in the cloud's words (a start that fell back for want of a key grant). */
  readonly stateReason?: string;
  /** The cloud restricts the instance (expired, protectively isolated): it will refuse to act. */
  readonly restricted?: string;
  /** Whether the instance can hibernate; undefined where the cloud does not say. */
  readonly canHibernate?: boolean;
}

/** How a stop shuts the guest down: cleanly, by pulling the plug, or cleanly with the plug pulled if that fails. */
export const SHUTDOWN_MODES = ["graceful", "forced", "graceful-then-forced"] as const;
export type ShutdownMode = (typeof SHUTDOWN_MODES)[number];

/** What the run should do, in the domain's words; each adapter maps them onto its cloud's API with its fallbacks. */
export interface PowerOptions {
  readonly dryRun: boolean;
  /** Stop only: how the guest is shut down. */
  readonly shutdown: ShutdownMode;
  /** Stop only: release the compute (vCPU, memory) billing while the instance is stopped, where the cloud can. */
  readonly releaseComputeWhileStopped: boolean;
  /** Stop only: hibernate (save memory to disk) where the instance can. */
  readonly hibernate: boolean;
  /** Confirm the final state before returning. */
  readonly wait: boolean;
  /** Start/stop calls per second per provider, region and action. */
  readonly maxCallsPerSecond: number;
}

export const DEFAULT_OPTIONS: PowerOptions = {
  dryRun: false,
  shutdown: "graceful-then-forced",
  releaseComputeWhileStopped: false,
  hibernate: false,
  wait: false,
  maxCallsPerSecond: 10,
};

/** One provider and region, and the instances to act on there: named by ID, selected by tags, or both (union). */
export interface PowerTarget {
  readonly provider: ProviderName;
  readonly region: string;
  readonly instanceIds: readonly string[];
  readonly tags: Tags;
  /** The config's account (`accounts[].name`) whose role is assumed to reach the instances; absent = the function's own. */
  readonly account?: string;
}

/** Instances outside this scope are refused. Empty scope = no guard. Set from the environment only. */
export interface ScopeGuard {
  readonly allowedTag?: { readonly key: string; readonly value: string };
  readonly allowedIds?: ReadonlySet<string>;
  /** `provider:region` keys: a target elsewhere is refused before any cloud call. */
  readonly allowedRegions?: ReadonlySet<string>;
}

/**
 * What a run's stamps say about who acted (src/domain/stamp-tags.ts): the group (or `event` for a request of its
 * own), the deploy's stage, and the run's time (its fire time; absent = the run's start), so that one value serves
 * every instance of the run.
 */
export interface StampContext {
  readonly by: string;
  readonly stage: string;
  /** ISO 8601: the fire's scheduled time. */
  readonly at?: string;
}

/** A fully validated request: the engine's whole input. */
export interface PowerRequest {
  readonly action: PowerAction;
  readonly targets: readonly PowerTarget[];
  readonly options: PowerOptions;
  readonly scope: ScopeGuard;
  /** Who acts, for the stamps written on the instances acted on; absent = no stamps (the setting turned them off). */
  readonly stamps?: StampContext;
  /**
   * The config's named schedules, on a group's request: an instance the run sees whose `powercron:schedule` tag names
   * none of them is noted (never guessed). Absent = not checked (a request of its own carries no config).
   */
  readonly knownSchedules?: readonly string[];
}
