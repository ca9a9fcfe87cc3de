import type {
  ClassifiedFailure,
  InstanceView,
  PowerAction,
  PowerOptions,
  ProviderName,
  Tags,
} from "../domain/index.ts";
import type { CloudApiError } from "../errors.ts";

/** A page of instances selected by tags. `nextCursor` is absent on the last page. */
export interface InstancePage {
  readonly instances: readonly InstanceView[];
  readonly nextCursor?: string;
  /**
   * When the API can address every remaining page at once (Tencent: TotalCount and Offset), the first page lists their
   * cursors here instead of a nextCursor, and the engine fetches them in parallel.
   */
  readonly remainingCursors?: readonly string[];
}

/** The outcome of an accepted start/stop call, per instance, as far as the response tells. */
export interface ActionResponse {
  /** EC2 answers with each instance's current state; Tencent answers with a RequestId only. */
  readonly currentStates?: ReadonlyMap<string, string>;
  readonly requestId?: string;
  /**
   * Instances of the call the cloud refused on their own while it applied the rest (ECS SuccessFirst), each with its
   * own error: the engine recovers each alone, the others are accepted.
   */
  readonly refused?: ReadonlyMap<string, CloudApiError>;
}

/** Options changed for one instance (an option it cannot take), and the note the report carries about it. */
export interface OptionFallback {
  readonly options: PowerOptions;
  readonly note?: string;
}

/** Per call: the engine aborts a request whose answer would come too late for the time budget. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** How one cloud's tagging calls may be used: the per-call limit (cited where declared), the API names, the pace. */
export interface TaggingLimits {
  /** Most instances one tagging call may name. */
  readonly maxIdsPerCall: number;
  /** Tagging calls per second the engine paces at, per account, region and action. */
  readonly callsPerSecond: number;
  /** The longest tag value the cloud takes, in characters: a longer stamp is cut to it (never refused for it). */
  readonly maxValueLength: number;
  /** API action names, for pacing and the report's call counts. */
  readonly actionNames: { readonly tag: string; readonly untag: string };
}

/**
 * Writing and removing tags on instances (the stamps): optional by design, so that a fake of the interface may leave
 * it out (the engine then writes no stamps); every cloud's adapter implements it. Both calls are idempotent: setting
 * a tag to the value it has, or removing one that is not there, changes nothing.
 */
export interface ProviderTagging extends TaggingLimits {
  /** Sets these tags on these instances (at most maxIdsPerCall). */
  tag(instanceIds: readonly string[], tags: Tags, call?: CallOptions): Promise<void>;
  /** Removes the tags with these keys from these instances (at most maxIdsPerCall). */
  untag(instanceIds: readonly string[], keys: readonly string[], call?: CallOptions): Promise<void>;
}

/**
 * One cloud's compute API in one region, reduced to what powercron needs. Adapters only make SDK calls and turn SDK
 * errors into CloudApiError; every decision (batching, retries, splitting, pacing) belongs to the engine.
 */
export interface ComputeProvider {
  readonly provider: ProviderName;
  readonly region: string;
  /** Max IDs in one describe-by-IDs or start/stop call. */
  readonly maxIdsPerCall: number;
  /** EC2 has a native DryRun on start/stop; Tencent does not, so a Tencent dry run makes no action call at all. */
  readonly supportsDryRun: boolean;
  /** Describe calls per second this API allows per region (start/stop pacing is an option of the request). */
  readonly describeCallsPerSecond: number;
  /** API action names, for pacing and the report's call counts. */
  readonly actionNames: Readonly<Record<PowerAction | "describe", string>>;
  /** The cloud's own code for an unknown instance, for the report. */
  readonly notFoundCode: string;
  /**
   * Resolves the credentials the calls will be signed with, before the first call: a MissingCredentialsError when
   * there are none (nothing sent, nothing retried). Absent where there is nothing to check (a fake, another account's
   * role, whose refusal is the STS call's).
   */
  checkCredentials?(): Promise<void>;
  /** What a failed call means for the instances in it: the cloud's codes are known here only. */
  classify(error: CloudApiError, action: PowerAction | "describe", options?: PowerOptions): ClassifiedFailure;
  /** The options one instance gets before any call (EC2: no hibernation where the instance is not configured for it). */
  optionsFor(view: InstanceView, action: PowerAction, options: PowerOptions): OptionFallback;
  /** After an `option` refusal of one instance: the options to try instead, or undefined when there is none. */
  fallback(error: CloudApiError, action: PowerAction, options: PowerOptions): OptionFallback | undefined;
  /**
   * Describe these instances (at most maxIdsPerCall). Unknown IDs are either left out of the answer or make the call
   * throw a CloudApiError that classify() calls `not-found`: the engine handles both.
   */
  describeByIds(instanceIds: readonly string[], call?: CallOptions): Promise<readonly InstanceView[]>;
  /** Describe the instances carrying all these tags (exact values), one page at a time. */
  describeByTags(tags: Tags, cursor: string | undefined, call?: CallOptions): Promise<InstancePage>;
  /**
   * Describe the instances carrying a tag with this key, whatever its value, one page at a time (status looks for
   * schedule tags naming no schedule with it). Absent where the provider cannot (a fake).
   */
  describeByTagKey?(key: string, cursor: string | undefined, call?: CallOptions): Promise<InstancePage>;
  start(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse>;
  stop(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse>;
  /** The stamps' tagging calls; absent where the provider has none (a fake). */
  readonly tagging?: ProviderTagging;
}

/**
 * Builds the provider for a provider name, region and account (credentials and endpoints come from the environment;
 * no account = the function's own; an account = the config's, reached by assuming its role).
 */
/**
 * The provider of one cloud, region and account. The real factory answers a promise: a cloud's SDK loads on the
 * first provider of that cloud (fakes may answer at once).
 */
export type ProviderFactory = (
  provider: ProviderName,
  region: string,
  account?: string,
) => ComputeProvider | Promise<ComputeProvider>;
