import type { ClassifiedFailure } from "../../src/domain/failure-kind.ts";
import type {
  InstanceView,
  PowerAction,
  PowerOptions,
  PowerState,
  ProviderName,
  Tags,
} from "../../src/domain/types.ts";
import { CloudApiError } from "../../src/errors.ts";
import { classifyEc2Failure, ec2OptionFallback, ec2OptionsFor } from "../../src/providers/aws/ec2-failures.ts";
import type {
  ActionResponse,
  ComputeProvider,
  InstancePage,
  OptionFallback,
} from "../../src/providers/compute-provider.ts";
import { classifyTencentFailure, tencentOptionFallback } from "../../src/providers/tencent/tencent-failures.ts";
import { cvmLatestOperation } from "../../src/providers/tencent/tencent-operations.ts";

export interface FakeInstance {
  instanceId: string;
  state: PowerState;
  tags?: Tags;
  /** Refuses STOP_CHARGING (Tencent) / hibernation (AWS). */
  refusesStopCharging?: boolean;
  refusesHibernation?: boolean;
  /** The cloud refuses this action for this instance with this code, failing every call that names it. */
  refuses?: Partial<Record<PowerAction, string>>;
  /** Start calls naming this instance refused for capacity before one succeeds (Infinity: never). */
  capacityShortfall?: number;
  /** An accepted start/stop of it moves it, then falls back (Tencent LatestOperationState FAILED). */
  operationFails?: boolean;
  /** Stays in its transitional state forever. */
  stuck?: boolean;
  /** Describes that still show the transitional state before it settles (1 for a fleet's initial state). */
  holdFor?: number;
  /** Tencent: the operation in progress, shown by describes while the instance moves. */
  operation?: { name: string; state: "OPERATING" | "FAILED" | "SUCCESS"; errorMessage?: string };
  /** Set by an accepted call: describes show this state (the old one) this many more times. */
  lagFor?: number;
  lagState?: PowerState;
}

export interface FakeCall {
  action: "describe" | "start" | "stop";
  instanceIds: readonly string[];
  options?: PowerOptions;
  /** Whether the call changed anything in the cloud. */
  applied?: boolean;
}

const TENCENT_STATE_WORD: Record<PowerState, string> = {
  pending: "Pending",
  running: "Running",
  starting: "Starting",
  stopping: "Stopping",
  stopped: "Stopped",
  rebooting: "Rebooting",
  isolated: "Shutdown",
  terminating: "Terminating",
  terminated: "Terminated",
  other: "Corrupted",
};

/**
 * An in-memory cloud region that fails the way the real ones do: all-or-nothing batches (one refused instance fails
 * the call and nothing is applied), state refusals in each cloud's own words (Tencent refuses a start of a running
 * instance, EC2 answers it as a no-op), unknown IDs, option refusals, capacity shortages, throttling (`failNext`,
 * before anything is applied), answers lost after the call was applied (`loseAnswers`), a describe lag after an
 * accepted call (`lagDescribes`), operations that are accepted and then fail, and someone else acting at the same
 * moment (`actAsSomeoneElse`). Transitions complete at the next describe unless the instance is stuck.
 */
export class FakeProvider implements ComputeProvider {
  readonly maxIdsPerCall = 100;
  readonly describeCallsPerSecond = 40;
  readonly actionNames = { describe: "DescribeInstances", start: "StartInstances", stop: "StopInstances" } as const;
  readonly calls: FakeCall[] = [];
  /** Tag pages one after another (EC2's NextToken) or every cursor from the first page's total (CVM's Offset). */
  pagination: "sequential" | "all-cursors" = "sequential";
  /** Each start/stop call waits for the promise this returns before the cloud answers it (a test holding answers). */
  holdAnswer: (() => Promise<void>) | undefined;
  /** Error codes thrown by the next calls, in order, whatever they ask, before anything is applied ("" passes). */
  readonly failNext: string[] = [];
  /** Error codes thrown by the next start/stop calls only, in order, before anything is applied ("" passes). */
  readonly failNextAction: string[] = [];
  /** The next this-many start/stop calls are applied, and then their answer is lost (RequestTimeout). */
  loseAnswers = 0;
  /** After an accepted call, describes keep showing the old state this many times (Tencent's lag). */
  lagDescribes = 0;
  readonly instances = new Map<string, FakeInstance>();
  /** Tencent omits unknown IDs from a describe by default; AWS fails the call. */
  unknownIdsOnDescribe: "omit" | "error" = "error";
  supportsDryRun = false;
  readonly notFoundCode: string;

  constructor(
    readonly provider: ProviderName,
    readonly region: string,
    fleet: readonly FakeInstance[] = [],
  ) {
    this.notFoundCode = provider === "tencent" ? "InvalidInstanceId.NotFound" : "InvalidInstanceID.NotFound";
    for (const instance of fleet) this.instances.set(instance.instanceId, { holdFor: 1, ...instance });
  }

  classify(error: CloudApiError, action: PowerAction | "describe", options?: PowerOptions): ClassifiedFailure {
    return this.provider === "tencent"
      ? classifyTencentFailure(error.code)
      : classifyEc2Failure(error.code, action, options);
  }

  optionsFor(view: InstanceView, action: PowerAction, options: PowerOptions): OptionFallback {
    return this.provider === "aws" ? ec2OptionsFor(view, action, options) : { options };
  }

  fallback(error: CloudApiError, action: PowerAction, options: PowerOptions): OptionFallback | undefined {
    return this.provider === "tencent"
      ? tencentOptionFallback(error.code, action, options)
      : ec2OptionFallback(error.code, action, options);
  }

  private maybeFail(action: string): void {
    const code = this.failNext.shift();
    if (code) throw new CloudApiError(code, `injected ${code}`, { action });
  }

  private view(instance: FakeInstance): InstanceView {
    const lagging = (instance.lagFor ?? 0) > 0 && instance.lagState !== undefined;
    if (lagging) instance.lagFor = (instance.lagFor ?? 0) - 1;
    const state = lagging ? (instance.lagState as PowerState) : instance.state;
    return {
      instanceId: instance.instanceId,
      state,
      cloudState: state,
      tags: instance.tags ?? {},
      ...(instance.operation && !lagging
        ? {
            // The fake speaks CVM's operation words: the adapter's own mapping turns them into the domain's.
            latestOperation: cvmLatestOperation({
              LatestOperation: instance.operation.name,
              LatestOperationState: instance.operation.state,
              LatestOperationErrorMsg: instance.operation.errorMessage ?? null,
            }),
          }
        : {}),
      ...(this.provider === "aws" && instance.refusesHibernation !== undefined
        ? { canHibernate: !instance.refusesHibernation }
        : {}),
    };
  }

  private settleTransitions(): void {
    for (const instance of this.instances.values()) {
      if (instance.stuck) continue;
      if ((instance.lagFor ?? 0) > 0) continue;
      if ((instance.holdFor ?? 0) > 0) {
        instance.holdFor = (instance.holdFor ?? 0) - 1;
        continue;
      }
      const moving = instance.state === "starting" || instance.state === "pending" || instance.state === "stopping";
      if (!moving) continue;
      if (instance.operationFails && instance.operation) {
        instance.state = instance.state === "stopping" ? "running" : "stopped";
        instance.operation = { ...instance.operation, state: "FAILED", errorMessage: "injected operation failure" };
        continue;
      }
      instance.state = instance.state === "stopping" ? "stopped" : "running";
      if (instance.operation) instance.operation = { ...instance.operation, state: "SUCCESS" };
    }
  }

  async describeByIds(instanceIds: readonly string[]): Promise<readonly InstanceView[]> {
    this.calls.push({ action: "describe", instanceIds });
    this.maybeFail("DescribeInstances");
    this.settleTransitions();
    const unknown = instanceIds.filter((id) => !this.instances.has(id));
    if (unknown.length > 0 && this.unknownIdsOnDescribe === "error") {
      throw new CloudApiError(this.notFoundCode, `The instance IDs '${unknown.join(", ")}' do not exist`);
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
    if (this.pagination === "all-cursors") {
      if (cursor !== undefined) return { instances: page };
      const remainingCursors: string[] = [];
      for (let next = 100; next < matching.length; next += 100) remainingCursors.push(String(next));
      return { instances: page, remainingCursors };
    }
    const next = offset + 100 < matching.length ? String(offset + 100) : undefined;
    return { instances: page, ...(next ? { nextCursor: next } : {}) };
  }

  async start(instanceIds: readonly string[], options: PowerOptions): Promise<ActionResponse> {
    if (this.holdAnswer) await this.holdAnswer();
    return this.act("start", instanceIds, options);
  }

  async stop(instanceIds: readonly string[], options: PowerOptions): Promise<ActionResponse> {
    if (this.holdAnswer) await this.holdAnswer();
    return this.act("stop", instanceIds, options);
  }

  /** Someone else (a person in the console, another run) starts or stops these instances now. */
  actAsSomeoneElse(action: PowerAction, instanceIds: readonly string[]): void {
    for (const id of instanceIds) {
      const instance = this.instances.get(id);
      if (!instance) continue;
      instance.state = action === "start" ? "starting" : "stopping";
      instance.holdFor = 1;
    }
  }

  /** The code with which this cloud refuses the action for an instance in this state, or "ok" / "no-op". */
  private stateCheck(action: PowerAction, instance: FakeInstance): "ok" | "no-op" | string {
    const from = action === "start" ? "stopped" : "running";
    if (instance.state === from) return "ok";
    if (this.provider === "aws") {
      const target = action === "start" ? ["running", "pending"] : ["stopped", "stopping"];
      return target.includes(instance.state) ? "no-op" : "IncorrectInstanceState";
    }
    return `UnsupportedOperation.InstanceState${TENCENT_STATE_WORD[instance.state]}`;
  }

  private act(action: PowerAction, instanceIds: readonly string[], options: PowerOptions): ActionResponse {
    const call: FakeCall = { action, instanceIds, options, applied: false };
    this.calls.push(call);
    this.maybeFail(action === "start" ? "StartInstances" : "StopInstances");
    const injected = this.failNextAction.shift();
    if (injected) throw new CloudApiError(injected, `injected ${injected}`, { action });
    if (instanceIds.length > this.maxIdsPerCall) {
      throw new CloudApiError("InvalidParameterValue.LimitExceeded", "too many");
    }
    // All or nothing: check every instance before touching any.
    const toMove: FakeInstance[] = [];
    for (const id of instanceIds) {
      const instance = this.instances.get(id);
      if (!instance) throw new CloudApiError(this.notFoundCode, `The instance ID '${id}' does not exist`);
      if (instance.operation?.state === "OPERATING" && this.provider === "tencent") {
        throw new CloudApiError("OperationDenied.InstanceOperationInProgress", `${id} has an operation in progress`);
      }
      const check = this.stateCheck(action, instance);
      if (check !== "ok" && check !== "no-op") throw new CloudApiError(check, `${id} is ${instance.state}`);
      const refusal = instance.refuses?.[action];
      if (refusal) throw new CloudApiError(refusal, `${id} refuses to ${action}`);
      if (action === "start" && (instance.capacityShortfall ?? 0) > 0) {
        instance.capacityShortfall = (instance.capacityShortfall ?? 0) - 1;
        throw new CloudApiError("InsufficientInstanceCapacity", "Insufficient capacity.");
      }
      if (action === "stop" && options.releaseComputeWhileStopped && instance.refusesStopCharging) {
        throw new CloudApiError("UnsupportedOperation.StoppedModeStopCharging", `${id} refuses STOP_CHARGING`);
      }
      if (action === "stop" && options.hibernate && instance.refusesHibernation) {
        throw new CloudApiError("UnsupportedHibernationConfiguration", `${id} has no hibernation`);
      }
      if (check === "ok") toMove.push(instance);
    }
    if (options.dryRun) return {}; // an adapter turns EC2's DryRunOperation answer into a normal return
    const currentStates = new Map<string, string>();
    for (const instance of toMove) {
      const old = instance.state;
      instance.state = action === "start" ? "starting" : "stopping";
      instance.holdFor = 0;
      if (this.provider === "tencent") {
        instance.operation = { name: action === "start" ? "StartInstances" : "StopInstances", state: "OPERATING" };
      }
      if (this.lagDescribes > 0) {
        instance.lagFor = this.lagDescribes;
        instance.lagState = old;
      }
    }
    call.applied = true;
    for (const id of instanceIds) currentStates.set(id, this.instances.get(id)?.state ?? "unknown");
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new CloudApiError("RequestTimeout", "the answer was lost after the call was applied");
    }
    // EC2 answers with each instance's current state; Tencent with a RequestId only.
    return this.provider === "aws" ? { currentStates } : { requestId: `req-${this.calls.length}` };
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
