import CoreModule, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import { ECS_API_VERSION } from "./alibaba-facts.ts";
import { alibabaSdkConfig, clientClass } from "./alibaba-sdk-config.ts";
import type { EcsClient } from "./ecs-client.ts";
import { type EcsOptions, EcsProvider } from "./ecs-provider.ts";

const Client = clientClass(CoreModule);

/** The SDK's field name → the API's (regionId → RegionId, tag[].key → Tag.N.Key), as the generated models name them. */
function apiNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(apiNames);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => [key.charAt(0).toUpperCase() + key.slice(1), apiNames(field)]),
  );
}

/**
 * @alicloud/openapi-core alone: the same RPC request the generated client sends for these actions (query
 * parameters flattened by OpenApiUtil.query, Params as in its *WithOptions methods, ACS3-signed), answered as the
 * API's JSON. Without an endpoint override it calls the documented regional endpoint `ecs.<region>.aliyuncs.com`.
 */
export function coreEcsClient(options: Parameters<typeof alibabaSdkConfig>[0]): EcsClient {
  const config = alibabaSdkConfig(options);
  config.endpoint ??= OpenApiUtil.getEndpointRules("ecs", options.region, "regional", "", "");
  const client = new Client(config);
  const call = async (action: string, query: object) => {
    const answer = await client.callApi(
      new $OpenApiUtil.Params({
        action,
        version: ECS_API_VERSION,
        protocol: "HTTPS",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
      }),
      new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(apiNames(query) as Record<string, unknown>) }),
      // RuntimeOptions: none of its fields (timeouts come from the Config).
      {} as never,
    );
    return (answer as { body?: unknown }).body;
  };
  return {
    describeInstances: (query) => call("DescribeInstances", query),
    startInstances: (query) => call("StartInstances", query),
    stopInstances: (query) => call("StopInstances", query),
    tagResources: (query) => call("TagResources", query),
    untagResources: (query) => call("UntagResources", query),
  };
}

/** The ECS adapter through openapi-core alone: its bundle is about 3 MB smaller (scripts/bench/alibaba-sdk-cost.ts). */
export function ecsProviderWithCore(options: EcsOptions): EcsProvider {
  return new EcsProvider(options, coreEcsClient(options));
}
