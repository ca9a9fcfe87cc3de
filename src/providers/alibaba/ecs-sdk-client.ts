import EcsModule, * as $Ecs from "@alicloud/ecs20140526";
import { alibabaSdkConfig, clientClass } from "./alibaba-sdk-config.ts";
import type { EcsClient } from "./ecs-client.ts";
import { type EcsOptions, EcsProvider } from "./ecs-provider.ts";

const Client = clientClass(EcsModule);

/** An answer's body in the API's own field names (the generated models' `names()`). */
const body = (answer: { body?: { toMap(): Record<string, unknown> } }) => answer.body?.toMap();

/** The official generated client, @alicloud/ecs20140526 (its endpoint map for the region, HTTPS by default). */
export function sdkEcsClient(options: Parameters<typeof alibabaSdkConfig>[0]): EcsClient {
  const client = new Client(alibabaSdkConfig(options));
  return {
    describeInstances: async (query) =>
      body(
        await client.describeInstances(
          new $Ecs.DescribeInstancesRequest({
            ...query,
            tag: query.tag?.map((tag) => new $Ecs.DescribeInstancesRequestTag(tag)),
          }),
        ),
      ),
    startInstances: async (query) =>
      body(
        await client.startInstances(new $Ecs.StartInstancesRequest({ ...query, instanceId: [...query.instanceId] })),
      ),
    stopInstances: async (query) =>
      body(await client.stopInstances(new $Ecs.StopInstancesRequest({ ...query, instanceId: [...query.instanceId] }))),
    tagResources: async (query) =>
      body(
        await client.tagResources(
          new $Ecs.TagResourcesRequest({
            ...query,
            resourceId: [...query.resourceId],
            tag: query.tag?.map((tag) => new $Ecs.TagResourcesRequestTag(tag)),
          }),
        ),
      ),
    untagResources: async (query) =>
      body(
        await client.untagResources(
          new $Ecs.UntagResourcesRequest({
            ...query,
            resourceId: [...query.resourceId],
            ...(query.tagKey ? { tagKey: [...query.tagKey] } : {}),
          }),
        ),
      ),
  };
}

/** The ECS adapter through the official generated client. */
export function ecsProviderWithSdk(options: EcsOptions): EcsProvider {
  return new EcsProvider(options, sdkEcsClient(options));
}
