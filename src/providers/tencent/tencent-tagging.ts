/**
 * Tags on CVM instances, for the stamps. CVM has no tag call of its own: tags go through the Tag API
 * (`tag.tencentcloudapi.com`, version 2018-08-13), through the SDK's CommonClient with the CVM client's credentials,
 * endpoint and agent. AttachResourcesTag / DetachResourcesTag name instances by ID with the service (`cvm`), the
 * resource prefix (`instance`) and the region: no account uin is needed, unlike TagResources / UnTagResources, whose
 * six-part resource names (`qcs::cvm:<region>:uin/<uin>:instance/<id>`) would need an extra call (STS
 * GetCallerIdentity) to learn the uin, and which take 10 resources a call against 50 (the Tag API reference:
 * AttachResourcesTag "ResourceIds.N ... can contain up to 50 resources", TagResources "ResourceList.N: value range of
 * N: 0-9"; both "a maximum of 20 requests per second"; https://www.tencentcloud.com/document/product/651/37825,
 * /37824, /46533).
 */
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import type { Tags } from "../../domain/index.ts";
import type { CallOptions, ProviderTagging } from "../compute-provider.ts";
import { tencentDescriptor } from "./descriptor.ts";
import { fromTencentError } from "./tencent-errors.ts";
import { tencentHttpProfile } from "./tencent-http-profile.ts";
import type { TencentCredential } from "./tencent-settings.ts";

export const TAG_API_VERSION = "2018-08-13";

export interface TencentTaggingOptions {
  readonly region: string;
  readonly credential: () => TencentCredential | Promise<TencentCredential>;
  /** The CVM endpoint override (the local cloud): the Tag API is addressed as `tag.<host>` there. */
  readonly endpoint?: string;
  readonly requestTimeoutMs: number;
}

/** The Tag API's calls on this region's CVM instances. */
export function tencentTagging(options: TencentTaggingOptions): ProviderTagging {
  const client = new CommonClient("tag.tencentcloudapi.com", TAG_API_VERSION, {
    credential: { getCredential: async () => options.credential() },
    region: options.region,
    profile: { httpProfile: tencentHttpProfile("tag", options.endpoint, options.requestTimeoutMs) },
  });
  const resources = (instanceIds: readonly string[]) => ({
    ServiceType: "cvm",
    ResourcePrefix: "instance",
    ResourceRegion: options.region,
    ResourceIds: [...instanceIds],
  });
  const send = async (action: string, params: object, call: CallOptions | undefined) => {
    try {
      await client.request(action, params, call?.signal ? { signal: call.signal } : {});
    } catch (error) {
      throw fromTencentError(error, action);
    }
  };
  return {
    ...tencentDescriptor.tagging,
    async tag(instanceIds: readonly string[], tags: Tags, call?: CallOptions) {
      for (const [TagKey, TagValue] of Object.entries(tags)) {
        await send("AttachResourcesTag", { ...resources(instanceIds), TagKey, TagValue }, call);
      }
    },
    async untag(instanceIds: readonly string[], keys: readonly string[], call?: CallOptions) {
      for (const TagKey of keys) await send("DetachResourcesTag", { ...resources(instanceIds), TagKey }, call);
    },
  };
}
