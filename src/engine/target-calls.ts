import type { PowerAction, PowerOptions } from "../domain/index.ts";
import type { ActionResponse, CallOptions, ComputeProvider } from "../providers/index.ts";
import { type CallContext, type CallSpec, callWithRetry } from "./call-with-retry.ts";
import type { RateLimiterRegistry } from "./rate-limiter.ts";

/**
 * The calls of one target to its provider: each paced per account, region and API action, retried by the policy, and
 * read by the provider's own classification (a start/stop failure as that action, any describe as a describe).
 */
export class TargetCalls {
  constructor(
    private readonly provider: ComputeProvider,
    /** The config's account the target is reached in; undefined = the function's own. */
    private readonly account: string | undefined,
    private readonly action: PowerAction,
    private readonly context: CallContext,
    private readonly limiters: RateLimiterRegistry,
  ) {}

  /** A describe call (by IDs or by tags): repeated freely; `final` lets the last look use the reserve kept for it. */
  describe<T>(fn: (call: CallOptions) => Promise<T>, final = false): Promise<T> {
    const apiAction = this.provider.actionNames.describe;
    return this.call(this.spec(apiAction, true, undefined, final), this.provider.describeCallsPerSecond, fn);
  }

  /** One start/stop call (the run's action) for these instances, never repeated blindly after a lost answer. */
  act(ids: readonly string[], options: PowerOptions): Promise<ActionResponse> {
    const apiAction = this.provider.actionNames[this.action];
    return this.call(this.spec(apiAction, false, options), options.maxCallsPerSecond, (call) =>
      this.action === "start" ? this.provider.start(ids, options, call) : this.provider.stop(ids, options, call),
    );
  }

  /**
   * One tagging call (a stamp), paced at the tagging API's own rate: tagging is idempotent (a tag set twice is set
   * once), so a lost answer is simply sent again, like a read.
   */
  tagging<T>(apiAction: string, callsPerSecond: number, fn: (call: CallOptions) => Promise<T>): Promise<T> {
    // Sent one at a time after the run's work: never closer than the published interval (nothing to catch up).
    return this.call(this.spec(apiAction, true), callsPerSecond, fn, false);
  }

  private spec(apiAction: string, idempotent: boolean, options?: PowerOptions, final = false): CallSpec {
    const kindOf = idempotent ? "describe" : this.action;
    return {
      apiAction,
      idempotent,
      final,
      classify: (error) => this.provider.classify(error, kindOf, options),
      onAccountThrottle: () =>
        this.limiters.slowAccount({ provider: this.provider.provider, account: this.account, apiAction }),
    };
  }

  private call<T>(
    spec: CallSpec,
    callsPerSecond: number,
    fn: (call: CallOptions) => Promise<T>,
    catchUp = true,
  ): Promise<T> {
    // Each account has its own limits: another account's target is paced on its own.
    const scope = {
      provider: this.provider.provider,
      account: this.account,
      region: this.provider.region,
      apiAction: spec.apiAction,
    };
    return callWithRetry(spec, this.limiters.for(scope, callsPerSecond, catchUp), this.context, fn);
  }
}
