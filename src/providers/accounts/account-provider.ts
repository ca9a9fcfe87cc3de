import type { ClassifiedFailure, InstanceView, PowerAction, PowerOptions, Tags } from "../../domain/index.ts";
import type { CloudApiError } from "../../errors.ts";
import type {
  ActionResponse,
  CallOptions,
  ComputeProvider,
  InstancePage,
  OptionFallback,
} from "../compute-provider.ts";
import type { RoleCredentials } from "./role-credentials.ts";

/** The action name an assume-role failure carries: the call never reached the compute API. */
export const ASSUME_ROLE_ACTION = "AssumeRole";

/**
 * A provider reached through another account's role: every call first gets the account's credentials (assumed once,
 * shared, renewed before expiry). When the role cannot be assumed, each call fails with the STS error, classified
 * `global` (nothing can succeed in this account now), so the account's instances end `failed` with the STS code at
 * once, whatever the compute provider would make of that code. Everything else is the compute provider's.
 */
export class AccountProvider implements ComputeProvider {
  readonly provider;
  readonly region;
  readonly maxIdsPerCall;
  readonly supportsDryRun;
  readonly describeCallsPerSecond;
  readonly actionNames;
  readonly notFoundCode;

  constructor(
    private readonly inner: ComputeProvider,
    private readonly credentials: RoleCredentials,
    /** The config's account name, for messages. */
    readonly account: string,
  ) {
    this.provider = inner.provider;
    this.region = inner.region;
    this.maxIdsPerCall = inner.maxIdsPerCall;
    this.supportsDryRun = inner.supportsDryRun;
    this.describeCallsPerSecond = inner.describeCallsPerSecond;
    this.actionNames = inner.actionNames;
    this.notFoundCode = inner.notFoundCode;
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

  async describeByIds(instanceIds: readonly string[], call?: CallOptions): Promise<readonly InstanceView[]> {
    await this.credentials.get();
    return this.inner.describeByIds(instanceIds, call);
  }

  async describeByTags(tags: Tags, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    await this.credentials.get();
    return this.inner.describeByTags(tags, cursor, call);
  }

  async start(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    await this.credentials.get();
    return this.inner.start(instanceIds, options, call);
  }

  async stop(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    await this.credentials.get();
    return this.inner.stop(instanceIds, options, call);
  }
}
