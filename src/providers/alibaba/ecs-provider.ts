import type { z } from "zod";
import type { ClassifiedFailure, InstanceView, PowerAction, PowerOptions, Tags } from "../../domain/index.ts";
import { CloudApiError, InvalidInputError, TRANSPORT_CODES } from "../../errors.ts";
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";
import type {
  ActionResponse,
  CallOptions,
  ComputeProvider,
  InstancePage,
  OptionFallback,
  ProviderTagging,
} from "../compute-provider.ts";
import type { AlibabaAssumeRequest } from "./alibaba-assume-role.ts";
import { ALIBABA, ECS_DEFAULT_RATES, ECS_MAX_IDS_PER_CALL, ECS_MAX_TAGS, ECS_PAGE_SIZE } from "./alibaba-facts.ts";
import { abortable, type CredentialSource } from "./alibaba-sdk-config.ts";
import { alibabaDescriptor } from "./descriptor.ts";
import { DescribeInstancesAnswerSchema, type EcsInstance, PowerAnswerSchema } from "./ecs-answers.ts";
import { EcsBatchRefusalError, readBatchResults, refusalErrors, throwOnRefusals } from "./ecs-batch-results.ts";
import type { DescribeQuery, EcsClient, PowerQuery } from "./ecs-client.ts";
import { fromEcsError } from "./ecs-errors.ts";
import { classifyEcsFailure } from "./ecs-failures.ts";
import { ecsPowerState } from "./ecs-states.ts";
import { ecsStopParameters } from "./ecs-stop-parameters.ts";
import { type EcsInstanceView, ecsOptionsFor } from "./ecs-stopped-mode.ts";

export interface EcsOptions {
  readonly region: string;
  /** Called before every request: role keys rotate. */
  readonly credential: CredentialSource;
  /** A full URL such as http://127.0.0.1:9000 (ALIBABA_CLOUD_ECS_ENDPOINT); default the regional endpoint. */
  readonly endpoint?: string;
  readonly requestTimeoutMs: number;
}

/** An answer that is not ECS's JSON: the call may have been applied (a server fault, `uncertain`). */
function parsed<T>(schema: z.ZodType<T>, raw: unknown, action: string): T {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new CloudApiError(TRANSPORT_CODES.server, `${action}: not an ECS answer (${result.error.issues[0]?.message})`, {
    action,
  });
}

function toView(instance: EcsInstance): EcsInstanceView {
  const tags: Record<string, string> = {};
  for (const tag of instance.Tags?.Tag ?? []) if (tag.TagKey) tags[tag.TagKey] = tag.TagValue ?? "";
  const locks = (instance.OperationLocks?.LockReason ?? []).map((lock) => lock.LockReason);
  return {
    instanceId: instance.InstanceId ?? "",
    state: ecsPowerState(instance.Status),
    cloudState: instance.Status ?? "Unknown",
    tags,
    // A security lock refuses starts ([L] in ecs-failures.ts): the engine fails such an instance without a call.
    ...(locks.includes("security") ? { restricted: "LockedForSecurity" } : {}),
    ecs: {
      ...(instance.InstanceChargeType ? { chargeType: instance.InstanceChargeType } : {}),
      ...(instance.InstanceNetworkType ? { networkType: instance.InstanceNetworkType } : {}),
      ...(typeof instance.LocalStorageAmount === "number" ? { localStorageAmount: instance.LocalStorageAmount } : {}),
      ...(instance.StoppedMode ? { stoppedMode: instance.StoppedMode } : {}),
    },
  };
}

/**
 * Alibaba Cloud ECS (API 2014-05-26). SDK calls and error mapping only; the calls go through an EcsClient (the
 * official generated client, or openapi-core alone: ecs-sdk-client.ts / ecs-core-client.ts build one of each).
 */
export class EcsProvider implements ComputeProvider {
  readonly provider = ALIBABA;
  readonly region: string;
  readonly maxIdsPerCall = ECS_MAX_IDS_PER_CALL;
  readonly describeCallsPerSecond = ECS_DEFAULT_RATES.DescribeInstances;
  /** With SuccessFirst, DryRun answers DRYRUN.SUCCESS whatever the check finds: a dry run makes no action call. */
  readonly supportsDryRun = false;
  readonly actionNames = { describe: "DescribeInstances", start: "StartInstances", stop: "StopInstances" } as const;
  readonly notFoundCode = "InvalidInstanceId.NotFound";
  /** TagResources / UntagResources (ResourceType instance): 50 instances a call, cited in alibaba-facts.ts. */
  readonly tagging: ProviderTagging = {
    ...alibabaDescriptor.tagging,
    tag: async (instanceIds, tags, call) => {
      const tag = Object.entries(tags).map(([key, value]) => ({ key, value }));
      await this.call("TagResources", call, () => this.client.tagResources({ ...this.resources(instanceIds), tag }));
    },
    untag: async (instanceIds, keys, call) => {
      await this.call("UntagResources", call, () =>
        this.client.untagResources({ ...this.resources(instanceIds), tagKey: [...keys] }),
      );
    },
  };

  /** Assumes a role through Alibaba STS; the STS SDK loads on first use. */
  static async assumeRole(request: AlibabaAssumeRequest): Promise<TemporaryCredentials> {
    const { assumeAlibabaRole } = await import("./alibaba-assume-role.ts");
    return assumeAlibabaRole(request);
  }

  private readonly credential: CredentialSource;

  constructor(
    options: EcsOptions,
    private readonly client: EcsClient,
  ) {
    this.region = options.region;
    this.credential = options.credential;
  }

  /**
   * The keys are read as every request reads them: missing ones refuse the run (MissingCredentialsError, naming the
   * variables) before any call, as Tencent's and AWS's do.
   */
  async checkCredentials(): Promise<void> {
    await this.credential();
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
      // No credentials (readAlibabaCredential, called by the SDK before signing): the refusal, as it is.
      if (error instanceof InvalidInputError) throw error;
      throw fromEcsError(error, action);
    }
  }

  private resources(instanceIds: readonly string[]) {
    return { regionId: this.region, resourceType: "instance" as const, resourceId: [...instanceIds] };
  }

  private async describe(
    query: Omit<DescribeQuery, "regionId" | "maxResults">,
    call: CallOptions | undefined,
  ): Promise<{ instances: EcsInstanceView[]; nextToken?: string }> {
    const raw = await this.call("DescribeInstances", call, () =>
      this.client.describeInstances({ regionId: this.region, maxResults: ECS_PAGE_SIZE, ...query }),
    );
    const answer = parsed(DescribeInstancesAnswerSchema, raw, "DescribeInstances");
    const instances = (answer.Instances?.Instance ?? []).map(toView);
    return { instances, ...(answer.NextToken ? { nextToken: answer.NextToken } : {}) };
  }

  async describeByIds(instanceIds: readonly string[], call?: CallOptions): Promise<readonly InstanceView[]> {
    // InstanceIds is a JSON array of at most 100 IDs; unknown IDs are left out of the answer (unconfirmed whether ECS
    // may instead answer InvalidInstanceId.NotFound: the engine handles both). Further pages are read in case.
    const views: EcsInstanceView[] = [];
    let token: string | undefined;
    do {
      const page = await this.describe(
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
    const tag = entries.map(([key, value]) => ({ key, value }));
    const page = await this.describe({ tag, ...(cursor ? { nextToken: cursor } : {}) }, call);
    return { instances: page.instances, ...(page.nextToken ? { nextCursor: page.nextToken } : {}) };
  }

  /** `Tag.1.Key` without a value: every instance with a tag of this key, whatever its value. */
  async describeByTagKey(key: string, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    const page = await this.describe({ tag: [{ key }], ...(cursor ? { nextToken: cursor } : {}) }, call);
    return { instances: page.instances, ...(page.nextToken ? { nextCursor: page.nextToken } : {}) };
  }

  async start(instanceIds: readonly string[], _options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    const query: PowerQuery = {
      regionId: this.region,
      instanceId: [...instanceIds],
      batchOptimization: "SuccessFirst",
    };
    const raw = await this.call("StartInstances", call, () => this.client.startInstances(query));
    return this.perInstance("StartInstances", instanceIds, raw);
  }

  async stop(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    const { StoppedMode, ForceStop } = ecsStopParameters(options);
    const query: PowerQuery = {
      regionId: this.region,
      instanceId: [...instanceIds],
      batchOptimization: "SuccessFirst",
      stoppedMode: StoppedMode,
      forceStop: ForceStop,
    };
    const raw = await this.call("StopInstances", call, () => this.client.stopInstances(query));
    return this.perInstance("StopInstances", instanceIds, raw);
  }

  /** SuccessFirst: each instance's Code; all refused is thrown, some refused come back per instance (`refused`). */
  private perInstance(action: string, asked: readonly string[], raw: unknown): ActionResponse {
    const answer = parsed(PowerAnswerSchema, raw, action);
    const lines = (answer.InstanceResponses?.InstanceResponse ?? []).map((line) => ({
      ...(line.InstanceId ? { instanceId: line.InstanceId } : {}),
      ...(line.Code ? { code: line.Code } : {}),
      ...(line.Message ? { message: line.Message } : {}),
      ...(line.PreviousStatus ? { previousStatus: line.PreviousStatus } : {}),
      ...(line.CurrentStatus ? { currentStatus: line.CurrentStatus } : {}),
    }));
    const requestId = answer.RequestId ?? undefined;
    const results = readBatchResults(asked, lines);
    throwOnRefusals(results, action, requestId);
    // In the domain's words, as the report's `after` column shows every cloud's (`Stopping` → `stopping`); a status
    // a later API version adds stays as ECS spells it.
    const currentStates = new Map(
      [...results.accepted]
        .filter(([, status]) => status !== "")
        .map(([id, status]) => [id, ecsPowerState(status) === "other" ? status : ecsPowerState(status)]),
    );
    const refused = refusalErrors(results, action, requestId);
    return { currentStates, ...(refused.size > 0 ? { refused } : {}), ...(requestId ? { requestId } : {}) };
  }
}
