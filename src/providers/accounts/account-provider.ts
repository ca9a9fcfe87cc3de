import type { ClassifiedFailure, InstanceView, PowerAction, PowerOptions, Tags } from "../../domain/index.ts";
import { CloudApiError } from "../../errors.ts";
import type {
  ActionResponse,
  CallOptions,
  ComputeProvider,
  InstancePage,
  OptionFallback,
  ProviderTagging,
} from "../compute-provider.ts";
import { isExpiredKeys } from "./expired-keys.ts";
import type { RoleCredentials } from "./role-credentials.ts";

/** The action name an assume-role failure carries: the call never reached the compute API. */
export const ASSUME_ROLE_ACTION = "AssumeRole";

/**
 * A provider reached through another account's role: every call first gets the account's credentials (assumed once,
 * shared, renewed before expiry). When the role cannot be assumed, each call fails with the STS error, classified
 * `global` (nothing can succeed in this account now), so the account's instances end `failed` with the STS code at
 * once, whatever the compute provider would make of that code. When the cloud refuses a call's keys as expired before
 * their stated expiry (a revoked session, a skewed clock), the role is assumed again once and the call sent again,
 * through a new compute provider (an SDK client caches its keys until their stated expiry): the refused call did not
 * act. Everything else is the compute provider's.
 */
export class AccountProvider implements ComputeProvider {
  readonly provider;
  readonly region;
  readonly maxIdsPerCall;
  readonly supportsDryRun;
  readonly describeCallsPerSecond;
  readonly actionNames;
  readonly notFoundCode;
  readonly tagging?: ProviderTagging;

  private inner: ComputeProvider;

  constructor(
    /** Builds the compute provider reached with the account's credentials (again, once its keys were refused). */
    private readonly build: () => ComputeProvider,
    private readonly credentials: RoleCredentials,
    /** The config's account name, for messages. */
    readonly account: string,
  ) {
    const inner = build();
    this.inner = inner;
    this.provider = inner.provider;
    this.region = inner.region;
    this.maxIdsPerCall = inner.maxIdsPerCall;
    this.supportsDryRun = inner.supportsDryRun;
    this.describeCallsPerSecond = inner.describeCallsPerSecond;
    this.actionNames = inner.actionNames;
    this.notFoundCode = inner.notFoundCode;
    const tagging = inner.tagging;
    if (tagging) {
      const { maxIdsPerCall, callsPerSecond, maxValueLength, actionNames } = tagging;
      this.tagging = {
        maxIdsPerCall,
        callsPerSecond,
        maxValueLength,
        actionNames,
        tag: (ids, tags, call) => this.send((current) => this.taggingOf(current).tag(ids, tags, call)),
        untag: (ids, keys, call) => this.send((current) => this.taggingOf(current).untag(ids, keys, call)),
      };
    }
  }

  /** The current inner provider's tagging (a rebuilt one has it as the first had). */
  private taggingOf(inner: ComputeProvider): ProviderTagging {
    if (!inner.tagging) throw new Error(`${inner.provider}: the rebuilt provider has no tagging calls`);
    return inner.tagging;
  }

  classify(error: CloudApiError, action: PowerAction | "describe", options?: PowerOptions): ClassifiedFailure {
    if (error.details.action === ASSUME_ROLE_ACTION) return { kind: "global" };
    return this.inner.classify(error, action, options);
  }

  optionsFor(view: InstanceView, action: PowerAction, options: PowerOptions): OptionFallback {
    return this.inner.optionsFor(view, action, options);
  }

  fallback(error: CloudApiError, action: PowerAction, options: PowerOptions): OptionFallback | undefined {
    return this.inner.fallback(error, action, options);
  }

  /** Sends a call with the account's keys; keys refused as expired are replaced once and the call sent again. */
  private async send<T>(call: (inner: ComputeProvider) => Promise<T>): Promise<T> {
    const keys = await this.credentials.get();
    const inner = this.inner;
    try {
      return await call(inner);
    } catch (error) {
      if (!(error instanceof CloudApiError) || error.details.action === ASSUME_ROLE_ACTION || !isExpiredKeys(error))
        throw error;
      await this.credentials.renew(keys);
      if (this.inner === inner) this.inner = this.build();
      return call(this.inner);
    }
  }

  describeByIds(instanceIds: readonly string[], call?: CallOptions): Promise<readonly InstanceView[]> {
    return this.send((inner) => inner.describeByIds(instanceIds, call));
  }

  describeByTags(tags: Tags, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    return this.send((inner) => inner.describeByTags(tags, cursor, call));
  }

  describeByTagKey(key: string, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    return this.send((inner) => {
      if (inner.describeByTagKey === undefined) throw new Error(`${inner.provider}: no describe by tag key`);
      return inner.describeByTagKey(key, cursor, call);
    });
  }

  start(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    return this.send((inner) => inner.start(instanceIds, options, call));
  }

  stop(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    return this.send((inner) => inner.stop(instanceIds, options, call));
  }
}
