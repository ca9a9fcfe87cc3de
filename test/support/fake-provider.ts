import type { InstanceView, PowerOptions, PowerState, ProviderName, Tags } from "../../src/domain/types.ts";
import { CloudApiError } from "../../src/errors.ts";
import type { ActionResponse, ComputeProvider, InstancePage } from "../../src/providers/compute-provider.ts";

export interface FakeInstance {
  instanceId: string;
  state: PowerState;
  tags?: Tags;
  /** Refuses STOP_CHARGING (Tencent) / hibernation (AWS). */
  refusesStopCharging?: boolean;
  refusesHibernation?: boolean;
  /** Stays in its transitional state forever. */
  stuck?: boolean;
  /** Describes that still show the transitional state before it settles (1 for a fleet's initial state). */
  holdFor?: number;
}

export interface FakeCall {
  action: "describe" | "start" | "stop";
  instanceIds: readonly string[];
  options?: PowerOptions;
}

/**
 * An in-memory cloud region with the semantics the engine must cope with: all-or-nothing batches, unknown IDs that
 * fail the call, instances that refuse an option, a scripted queue of transient failures. Transitions complete at
 * the next describe unless the instance is stuck.
 */
export class FakeProvider implements ComputeProvider {
  readonly maxIdsPerCall = 100;
  readonly describeCallsPerSecond = 40;
  readonly actionNames = { describe: "DescribeInstances", start: "StartInstances", stop: "StopInstances" } as const;
  readonly calls: FakeCall[] = [];
  /** Error codes thrown by the next calls, in order, whatever they ask (transient faults). */
  readonly failNext: string[] = [];
  readonly instances = new Map<string, FakeInstance>();
  /** Tencent omits unknown IDs from a describe by default; AWS fails the call. */
  unknownIdsOnDescribe: "omit" | "error" = "error";
  supportsDryRun = false;

  constructor(
    readonly provider: ProviderName,
    readonly region: string,
    fleet: readonly FakeInstance[] = [],
  ) {
    for (const instance of fleet) this.instances.set(instance.instanceId, { holdFor: 1, ...instance });
  }

  private maybeFail(action: string): void {
    const code = this.failNext.shift();
    if (code) throw new CloudApiError(code, `injected ${code}`, { action });
  }

  private view(instance: FakeInstance): InstanceView {
    return {
      instanceId: instance.instanceId,
      state: instance.state,
      rawState: instance.state,
      tags: instance.tags ?? {},
    };
  }

  private settleTransitions(): void {
    for (const instance of this.instances.values()) {
      if (instance.stuck) continue;
      if ((instance.holdFor ?? 0) > 0) {
        instance.holdFor = (instance.holdFor ?? 0) - 1;
        continue;
      }
      if (instance.state === "starting" || instance.state === "pending") instance.state = "running";
      if (instance.state === "stopping") instance.state = "stopped";
    }
  }

  async describeByIds(instanceIds: readonly string[]): Promise<readonly InstanceView[]> {
    this.calls.push({ action: "describe", instanceIds });
    this.maybeFail("DescribeInstances");
    this.settleTransitions();
    const unknown = instanceIds.filter((id) => !this.instances.has(id));
    if (unknown.length > 0 && this.unknownIdsOnDescribe === "error") {
      throw new CloudApiError("InvalidInstanceID.NotFound", `The instance IDs '${unknown.join(", ")}' do not exist`);
    }
    return instanceIds.flatMap((id) => {
      const instance = this.instances.get(id);
      return instance ? [this.view(instance)] : [];
    });
  }

  async describeByTags(tags: Tags, cursor: string | undefined): Promise<InstancePage> {
    this.calls.push({ action: "describe", instanceIds: [] });
    this.maybeFail("DescribeInstances");
    this.settleTransitions();
    const matching = [...this.instances.values()].filter((instance) =>
      Object.entries(tags).every(([key, value]) => instance.tags?.[key] === value),
    );
    const offset = Number(cursor ?? 0);
    const page = matching.slice(offset, offset + 100).map((instance) => this.view(instance));
    const next = offset + 100 < matching.length ? String(offset + 100) : undefined;
    return { instances: page, ...(next ? { nextCursor: next } : {}) };
  }

  async start(instanceIds: readonly string[], options: PowerOptions): Promise<ActionResponse> {
    return this.act("start", instanceIds, options);
  }

  async stop(instanceIds: readonly string[], options: PowerOptions): Promise<ActionResponse> {
    return this.act("stop", instanceIds, options);
  }

  private act(action: "start" | "stop", instanceIds: readonly string[], options: PowerOptions): ActionResponse {
    this.calls.push({ action, instanceIds, options });
    this.maybeFail(action === "start" ? "StartInstances" : "StopInstances");
    if (instanceIds.length > this.maxIdsPerCall)
      throw new CloudApiError("InvalidParameterValue.LimitExceeded", "too many");
    // All or nothing: check every instance before touching any.
    for (const id of instanceIds) {
      const instance = this.instances.get(id);
      if (!instance) throw new CloudApiError("InvalidInstanceID.NotFound", `The instance ID '${id}' does not exist`);
      const from = action === "start" ? "stopped" : "running";
      if (instance.state !== from) throw new CloudApiError("IncorrectInstanceState", `${id} is ${instance.state}`);
      if (action === "stop" && options.stoppedMode === "STOP_CHARGING" && instance.refusesStopCharging) {
        throw new CloudApiError("UnsupportedOperation.StoppedModeStopCharging", `${id} refuses STOP_CHARGING`);
      }
      if (action === "stop" && options.hibernate && instance.refusesHibernation) {
        throw new CloudApiError("UnsupportedHibernationConfiguration", `${id} has no hibernation`);
      }
    }
    const currentStates = new Map<string, string>();
    if (options.dryRun) return {}; // an adapter turns EC2's DryRunOperation answer into a normal return
    for (const id of instanceIds) {
      const instance = this.instances.get(id) as FakeInstance;
      instance.state = action === "start" ? "starting" : "stopping";
      instance.holdFor = 0;
      currentStates.set(id, instance.state);
    }
    return { currentStates };
  }

  actionCalls(): FakeCall[] {
    return this.calls.filter((call) => call.action !== "describe");
  }
}

export function fakeIds(prefix: "ins" | "i", count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) =>
    prefix === "ins"
      ? `ins-${(offset + i).toString(36).padStart(8, "0")}`
      : `i-${(offset + i).toString(16).padStart(17, "0")}`,
  );
}
