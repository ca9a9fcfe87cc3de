import EcsModule, * as $Ecs from "@alicloud/ecs20140526";
import type { ClassifiedFailure, InstanceView, PowerAction, PowerOptions, Tags } from "../../domain/index.ts";
import { type CloudApiError, InvalidInputError } from "../../errors.ts";
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";
import type {
  ActionResponse,
  CallOptions,
  ComputeProvider,
  InstancePage,
  OptionFallback,
} from "../compute-provider.ts";
import type { AlibabaAssumeRequest } from "./alibaba-assume-role.ts";
import { ALIBABA, ECS_DEFAULT_RATES, ECS_MAX_IDS_PER_CALL, ECS_MAX_TAGS, ECS_PAGE_SIZE } from "./alibaba-facts.ts";
import { abortable, alibabaSdkConfig, type CredentialSource, clientClass } from "./alibaba-sdk-config.ts";
import { EcsBatchRefusalError, readBatchResults, throwOnRefusals } from "./ecs-batch-results.ts";
import { fromEcsError } from "./ecs-errors.ts";
import { classifyEcsFailure } from "./ecs-failures.ts";
import { ecsPowerState } from "./ecs-states.ts";
import { ecsStopParameters } from "./ecs-stop-parameters.ts";
import { type EcsInstanceView, ecsOptionsFor } from "./ecs-stopped-mode.ts";

const EcsClient = clientClass(EcsModule);
type EcsInstance = $Ecs.DescribeInstancesResponseBodyInstancesInstance;

/**
 * A ComputeProvider whose `provider` is "alibaba". The domain's PROVIDERS does not list Alibaba yet (the registry of
 * issue 20 adds it); once it does, this becomes `ComputeProvider` and EcsProvider says `implements ComputeProvider`.
 */
export type EcsComputeProvider = Omit<ComputeProvider, "provider"> & { readonly provider: typeof ALIBABA };

export interface EcsOptions {
  readonly region: string;
  /** Called before every request: role keys rotate. */
  readonly credential: CredentialSource;
  /** A full URL such as http://127.0.0.1:9000 (ALIBABA_CLOUD_ECS_ENDPOINT); default the regional endpoint. */
  readonly endpoint?: string;
  readonly requestTimeoutMs: number;
}

function toView(instance: EcsInstance): EcsInstanceView {
  const tags: Record<string, string> = {};
  for (const tag of instance.tags?.tag ?? []) if (tag.tagKey) tags[tag.tagKey] = tag.tagValue ?? "";
  const locks = (instance.operationLocks?.lockReason ?? []).map((lock) => lock.lockReason).filter(Boolean);
  return {
    instanceId: instance.instanceId ?? "",
    state: ecsPowerState(instance.status),
    rawState: instance.status ?? "Unknown",
    tags,
    // A security lock refuses starts ([L] in ecs-failures.ts): the engine fails such an instance without a call.
    ...(locks.includes("security") ? { restricted: "LockedForSecurity" } : {}),
    ecs: {
      ...(instance.instanceChargeType ? { chargeType: instance.instanceChargeType } : {}),
      ...(instance.instanceNetworkType ? { networkType: instance.instanceNetworkType } : {}),
      ...(instance.localStorageAmount !== undefined ? { localStorageAmount: instance.localStorageAmount } : {}),
      ...(instance.stoppedMode ? { stoppedMode: instance.stoppedMode } : {}),
    },
  };
}

/** Alibaba Cloud ECS (API 2014-05-26) through @alicloud/ecs20140526. SDK calls and error mapping only. */
export class EcsProvider implements EcsComputeProvider {
  readonly provider = ALIBABA;
  readonly region: string;
  readonly maxIdsPerCall = ECS_MAX_IDS_PER_CALL;
  readonly describeCallsPerSecond = ECS_DEFAULT_RATES.DescribeInstances;
  /** With SuccessFirst, DryRun answers DRYRUN.SUCCESS whatever the check finds: a dry run makes no action call. */
  readonly supportsDryRun = false;
  readonly actionNames = { describe: "DescribeInstances", start: "StartInstances", stop: "StopInstances" } as const;
  readonly notFoundCode = "InvalidInstanceId.NotFound";
  private readonly client: InstanceType<typeof EcsClient>;

  /** Assumes a role through Alibaba STS; the STS SDK loads on first use. */
  static async assumeRole(request: AlibabaAssumeRequest): Promise<TemporaryCredentials> {
    const { assumeAlibabaRole } = await import("./alibaba-assume-role.ts");
    return assumeAlibabaRole(request);
  }

  constructor(options: EcsOptions) {
    this.region = options.region;
    this.client = new EcsClient(alibabaSdkConfig(options));
  }

  classify(error: CloudApiError): ClassifiedFailure {
    if (error instanceof EcsBatchRefusalError) return error.classification();
    return classifyEcsFailure(error.code);
  }

  optionsFor(view: InstanceView, action: PowerAction, options: PowerOptions): OptionFallback {
    return ecsOptionsFor(view as EcsInstanceView, action, options);
  }

  /** ECS never refuses StopCharging (it applies KeepCharging silently): there is no option to fall back from. */
  fallback(): OptionFallback | undefined {
    return undefined;
  }

  private async call<T>(action: string, call: CallOptions | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await abortable(action, call, run);
    } catch (error) {
      // No credentials (readAlibabaCredential, called by the SDK before signing): the input error, as it is.
      if (error instanceof InvalidInputError) throw error;
      throw fromEcsError(error, action);
    }
  }

  private async describePages(
    request: Partial<$Ecs.DescribeInstancesRequest>,
    call: CallOptions | undefined,
  ): Promise<{ instances: EcsInstanceView[]; nextToken?: string }> {
    const answer = await this.call("DescribeInstances", call, () =>
      this.client.describeInstances(
        new $Ecs.DescribeInstancesRequest({ regionId: this.region, maxResults: ECS_PAGE_SIZE, ...request }),
      ),
    );
    const body = answer.body;
    const instances = (body?.instances?.instance ?? []).map(toView);
    return { instances, ...(body?.nextToken ? { nextToken: body.nextToken } : {}) };
  }

  async describeByIds(instanceIds: readonly string[], call?: CallOptions): Promise<readonly InstanceView[]> {
    // InstanceIds is a JSON array of at most 100 IDs; unknown IDs are left out of the answer (unconfirmed whether ECS
    // may instead answer InvalidInstanceId.NotFound: the engine handles both). Further pages are read in case.
    const views: EcsInstanceView[] = [];
    let token: string | undefined;
    do {
      const page = await this.describePages(
        { instanceIds: JSON.stringify(instanceIds), ...(token ? { nextToken: token } : {}) },
        call,
      );
      views.push(...page.instances);
      token = page.nextToken;
    } while (token);
    return views;
  }

  async describeByTags(tags: Tags, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    const entries = Object.entries(tags);
    if (entries.length > ECS_MAX_TAGS) {
      throw new InvalidInputError(
        `tags: ECS DescribeInstances takes at most ${ECS_MAX_TAGS} tags, not ${entries.length}`,
      );
    }
    // Tag.N.Key / Tag.N.Value: exact values.
    const tag = entries.map(([key, value]) => new $Ecs.DescribeInstancesRequestTag({ key, value }));
    const page = await this.describePages({ tag, ...(cursor ? { nextToken: cursor } : {}) }, call);
    return { instances: page.instances, ...(page.nextToken ? { nextCursor: page.nextToken } : {}) };
  }

  async start(instanceIds: readonly string[], _options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    const answer = await this.call("StartInstances", call, () =>
      this.client.startInstances(
        new $Ecs.StartInstancesRequest({
          regionId: this.region,
          instanceId: [...instanceIds],
          batchOptimization: "SuccessFirst",
        }),
      ),
    );
    return this.perInstance("StartInstances", instanceIds, answer.body);
  }

  async stop(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    const { StoppedMode, ForceStop } = ecsStopParameters(options);
    const answer = await this.call("StopInstances", call, () =>
      this.client.stopInstances(
        new $Ecs.StopInstancesRequest({
          regionId: this.region,
          instanceId: [...instanceIds],
          batchOptimization: "SuccessFirst",
          stoppedMode: StoppedMode,
          forceStop: ForceStop,
        }),
      ),
    );
    return this.perInstance("StopInstances", instanceIds, answer.body);
  }

  /** SuccessFirst: each instance's Code; any refusal is thrown (see EcsBatchRefusalError), the rest accepted. */
  private perInstance(
    action: string,
    asked: readonly string[],
    body: $Ecs.StartInstancesResponseBody | $Ecs.StopInstancesResponseBody | undefined,
  ): ActionResponse {
    const results = readBatchResults(asked, body?.instanceResponses?.instanceResponse);
    throwOnRefusals(results, action, body?.requestId);
    const currentStates = new Map([...results.accepted].filter(([, status]) => status !== ""));
    return { currentStates, ...(body?.requestId ? { requestId: body.requestId } : {}) };
  }
}
