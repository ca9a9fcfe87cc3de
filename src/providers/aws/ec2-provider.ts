import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  type DescribeInstancesCommandOutput,
  EC2Client,
  type InstanceStateChange,
  StartInstancesCommand,
  StopInstancesCommand,
} from "@aws-sdk/client-ec2";
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
import { isCredentialsProviderError, missingAwsCredentials } from "./aws-missing-credentials.ts";
import { awsDescriptor } from "./descriptor.ts";
import { fromEc2Error } from "./ec2-errors.ts";
import { classifyEc2Failure, ec2OptionFallback, ec2OptionsFor } from "./ec2-failures.ts";
import { ec2PowerState } from "./ec2-states.ts";
import { ec2StopParameters } from "./ec2-stop-options.ts";

/** Instances per DescribeInstances page when selecting by tags: EC2's `MaxResults` maximum (never sent with IDs). */
const PAGE_SIZE = 1000;

export interface Ec2Options {
  readonly region: string;
  readonly requestTimeoutMs: number;
  /** Only for tests; otherwise the SDK's own AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL apply. */
  readonly endpoint?: string;
  /**
   * Keys given explicitly, or a provider of temporary keys (an assumed role's); otherwise the SDK's default chain.
   */
  readonly credentials?:
    | { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
    | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>);
}

function toViews(answer: DescribeInstancesCommandOutput): InstanceView[] {
  return (answer.Reservations ?? []).flatMap((reservation) =>
    (reservation.Instances ?? []).map((instance) => {
      const tags: Record<string, string> = {};
      for (const tag of instance.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? "";
      const name = instance.State?.Name;
      return {
        instanceId: instance.InstanceId ?? "",
        state: ec2PowerState(name),
        cloudState: name ?? "unknown",
        tags,
        ...(instance.StateReason?.Code ? { stateReason: instance.StateReason.Code } : {}),
        ...(instance.HibernationOptions?.Configured !== undefined
          ? { canHibernate: instance.HibernationOptions.Configured }
          : {}),
      };
    }),
  );
}

function abortable(call: CallOptions | undefined): { abortSignal?: AbortSignal } {
  return call?.signal ? { abortSignal: call.signal } : {};
}

/** EC2 filter values: `*` and `?` are wildcards, `\` escapes. */
export function escapeWildcards(value: string): string {
  return value.replace(/[\\*?]/g, (char) => `\\${char}`);
}

function currentStates(changes: InstanceStateChange[] | undefined): Map<string, string> {
  const states = new Map<string, string>();
  for (const change of changes ?? []) {
    if (change.InstanceId && change.CurrentState?.Name) states.set(change.InstanceId, change.CurrentState.Name);
  }
  return states;
}

/** AWS EC2 (API 2016-11-15) through @aws-sdk/client-ec2. SDK calls and error mapping only. */
export class Ec2Provider implements ComputeProvider {
  readonly provider = "aws" as const;
  readonly region: string;
  readonly maxIdsPerCall = 100;
  readonly describeCallsPerSecond = 40;
  readonly supportsDryRun = true;
  readonly actionNames = { describe: "DescribeInstances", start: "StartInstances", stop: "StopInstances" } as const;
  readonly notFoundCode = "InvalidInstanceID.NotFound";
  /** CreateTags / DeleteTags: one call names up to 1,000 instances (the limit is cited in descriptor.ts). */
  readonly tagging: ProviderTagging = {
    ...awsDescriptor.tagging,
    tag: async (instanceIds, tags, call) => {
      const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      await this.call("CreateTags", () =>
        this.client.send(new CreateTagsCommand({ Resources: [...instanceIds], Tags }), abortable(call)),
      );
    },
    untag: async (instanceIds, keys, call) => {
      // A tag given by its key alone is removed whatever its value.
      const Tags = keys.map((Key) => ({ Key }));
      await this.call("DeleteTags", () =>
        this.client.send(new DeleteTagsCommand({ Resources: [...instanceIds], Tags }), abortable(call)),
      );
    },
  };
  private readonly client: EC2Client;

  constructor(options: Ec2Options) {
    this.region = options.region;
    this.client = new EC2Client({
      region: options.region,
      // The engine retries, paced and bounded by the function's time: the SDK's own retries would multiply with ours.
      maxAttempts: 1,
      // Without throwOnRequestTimeout the handler only logs a warning and a hung request waits for the socket to die.
      requestHandler: {
        requestTimeout: options.requestTimeoutMs,
        connectionTimeout: options.requestTimeoutMs,
        throwOnRequestTimeout: true,
      },
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  /**
   * Asks the client's credential provider (the explicit keys, an assumed role's, or the SDK's default chain, which
   * caches what it finds for the calls): only the chain's own "found none" refuses the run; any other failure is left
   * to the first call, which reports it as the cloud's.
   */
  async checkCredentials(): Promise<void> {
    try {
      await this.client.config.credentials();
    } catch (error) {
      if (isCredentialsProviderError(error)) throw missingAwsCredentials(error);
    }
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw fromEc2Error(error, action);
    }
  }

  classify(error: CloudApiError, action: PowerAction | "describe", options?: PowerOptions): ClassifiedFailure {
    return classifyEc2Failure(error.code, action, options);
  }

  optionsFor(view: InstanceView, action: PowerAction, options: PowerOptions): OptionFallback {
    return ec2OptionsFor(view, action, options);
  }

  fallback(error: CloudApiError, action: PowerAction, options: PowerOptions): OptionFallback | undefined {
    return ec2OptionFallback(error.code, action, options);
  }

  async describeByIds(instanceIds: readonly string[], call?: CallOptions): Promise<readonly InstanceView[]> {
    const answer = await this.call("DescribeInstances", () =>
      this.client.send(new DescribeInstancesCommand({ InstanceIds: [...instanceIds] }), abortable(call)),
    );
    return toViews(answer);
  }

  async describeByTags(tags: Tags, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    // EC2 filter values treat * and ? as wildcards: escape them so that a tag value selects exactly itself.
    const Filters = Object.entries(tags).map(([key, value]) => ({
      Name: `tag:${key}`,
      Values: [escapeWildcards(value)],
    }));
    const answer = await this.call("DescribeInstances", () =>
      this.client.send(
        new DescribeInstancesCommand({ Filters, MaxResults: PAGE_SIZE, NextToken: cursor }),
        abortable(call),
      ),
    );
    return { instances: toViews(answer), ...(answer.NextToken ? { nextCursor: answer.NextToken } : {}) };
  }

  /** The `tag-key` filter: every instance with a tag of this key, whatever its value. */
  async describeByTagKey(key: string, cursor: string | undefined, call?: CallOptions): Promise<InstancePage> {
    const Filters = [{ Name: "tag-key", Values: [escapeWildcards(key)] }];
    const answer = await this.call("DescribeInstances", () =>
      this.client.send(
        new DescribeInstancesCommand({ Filters, MaxResults: PAGE_SIZE, NextToken: cursor }),
        abortable(call),
      ),
    );
    return { instances: toViews(answer), ...(answer.NextToken ? { nextCursor: answer.NextToken } : {}) };
  }

  async start(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    return this.dryRunAware("StartInstances", options, async () => {
      const answer = await this.client.send(
        new StartInstancesCommand({ InstanceIds: [...instanceIds], DryRun: options.dryRun }),
        abortable(call),
      );
      return { currentStates: currentStates(answer.StartingInstances) };
    });
  }

  async stop(instanceIds: readonly string[], options: PowerOptions, call?: CallOptions): Promise<ActionResponse> {
    return this.dryRunAware("StopInstances", options, async () => {
      const answer = await this.client.send(
        new StopInstancesCommand({
          InstanceIds: [...instanceIds],
          DryRun: options.dryRun,
          ...ec2StopParameters(options),
        }),
        abortable(call),
      );
      return { currentStates: currentStates(answer.StoppingInstances) };
    });
  }

  /** EC2 answers a permitted dry run with the error DryRunOperation: that is the success of a dry run. */
  private async dryRunAware(
    action: string,
    options: PowerOptions,
    fn: () => Promise<ActionResponse>,
  ): Promise<ActionResponse> {
    try {
      return await this.call(action, fn);
    } catch (error) {
      if (options.dryRun && (error as { code?: string }).code === "DryRunOperation") return {};
      throw error;
    }
  }
}
