import { z } from "zod";
import { EmulatedApiError } from "../api-error.ts";
import { parseTencentParams } from "./params.ts";
import type { TencentActionHandler, TencentService, TencentServiceContext } from "./service.ts";

/**
 * The Tag API (`tag`, 2018-08-13) for CVM instances: AttachResourcesTag / DetachResourcesTag, as the reference states
 * them: ServiceType (`cvm`), ResourcePrefix (`instance`), ResourceRegion, 1 to 50 ResourceIds, one TagKey (and
 * TagValue); an unknown instance fails the call, nothing applied. CVM allows 50 tags an instance.
 */
const MAX_RESOURCES = 50;
const MAX_TAGS = 50;

const resources = {
  ServiceType: z.string(),
  ResourceIds: z.array(z.string()).min(1),
  TagKey: z.string().min(1),
  ResourceRegion: z.string().optional(),
  ResourcePrefix: z.string().optional(),
};

function instancesOf(params: z.output<z.ZodObject<typeof resources>>, ctx: TencentServiceContext) {
  if (params.ServiceType !== "cvm" || params.ResourcePrefix !== "instance") {
    throw new EmulatedApiError(
      "InvalidParameterValue.ResourceDescriptionError",
      `This local cloud tags cvm instances only, not ${params.ServiceType}:${params.ResourcePrefix ?? "(no prefix)"}.`,
    );
  }
  if (params.ResourceIds.length > MAX_RESOURCES) {
    throw new EmulatedApiError(
      "InvalidParameterValue.ResourceIdsExceedLimit",
      `ResourceIds holds ${params.ResourceIds.length} resources, more than ${MAX_RESOURCES}.`,
    );
  }
  const region = params.ResourceRegion ?? ctx.region;
  const missing = params.ResourceIds.filter((id) => !ctx.store.get("tencent", region, id));
  if (missing.length > 0) {
    throw new EmulatedApiError("ResourceNotFound", `The resources ${missing.join(", ")} do not exist in ${region}.`);
  }
  return params.ResourceIds.map((id) => ctx.store.get("tencent", region, id)).filter((found) => found !== undefined);
}

const attach: TencentActionHandler = (raw, ctx) => {
  const params = parseTencentParams(z.strictObject({ ...resources, TagValue: z.string() }), raw);
  const instances = instancesOf(params, ctx);
  const set = { [params.TagKey]: params.TagValue };
  if (instances.some((instance) => Object.keys({ ...instance.spec.tags, ...set }).length > MAX_TAGS)) {
    throw new EmulatedApiError("LimitExceeded.ResourceAttachedTags", "A resource would carry more than 50 tags.");
  }
  for (const instance of instances) ctx.store.retag(instance, set);
  return {};
};

const detach: TencentActionHandler = (raw, ctx) => {
  const params = parseTencentParams(z.strictObject(resources), raw);
  for (const instance of instancesOf(params, ctx)) ctx.store.retag(instance, {}, [params.TagKey]);
  return {};
};

export const tagService: TencentService = {
  name: "tag",
  version: "2018-08-13",
  actions: { AttachResourcesTag: attach, DetachResourcesTag: detach },
};
