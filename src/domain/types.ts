/** The vocabulary of powercron, shared by every layer. Pure types: no I/O here. */

export const PROVIDERS = ["tencent", "aws"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

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
  /** Off and isolated, awaiting destruction (Tencent SHUTDOWN: an expired or returned instance). Cannot be started. */
  | "isolated"
  | "terminating"
  | "terminated"
  | "other";

export type Tags = Readonly<Record<string, string>>;

/** What a describe call tells us about one instance. */
export interface InstanceView {
  readonly instanceId: string;
  readonly state: PowerState;
  /** The provider's own word for the state (RUNNING, stopped, ENTER_RESCUE_MODE...), for reports. */
  readonly rawState: string;
  readonly tags: Tags;
  /** Tencent: LatestOperation / LatestOperationState / LatestOperationErrorMsg, when present. */
  readonly latestOperation?: {
    readonly name?: string;
    readonly state?: "SUCCESS" | "OPERATING" | "FAILED";
    readonly requestId?: string;
    readonly errorMessage?: string;
  };
  /** EC2 StateReason code (e.g. Client.InternalError when a start fell back for want of a KMS grant). */
  readonly stateReason?: string;
  /** Tencent RestrictState other than NORMAL (EXPIRED, PROTECTIVELY_ISOLATED): the cloud will refuse to act. */
  readonly restricted?: string;
  /** EC2's HibernationOptions.Configured; undefined where the cloud does not say (Tencent). */
  readonly hibernationConfigured?: boolean;
}

export const TENCENT_STOP_TYPES = ["SOFT", "HARD", "SOFT_FIRST"] as const;
export const TENCENT_STOPPED_MODES = ["KEEP_CHARGING", "STOP_CHARGING"] as const;

export interface PowerOptions {
  readonly dryRun: boolean;
  /** Tencent StopInstances StopType. */
  readonly stopType: (typeof TENCENT_STOP_TYPES)[number];
  /** Tencent StopInstances StoppedMode. */
  readonly stoppedMode: (typeof TENCENT_STOPPED_MODES)[number];
  /** EC2 StopInstances Hibernate. */
  readonly hibernate: boolean;
  /** EC2 StopInstances Force. */
  readonly force: boolean;
  /** Confirm the final state before returning. */
  readonly wait: boolean;
  /** Start/stop calls per second per provider, region and action. */
  readonly maxCallsPerSecond: number;
}

export const DEFAULT_OPTIONS: PowerOptions = {
  dryRun: false,
  stopType: "SOFT_FIRST",
  stoppedMode: "KEEP_CHARGING",
  hibernate: false,
  force: false,
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
  /** `provider:region` keys (`tencent:ap-shanghai`): a target elsewhere is refused before any cloud call. */
  readonly allowedRegions?: ReadonlySet<string>;
}

/** A fully validated request: the engine's whole input. */
export interface PowerRequest {
  readonly action: PowerAction;
  readonly targets: readonly PowerTarget[];
  readonly options: PowerOptions;
  readonly scope: ScopeGuard;
}
