import type { InstanceView, PowerAction, PowerOptions, ProviderName, Tags } from "../domain/types.ts";

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
  /**
   * Describe these instances (at most maxIdsPerCall). Unknown IDs are either left out of the answer or make the call
   * throw a CloudApiError whose code isNotFoundCode() recognises: the engine handles both.
   */
  describeByIds(instanceIds: readonly string[]): Promise<readonly InstanceView[]>;
  /** Describe the instances carrying all these tags, one page at a time. */
  describeByTags(tags: Tags, cursor: string | undefined): Promise<InstancePage>;
  start(instanceIds: readonly string[], options: PowerOptions): Promise<ActionResponse>;
  stop(instanceIds: readonly string[], options: PowerOptions): Promise<ActionResponse>;
}

/** Builds the provider for a provider name and region (credentials and endpoints come from the environment). */
export type ProviderFactory = (provider: ProviderName, region: string) => ComputeProvider;
