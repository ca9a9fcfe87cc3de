import { createHash } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import { AWS_INSTANCE_ID, type AwsFleetInstance } from "../fleet.ts";
import { defaultZone, type EmulatedInstance, type InstanceStore } from "../instance-store.ts";
import type { ZoneCapacity } from "./capacity.ts";
import { booleanParam, type Ec2Filter, filtersOf, instanceIdsOf, rejectUnknownParameters } from "./form.ts";

/** AWS EC2, API 2016-11-15: DescribeInstances, StartInstances, StopInstances (and CreateTags, DeleteTags: ec2-tags.ts). */

export interface Ec2Context {
  store: InstanceStore;
  region: string;
  requestId: string;
  /** Starts of this call are accepted, then fall back from pending to stopped (Client.InternalError). */
  failOperations?: boolean;
  capacity?: ZoneCapacity;
}

export type Ec2ActionHandler = (params: Record<string, unknown>, ctx: Ec2Context) => Record<string, unknown>;

const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};
const OWNER_ID = "000000000000";

type Ec2Instance = EmulatedInstance & { readonly spec: AwsFleetInstance };

const stateOf = (name: string) => ({ code: STATE_CODES[name] ?? 0, name });

function requireWellFormed(ids: readonly string[]): void {
  const malformed = ids.find((id) => !AWS_INSTANCE_ID.test(id));
  if (malformed !== undefined) throw new EmulatedApiError("InvalidInstanceID.Malformed", `Invalid id: "${malformed}"`);
}

function lookUp(ids: readonly string[], ctx: Ec2Context): Ec2Instance[] {
  requireWellFormed(ids);
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !ctx.store.get("aws", ctx.region, id));
  if (missing.length > 0) {
    throw new EmulatedApiError(
      "InvalidInstanceID.NotFound",
      missing.length === 1
        ? `The instance ID '${missing[0]}' does not exist`
        : `The instance IDs '${missing.join(", ")}' do not exist`,
    );
  }
  return unique.map((id) => ctx.store.get("aws", ctx.region, id) as Ec2Instance);
}

/** EC2 filter values accept `*` and `?` wildcards. */
function globMatcher(values: readonly string[]): (candidate: string) => boolean {
  const patterns = values.map(
    (value) =>
      new RegExp(
        `^${value
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
        "s",
      ),
  );
  return (candidate) => patterns.some((pattern) => pattern.test(candidate));
}

function filterMatcher(filter: Ec2Filter): (instance: Ec2Instance) => boolean {
  const matches = globMatcher(filter.values);
  if (filter.name.startsWith("tag:")) {
    const key = filter.name.slice(4);
    return (instance) => {
      const value = instance.spec.tags[key];
      return value !== undefined && matches(value);
    };
  }
  switch (filter.name) {
    case "instance-id":
      return (instance) => matches(instance.spec.instanceId);
    case "instance-state-name":
      return (instance) => matches(instance.state);
    case "instance-state-code":
      return (instance) => matches(String(STATE_CODES[instance.state]));
    case "tag-key":
      return (instance) => Object.keys(instance.spec.tags).some(matches);
    case "tag-value":
      return (instance) => Object.values(instance.spec.tags).some(matches);
    case "availability-zone":
      return (instance) => matches(defaultZone(instance.spec));
    case "instance-type":
      return (instance) => matches(instance.spec.instanceType);
    default:
      throw new EmulatedApiError("InvalidParameterValue", `The filter '${filter.name}' is invalid`);
  }
}

function reservationId(instanceId: string): string {
  return `r-${createHash("sha256").update(instanceId).digest("hex").slice(0, 17)}`;
}

function instanceItem(instance: Ec2Instance): Record<string, unknown> {
  const { spec } = instance;
  const tags = Object.entries(spec.tags);
  return {
    instanceId: spec.instanceId,
    imageId: "ami-0123456789abcdef0",
    instanceState: stateOf(instance.state),
    instanceType: spec.instanceType,
    placement: { availabilityZone: defaultZone(spec), tenancy: "default" },
    ...(tags.length > 0 ? { tagSet: { item: tags.map(([key, value]) => ({ key, value })) } } : {}),
    hibernationOptions: { configured: spec.hibernationConfigured },
    rootDeviceType: spec.rootDeviceType,
    ...(spec.spot !== undefined ? { instanceLifecycle: "spot" } : {}),
    ...(instance.stateReason ? { stateReason: { ...instance.stateReason } } : {}),
  };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

function decodeToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw new EmulatedApiError("InvalidPaginationToken", "The specified pagination token is not valid or is expired.");
}

function dryRunSucceeds(): never {
  throw new EmulatedApiError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
}

function describeInstances(params: Record<string, unknown>, ctx: Ec2Context): Record<string, unknown> {
  rejectUnknownParameters(params, ["InstanceId", "Filter", "MaxResults", "NextToken", "DryRun"]);
  const ids = instanceIdsOf(params);
  const maxResultsText = params.MaxResults as string | undefined;
  if (maxResultsText !== undefined && ids.length > 0) {
    throw new EmulatedApiError(
      "InvalidParameterCombination",
      "The parameter instancesSet cannot be used with the parameter maxResults",
    );
  }
  const maxResults = maxResultsText === undefined ? undefined : Number(maxResultsText);
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 1000)) {
    throw new EmulatedApiError(
      "InvalidParameterValue",
      `Value ( ${maxResultsText} ) for parameter maxResults is invalid. Expecting a value from 5 to 1000.`,
    );
  }
  const matchers = filtersOf(params).map(filterMatcher);
  const candidates = ids.length > 0 ? lookUp(ids, ctx) : (ctx.store.inRegion("aws", ctx.region) as Ec2Instance[]);
  if (booleanParam(params, "DryRun")) dryRunSucceeds();
  const matched = candidates.filter((instance) => matchers.every((match) => match(instance)));
  const offset = typeof params.NextToken === "string" ? decodeToken(params.NextToken) : 0;
  const end = maxResults === undefined ? matched.length : offset + maxResults;
  const pageItems = matched.slice(offset, end);
  return {
    reservationSet:
      pageItems.length > 0
        ? {
            item: pageItems.map((instance) => ({
              reservationId: reservationId(instance.spec.instanceId),
              ownerId: OWNER_ID,
              instancesSet: { item: [instanceItem(instance)] },
            })),
          }
        : "",
    ...(end < matched.length ? { nextToken: encodeToken(end) } : {}),
  };
}

function requireIds(params: Record<string, unknown>): string[] {
  const ids = instanceIdsOf(params);
  if (ids.length === 0) {
    throw new EmulatedApiError("MissingParameter", "The request must contain the parameter InstanceId");
  }
  return ids;
}

function refuseIncorrectState(instances: readonly Ec2Instance[], verb: "started" | "stopped"): void {
  if (instances.length === 0) return;
  const ids = instances.map((instance) => instance.spec.instanceId);
  throw new EmulatedApiError(
    "IncorrectInstanceState",
    ids.length === 1
      ? `The instance '${ids[0]}' is not in a state from which it can be ${verb}.`
      : `The instances '${ids.join(", ")}' are not in a state from which they can be ${verb}.`,
  );
}

/** Throws `code` naming the instances, when there are any: EC2 fails the whole call for one of them. */
function refuse(
  instances: readonly Ec2Instance[],
  code: string,
  message: (ids: string) => string,
  httpStatus = 400,
): void {
  if (instances.length === 0) return;
  throw new EmulatedApiError(
    code,
    message(instances.map((instance) => `'${instance.spec.instanceId}'`).join(", ")),
    httpStatus,
  );
}

/** InsufficientInstanceCapacity (HTTP 500) when an instance never gets capacity or a zone has too little free. */
function refuseWithoutCapacity(starting: readonly Ec2Instance[], ctx: Ec2Context): void {
  const never = starting.find((instance) => instance.spec.insufficientCapacity);
  const needed = new Map<string, number>();
  for (const instance of starting) {
    const zone = defaultZone(instance.spec);
    needed.set(zone, (needed.get(zone) ?? 0) + 1);
  }
  const zone = never ? defaultZone(never.spec) : ctx.capacity?.short(needed)[0];
  if (zone === undefined) return;
  const type = (never ?? starting.find((instance) => defaultZone(instance.spec) === zone))?.spec.instanceType;
  throw new EmulatedApiError(
    "InsufficientInstanceCapacity",
    `We currently do not have sufficient ${type} capacity in the Availability Zone you requested (${zone}). Our system will be working on provisioning additional capacity. You can currently get ${type} capacity by not specifying an Availability Zone in your request or choosing another zone.`,
    500,
  );
}

function stateChanges(changes: Array<{ instance: Ec2Instance; previous: string }>): Record<string, unknown> {
  return {
    instancesSet: {
      item: changes.map(({ instance, previous }) => ({
        instanceId: instance.spec.instanceId,
        currentState: stateOf(instance.state),
        previousState: stateOf(previous),
      })),
    },
  };
}

function startInstances(params: Record<string, unknown>, ctx: Ec2Context): Record<string, unknown> {
  rejectUnknownParameters(params, ["InstanceId", "DryRun", "AdditionalInfo"]);
  const instances = lookUp(requireIds(params), ctx);
  refuseIncorrectState(
    instances.filter((instance) => !["stopped", "running", "pending"].includes(instance.state)),
    "started",
  );
  refuseWithoutCapacity(
    instances.filter((instance) => instance.state === "stopped"),
    ctx,
  );
  if (booleanParam(params, "DryRun")) dryRunSucceeds();
  const changes = instances.map((instance) => ({ instance, previous: instance.state }));
  for (const instance of instances) {
    if (instance.state !== "stopped") continue;
    ctx.capacity?.use(defaultZone(instance.spec));
    instance.stateReason = undefined;
    if (instance.spec.kmsGrantMissing || ctx.failOperations) {
      ctx.store.beginTransition(instance, "pending", "stopped", {
        reasonWhenDone: { code: "Client.InternalError", message: "Client.InternalError: Client error on launch" },
      });
    } else {
      ctx.store.beginTransition(instance, "pending", "running");
    }
  }
  return stateChanges(changes);
}

function stopInstances(params: Record<string, unknown>, ctx: Ec2Context): Record<string, unknown> {
  rejectUnknownParameters(params, ["InstanceId", "DryRun", "Hibernate", "Force", "SkipOsShutdown"]);
  const instances = lookUp(requireIds(params), ctx);
  const hibernate = booleanParam(params, "Hibernate");
  const force = booleanParam(params, "Force");
  booleanParam(params, "SkipOsShutdown");
  refuseIncorrectState(
    instances.filter((instance) => !["running", "stopping", "stopped"].includes(instance.state)),
    "stopped",
  );
  refuse(
    instances.filter((instance) => instance.spec.disableApiStop),
    "OperationNotPermitted",
    (ids) => `The instance ${ids} may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`,
  );
  refuse(
    instances.filter((instance) => instance.spec.rootDeviceType === "instance-store"),
    "UnsupportedOperation",
    (ids) => `The instance ${ids} does not have an 'ebs' root device type and cannot be stopped.`,
  );
  refuse(
    instances.filter((instance) => instance.spec.spot === "one-time"),
    "UnsupportedOperation",
    (ids) => `The instance ${ids} is a Spot Instance with a one-time request and cannot be stopped.`,
  );
  if (hibernate) {
    const unsupported = instances.filter((instance) => !instance.spec.hibernationConfigured);
    if (unsupported.length > 0) {
      throw new EmulatedApiError(
        "UnsupportedHibernationConfiguration",
        `The instance(s) '${unsupported.map((instance) => instance.spec.instanceId).join(", ")}' are not enabled for hibernation.`,
      );
    }
    refuse(
      instances.filter((instance) => instance.spec.hibernationNotReady),
      "UnsupportedOperation",
      (ids) => `Instance ${ids} is not ready to hibernate yet. Try again later.`,
    );
  }
  if (booleanParam(params, "DryRun")) dryRunSucceeds();
  const changes = instances.map((instance) => ({ instance, previous: instance.state }));
  for (const instance of instances) {
    if (instance.state === "running") {
      ctx.capacity?.giveBack(defaultZone(instance.spec));
      instance.stateReason = hibernate
        ? { code: "Client.UserInitiatedHibernate", message: "Client.UserInitiatedHibernate: User initiated hibernate" }
        : { code: "Client.UserInitiatedShutdown", message: "Client.UserInitiatedShutdown: User initiated shutdown" };
      ctx.store.beginTransition(instance, "stopping", "stopped");
    } else if (instance.state === "stopping" && force && instance.transition === undefined) {
      // Force completes a stop that is stuck.
      ctx.store.beginTransition(instance, "stopping", "stopped");
    }
  }
  return stateChanges(changes);
}

export const EC2_ACTIONS: Readonly<Record<string, Ec2ActionHandler>> = {
  DescribeInstances: describeInstances,
  StartInstances: startInstances,
  StopInstances: stopInstances,
};
