import { EmulatedApiError } from "../api-error.ts";
import { AWS_INSTANCE_ID } from "../fleet.ts";
import type { EmulatedInstance } from "../instance-store.ts";
import type { Ec2ActionHandler, Ec2Context } from "./ec2.ts";
import { booleanParam, rejectUnknownParameters, resourceIdsOf, tagParamsOf } from "./form.ts";

/**
 * EC2 CreateTags / DeleteTags on instances, as the API answers them: 1 to 1,000 `ResourceId.N` ("Constraints: Up to
 * 1000 resource IDs", EC2 API Reference), `Tag.N.Key` / `Tag.N.Value` (DeleteTags: a key alone removes the tag
 * whatever its value; a key with a value only when it matches). An unknown instance fails the whole call, nothing
 * applied. Answers `return: true`.
 */
const MAX_RESOURCES = 1000;
/** Tags per resource (EC2: 50). */
const MAX_TAGS_PER_RESOURCE = 50;

function instancesOf(params: Record<string, unknown>, ctx: Ec2Context): EmulatedInstance[] {
  const ids = resourceIdsOf(params);
  if (ids.length === 0) {
    throw new EmulatedApiError("MissingParameter", "The request must contain the parameter resourceIdSet");
  }
  if (ids.length > MAX_RESOURCES) {
    throw new EmulatedApiError(
      "InvalidParameterValue",
      `The request holds ${ids.length} resource IDs: at most ${MAX_RESOURCES} are allowed.`,
    );
  }
  const malformed = ids.find((id) => !AWS_INSTANCE_ID.test(id));
  if (malformed !== undefined) throw new EmulatedApiError("InvalidID", `The ID '${malformed}' is not valid`);
  const missing = ids.filter((id) => !ctx.store.get("aws", ctx.region, id));
  if (missing.length > 0) {
    throw new EmulatedApiError(
      "InvalidInstanceID.NotFound",
      `The instance ID${missing.length === 1 ? "" : "s"} '${missing.join(", ")}' do${missing.length === 1 ? "es" : ""} not exist`,
    );
  }
  return ids.map((id) => ctx.store.get("aws", ctx.region, id) as EmulatedInstance);
}

function dryRunSucceeds(params: Record<string, unknown>): void {
  if (booleanParam(params, "DryRun")) {
    throw new EmulatedApiError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
  }
}

const createTags: Ec2ActionHandler = (params, ctx) => {
  rejectUnknownParameters(params, ["ResourceId", "Tag", "DryRun"]);
  const instances = instancesOf(params, ctx);
  const tags = tagParamsOf(params);
  if (tags.length === 0) throw new EmulatedApiError("MissingParameter", "The request must contain the parameter Tag");
  const set = Object.fromEntries(tags.map(({ key, value }) => [key, value ?? ""]));
  const over = instances.find(
    (instance) => Object.keys({ ...instance.spec.tags, ...set }).length > MAX_TAGS_PER_RESOURCE,
  );
  if (over) {
    throw new EmulatedApiError("TagLimitExceeded", `The maximum number of Tags for a resource has been reached.`);
  }
  dryRunSucceeds(params);
  for (const instance of instances) ctx.store.retag(instance, set);
  return { return: "true" };
};

const deleteTags: Ec2ActionHandler = (params, ctx) => {
  rejectUnknownParameters(params, ["ResourceId", "Tag", "DryRun"]);
  const instances = instancesOf(params, ctx);
  const tags = tagParamsOf(params);
  dryRunSucceeds(params);
  for (const instance of instances) {
    const remove = tags
      .filter(({ key, value }) => value === undefined || instance.spec.tags[key] === value)
      .map(({ key }) => key);
    // No Tag.N at all: every tag of the resource goes.
    ctx.store.retag(instance, {}, tags.length === 0 ? Object.keys(instance.spec.tags) : remove);
  }
  return { return: "true" };
};

export const EC2_TAG_ACTIONS: Readonly<Record<string, Ec2ActionHandler>> = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
};
