/**
 * The ECS calls the adapter makes, as requests in the SDK's field names and answers as the API's JSON
 * (PascalCase, parsed by ecs-answers.ts). Two implementations send the very same RPC requests (ACS3-signed by
 * @alicloud/openapi-core): the official generated client (ecs-sdk-client.ts, @alicloud/ecs20140526) and openapi-core
 * alone (ecs-core-client.ts), which leaves out the generated client's 1,150 model classes (see the README figures).
 */
export interface DescribeQuery {
  readonly regionId: string;
  readonly maxResults: number;
  /** A JSON array of at most 100 IDs. */
  readonly instanceIds?: string;
  /** `Tag.N.Key` with `Tag.N.Value`; a key alone selects every value of it. */
  readonly tag?: readonly { readonly key: string; readonly value?: string }[];
  readonly nextToken?: string;
}

export interface PowerQuery {
  readonly regionId: string;
  readonly instanceId: readonly string[];
  readonly batchOptimization: "SuccessFirst";
  readonly stoppedMode?: "StopCharging" | "KeepCharging";
  readonly forceStop?: boolean;
}

/** TagResources (with `tag`) or UntagResources (with `tagKey`) on instances: 1 to 50 `ResourceId.N`. */
export interface TagQuery {
  readonly regionId: string;
  readonly resourceType: "instance";
  readonly resourceId: readonly string[];
  readonly tag?: readonly { readonly key: string; readonly value: string }[];
  readonly tagKey?: readonly string[];
}

export interface EcsClient {
  describeInstances(query: DescribeQuery): Promise<unknown>;
  startInstances(query: PowerQuery): Promise<unknown>;
  stopInstances(query: PowerQuery): Promise<unknown>;
  tagResources(query: TagQuery): Promise<unknown>;
  untagResources(query: TagQuery): Promise<unknown>;
}
