import { EmulatedApiError } from "../api-error.ts";
import type { EcsHandler } from "./ecs.ts";
import { booleanParam, repeatList, tagList } from "./ecs-params.ts";

/**
 * ECS TagResources / UntagResources on instances (ResourceType `instance`), as the API reference states them:
 * `ResourceId.N` 1 to 50 (a 51st: NumberExceed.ResourceIds), `Tag.N` / `TagKey.N` 1 to 20, at most 20 tags an
 * instance; an unknown instance fails the call (InvalidResourceId.NotFound), nothing applied. Answers a RequestId.
 */
const MAX_RESOURCES = 50;
const MAX_TAGS = 20;

function instancesOf(params: Readonly<Record<string, string>>, ctx: Parameters<EcsHandler>[1]) {
  const type = params.ResourceType;
  if (type?.toLowerCase() !== "instance") {
    throw new EmulatedApiError(
      "InvalidResourceType.NotFound",
      `The ResourceType ${type ?? "(none)"} is not served here.`,
      400,
    );
  }
  const ids = repeatList(params, "ResourceId");
  if (ids.length === 0)
    throw new EmulatedApiError("MissingParameter", "The input parameter ResourceId is mandatory.", 400);
  if (ids.length > MAX_RESOURCES) {
    throw new EmulatedApiError(
      "NumberExceed.ResourceIds",
      `The ResourceIds parameter's number is exceed , Valid : ${MAX_RESOURCES}`,
      400,
    );
  }
  const missing = ids.filter((id) => !ctx.store.get("alibaba", ctx.region, id));
  if (missing.length > 0) {
    throw new EmulatedApiError(
      "InvalidResourceId.NotFound",
      `The specified ResourceIds are not found: ${missing.join(",")}`,
      404,
    );
  }
  return ids.map((id) => ctx.store.get("alibaba", ctx.region, id)).filter((instance) => instance !== undefined);
}

function noDryRun(params: Readonly<Record<string, string>>): void {
  if (booleanParam(params, "DryRun")) {
    throw new EmulatedApiError("DryRunOperation", "Request validation has been passed with DryRun flag set.", 400);
  }
}

const tagResources: EcsHandler = (params, ctx) => {
  const instances = instancesOf(params, ctx);
  const tags = tagList(params);
  if (tags.length === 0 || tags.length > MAX_TAGS) {
    throw new EmulatedApiError("InvalidTagCount", "The specified tags are beyond the permitted range.", 400);
  }
  const set = Object.fromEntries(tags.map(({ key, value }) => [key, value ?? ""]));
  if (instances.some((instance) => Object.keys({ ...instance.spec.tags, ...set }).length > MAX_TAGS)) {
    throw new EmulatedApiError("InvalidTagCount", "The specified tags are beyond the permitted range.", 400);
  }
  noDryRun(params);
  for (const instance of instances) ctx.store.retag(instance, set);
  return {};
};

const untagResources: EcsHandler = (params, ctx) => {
  const instances = instancesOf(params, ctx);
  const keys = repeatList(params, "TagKey");
  if (keys.length > MAX_TAGS) {
    throw new EmulatedApiError("InvalidTagCount", "The specified tags are beyond the permitted range.", 400);
  }
  const all = booleanParam(params, "All") === true;
  noDryRun(params);
  for (const instance of instances) {
    ctx.store.retag(instance, {}, keys.length === 0 && all ? Object.keys(instance.spec.tags) : keys);
  }
  return {};
};

export const ECS_TAG_ACTIONS: Readonly<Record<string, EcsHandler>> = {
  TagResources: tagResources,
  UntagResources: untagResources,
};
