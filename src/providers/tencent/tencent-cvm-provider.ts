import { cvm } from "tencentcloud-sdk-nodejs-cvm";
import type { ClassifiedFailure, InstanceView, PowerAction, PowerOptions, Tags } from "../../domain/index.ts";
import type { CloudApiError } from "../../errors.ts";
import type {
  ActionResponse,
  CallOptions,
  ComputeProvider,
  InstancePage,
  OptionFallback,
  ProviderTagging,
} from "../compute-provider.ts";
import { cvmPowerState } from "./cvm-states.ts";
import { fromTencentError } from "./tencent-errors.ts";
import { classifyTencentFailure, tencentOptionFallback } from "./tencent-failures.ts";
import { tencentHttpProfile } from "./tencent-http-profile.ts";
import { cvmLatestOperation } from "./tencent-operations.ts";
import type { TencentCredential } from "./tencent-settings.ts";
import { cvmStopParameters } from "./tencent-stop-options.ts";
import { tencentTagging } from "./tencent-tagging.ts";

type CvmClient = InstanceType<typeof cvm.v20170312.Client>;
type DescribeAnswer = Awaited<ReturnType<CvmClient["DescribeInstances"]>>;
type CvmInstance = NonNullable<DescribeAnswer["InstanceSet"]>[number];
type ActionAnswer = Awaited<ReturnType<CvmClient["StartInstances"]>>;

const PAGE_SIZE = 100;

export interface TencentCvmOptions {
  readonly region: string;
  /** Called before every request: role keys rotate (an assumed role's are renewed before they expire). */
  readonly credential: () => TencentCredential | Promise<TencentCredential>;
  /** A full URL such as http://127.0.0.1:9000; default the public endpoint. */
  readonly endpoint?: string;
  readonly requestTimeoutMs: number;
}

function toView(instance: CvmInstance): InstanceView {
  const tags: Record<string, string> = {};
  for (const tag of instance.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? "";
  const latestOperation = cvmLatestOperation(instance);
  const restricted = instance.RestrictState && instance.RestrictState !== "NORMAL" ? instance.RestrictState : undefined;
  return {
    instanceId: instance.InstanceId ?? "",
    state: cvmPowerState(instance.InstanceState),
    cloudState: instance.InstanceState ?? "UNKNOWN",
    tags,
    ...(latestOperation ? { latestOperation } : {}),
    ...(restricted ? { restricted } : {}),
  };
}

/** Tencent Cloud CVM (API 2017-03-12) through tencentcloud-sdk-nodejs-cvm. SDK calls and error mapping only. */
export class TencentCvmProvider implements ComputeProvider {
  readonly provider = "tencent" as const;
  readonly region: string;
  readonly maxIdsPerCall = 100;
  readonly describeCallsPerSecond = 40;
  readonly supportsDryRun = false;
  readonly actionNames = { describe: "DescribeInstances", start: "StartInstances", stop: "StopInstances" } as const;
  readonly notFoundCode = "InvalidInstanceId.NotFound";
  /** The Tag API's AttachResourcesTag / DetachResourcesTag (tencent-tagging.ts). */
  readonly tagging: ProviderTagging;
  private readonly client: CvmClient;
  private readonly credential: TencentCvmOptions["credential"];

  constructor(options: TencentCvmOptions) {
    this.region = options.region;
    this.credential = options.credential;
    this.client = new cvm.v20170312.Client({
      credential: { getCredential: async () => options.credential() },
      region: options.region,
      profile: { httpProfile: tencentHttpProfile("cvm", options.endpoint, options.requestTimeoutMs) },
    });
    this.tagging = tencentTagging(options);
  }

  /** The key pair is read as every request would read it: missing keys refuse the run before the SDK wraps them. */
  async checkCredentials(): Promise<void> {
    await this.credential();
  }

  classify(error: CloudApiError): ClassifiedFailure {
    return classifyTencentFailure(error.code);
  }

  optionsFor(_view: InstanceView, _action: PowerAction, options: PowerOptions): OptionFallback {
    return { options };
  }

  fallback(error: CloudApiError, action: PowerAction, options: PowerOptions): OptionFallback | undefined {
    return tencentOptionFallback(error.code, action, options);
  }

  /** One API call through the SDK's generic request, which takes an abort signal (the typed methods do not). */
  private async call<T>(action: string, params: object, call: CallOptions | undefined): Promise<T> {
    try {
      return (await this.client.request(action, params, call?.signal ? { signal: call.signal } : {})) as T;
    } catch (error) {
      throw fromTencentError(error, action);
    }
  }

  async describeByIds(instanceIds: readonly string[], call?: CallOptions): Promise<readonly InstanceView[]> {
    const answer = await this.call<DescribeAnswer>(
      "DescribeInstances",
      { InstanceIds: [...instanceIds], Limit: PAGE_SIZE },
      call,
    );
    return (answer.InstanceSet ?? []).map(toView);
  }

  async describeByTags(tags: Tags, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    // CVM tag filters match values exactly.
    const filters = Object.entries(tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
    return this.describeFiltered(filters, cursor, call);
  }

  /** The `tag-key` filter: every instance with a tag of this key, whatever its value. */
  async describeByTagKey(key: string, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    return this.describeFiltered([{ Name: "tag-key", Values: [key] }], cursor, call);
  }

  private async describeFiltered(
    Filters: readonly { Name: string; Values: string[] }[],
    cursor: string | undefined,
    call: CallOptions | undefined,
  ): Promise<InstancePage> {
    const offset = Number(cursor ?? 0);
    const answer = await this.call<DescribeAnswer>(
      "DescribeInstances",
      { Filters, Offset: offset, Limit: PAGE_SIZE },
      call,
    );
    const instances = (answer.InstanceSet ?? []).map(toView);
    if (cursor !== undefined) return { instances };
    const total = answer.TotalCount ?? instances.length;
    const remainingCursors: string[] = [];
    for (let next = PAGE_SIZE; next < total; next += PAGE_SIZE) remainingCursors.push(String(next));
    return { instances, remainingCursors };
  }

  async start(instanceIds: readonly string[], _options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    const answer = await this.call<ActionAnswer>("StartInstances", { InstanceIds: [...instanceIds] }, call);
    return { ...(answer.RequestId ? { requestId: answer.RequestId } : {}) };
  }

  async stop(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    const answer = await this.call<ActionAnswer>(
      "StopInstances",
      { InstanceIds: [...instanceIds], ...cvmStopParameters(options) },
      call,
    );
    return { ...(answer.RequestId ? { requestId: answer.RequestId } : {}) };
  }
}
