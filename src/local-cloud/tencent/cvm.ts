import { z } from "zod";
import { EmulatedApiError } from "../api-error.ts";
import { TENCENT_INSTANCE_ID, type TencentFleetInstance } from "../fleet.ts";
import { defaultZone, type EmulatedInstance, type InstanceStore } from "../instance-store.ts";
import { parseTencentParams, tencentStateCode } from "./params.ts";
import type { TencentService, TencentServiceContext } from "./service.ts";

/** Tencent CVM, API 2017-03-12: the four actions powercron uses. */

const MAX_IDS = 100;
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;
const MAX_FILTERS = 10;
const MAX_FILTER_VALUES = 5;

const instanceIdsSchema = z.array(z.string());
const filtersSchema = z.array(z.strictObject({ Name: z.string(), Values: z.array(z.string()) }));
const pageSchema = { Offset: z.number().int().optional(), Limit: z.number().int().optional() };

const DescribeInstancesParams = z.strictObject({
  InstanceIds: instanceIdsSchema.optional(),
  Filters: filtersSchema.optional(),
  ...pageSchema,
});
const DescribeInstancesStatusParams = z.strictObject({ InstanceIds: instanceIdsSchema.optional(), ...pageSchema });
const StartInstancesParams = z.strictObject({ InstanceIds: instanceIdsSchema.optional() });
const StopInstancesParams = z.strictObject({
  InstanceIds: instanceIdsSchema.optional(),
  ForceStop: z.boolean().optional(),
  StopType: z.string().optional(),
  StoppedMode: z.string().optional(),
});

const STOP_TYPES = ["SOFT", "HARD", "SOFT_FIRST"];
const STOPPED_MODES = ["KEEP_CHARGING", "STOP_CHARGING"];
const RESTRICTED = new Set(["EXPIRED", "PROTECTIVELY_ISOLATED"]);

/** The refusal codes of the `condition` fleet attribute. */
const CONDITION_CODES: Record<NonNullable<TencentFleetInstance["condition"]>, string> = {
  CORRUPTED: "UnsupportedOperation.InstanceStateCorrupted",
  FREEZING: "UnsupportedOperation.InstanceStateFreezing",
  ISOLATING: "UnsupportedOperation.InstanceStateIsolating",
  BANNING: "UnsupportedOperation.InstanceStateBanning",
  TERMINATED: "UnsupportedOperation.InstanceStateTerminated",
  REINSTALL_FAILED: "UnsupportedOperation.InstanceReinstallFailed",
};

type CvmInstance = EmulatedInstance & { readonly spec: TencentFleetInstance };

function tencentSpec(instance: EmulatedInstance): TencentFleetInstance {
  if (instance.spec.provider !== "tencent") throw new Error("not a Tencent instance");
  return instance.spec;
}

function page(offset: number | undefined, limit: number | undefined): { offset: number; limit: number } {
  const resolvedLimit = limit ?? DEFAULT_LIMIT;
  if (resolvedLimit > MAX_LIMIT) {
    throw new EmulatedApiError(
      "InvalidParameterValue.LimitExceeded",
      `The value of parameter \`Limit\` (${resolvedLimit}) exceeds the maximum of ${MAX_LIMIT}.`,
    );
  }
  if (resolvedLimit < 1 || (offset ?? 0) < 0) {
    throw new EmulatedApiError("InvalidParameterValue", "`Offset` must be ≥ 0 and `Limit` from 1 to 100.");
  }
  return { offset: offset ?? 0, limit: resolvedLimit };
}

/**
 * CVM has two codes for a malformed ID: InvalidInstanceId.Malformed for the wrong length (its docs' example is
 * `ins-0000000`), InvalidParameterValue.InstanceIdMalformed for the right length with the wrong characters.
 */
function requireWellFormed(ids: readonly string[]): void {
  const malformed = ids.filter((id) => !TENCENT_INSTANCE_ID.test(id));
  const wrongLength = malformed.filter((id) => id.length !== "ins-xxxxxxxx".length);
  if (wrongLength.length > 0) {
    throw new EmulatedApiError(
      "InvalidInstanceId.Malformed",
      `The instance IDs [${wrongLength.join(", ")}] are malformed: expected ins- followed by 8 characters.`,
    );
  }
  if (malformed.length > 0) {
    throw new EmulatedApiError(
      "InvalidParameterValue.InstanceIdMalformed",
      `The instance IDs [${malformed.join(", ")}] are not valid: expected ins-xxxxxxxx, x a lower-case letter or digit.`,
    );
  }
}

/** Looks the IDs up in the region; unknown ones error or are left out, per the unknown-ID switch. */
function lookUpForDescribe(ids: readonly string[], ctx: TencentServiceContext): CvmInstance[] {
  if (ids.length > MAX_IDS) {
    throw new EmulatedApiError(
      "InvalidParameterValue.LimitExceeded",
      `\`InstanceIds\` holds ${ids.length} IDs, more than the maximum of ${MAX_IDS}.`,
    );
  }
  requireWellFormed(ids);
  const found: CvmInstance[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const instance = ctx.store.get("tencent", ctx.region, id);
    if (instance) found.push(instance as CvmInstance);
    else missing.push(id);
  }
  if (missing.length > 0 && ctx.options.describeUnknownIds === "error") {
    throw new EmulatedApiError(
      "InvalidInstanceId.NotFound",
      `The instance IDs [${missing.join(", ")}] do not exist in ${ctx.region}.`,
    );
  }
  return found;
}

type Matcher = (instance: CvmInstance, state: string) => boolean;

function filterMatcher(name: string, values: readonly string[]): Matcher {
  const wanted = new Set(values);
  if (name.startsWith("tag:")) {
    const key = name.slice(4);
    return (instance) => {
      const value = instance.spec.tags[key];
      return value !== undefined && wanted.has(value);
    };
  }
  switch (name) {
    case "instance-id":
      return (instance) => wanted.has(instance.spec.instanceId);
    case "instance-name":
      return (instance) => instance.spec.name !== undefined && wanted.has(instance.spec.name);
    case "instance-state":
      return (_instance, state) => wanted.has(state);
    case "zone":
      return (instance) => wanted.has(defaultZone(instance.spec));
    case "tag-key":
      return (instance) => Object.keys(instance.spec.tags).some((key) => wanted.has(key));
    case "tag-value":
      return (instance) => Object.values(instance.spec.tags).some((value) => wanted.has(value));
    case "instance-charge-type":
      return (instance) => wanted.has(instance.spec.chargeType);
    default:
      throw new EmulatedApiError("InvalidFilter", `The filter \`${name}\` is not supported (by this local cloud).`);
  }
}

function buildMatchers(filters: readonly { Name: string; Values: string[] }[]): Matcher[] {
  if (filters.length > MAX_FILTERS) {
    throw new EmulatedApiError(
      "InvalidParameterValue.LimitExceeded",
      `\`Filters\` holds ${filters.length} filters, more than the maximum of ${MAX_FILTERS}.`,
    );
  }
  return filters.map((filter) => {
    if (filter.Values.length > MAX_FILTER_VALUES) {
      throw new EmulatedApiError(
        "InvalidFilterValue.LimitExceeded",
        `The filter \`${filter.Name}\` has ${filter.Values.length} values, more than the maximum of ${MAX_FILTER_VALUES}.`,
      );
    }
    return filterMatcher(filter.Name, filter.Values);
  });
}

function describeItem(instance: CvmInstance, state: string): Record<string, unknown> {
  const { spec } = instance;
  return {
    InstanceId: spec.instanceId,
    InstanceName: spec.name ?? "未命名",
    InstanceState: state,
    Placement: { Zone: defaultZone(spec), ProjectId: 0 },
    Tags: Object.entries(spec.tags).map(([Key, Value]) => ({ Key, Value })),
    InstanceChargeType: spec.chargeType,
    StopChargingMode: state === "STOPPED" ? (instance.stopChargingMode ?? "KEEP_CHARGING") : "NOT_APPLICABLE",
    RestrictState: spec.restrictState,
    LatestOperation: instance.latestOperation ?? null,
    LatestOperationState: instance.latestOperationState ?? null,
    LatestOperationRequestId: instance.latestOperationRequestId ?? null,
    LatestOperationErrorMsg: instance.latestOperationErrorMsg ?? null,
    SystemDisk: { DiskType: spec.systemDiskType, DiskSize: 50 },
  };
}

function describeInstances(raw: unknown, ctx: TencentServiceContext): Record<string, unknown> {
  const params = parseTencentParams(DescribeInstancesParams, raw);
  if (params.InstanceIds !== undefined && params.Filters !== undefined) {
    throw new EmulatedApiError(
      "InvalidParameterCombination",
      "The parameters `InstanceIds` and `Filters` cannot be specified at the same time.",
    );
  }
  const { offset, limit } = page(params.Offset, params.Limit);
  const filters = params.Filters ?? [];
  const matchers = buildMatchers(filters);
  if (params.InstanceIds === undefined && !filters.some((filter) => filter.Name === "instance-state")) {
    // Selected by what does not change (tags, names, zones): listed once, then each page costs only its own items,
    // so a 100,000-instance region's 1,000 pages answer in milliseconds each, as the cloud's do.
    const selected = ctx.store.selectInRegion("tencent", ctx.region, JSON.stringify(filters), (instance) =>
      matchers.every((match) => match(instance as CvmInstance, "")),
    ) as CvmInstance[];
    return {
      TotalCount: selected.length,
      InstanceSet: selected
        .slice(offset, offset + limit)
        .map((instance) => describeItem(instance, ctx.store.observedState(instance))),
    };
  }
  const candidates =
    params.InstanceIds !== undefined
      ? lookUpForDescribe(params.InstanceIds, ctx)
      : (ctx.store.inRegion("tencent", ctx.region) as CvmInstance[]);
  let total = 0;
  const items: Record<string, unknown>[] = [];
  for (const instance of candidates) {
    const state = ctx.store.observedState(instance);
    if (!matchers.every((match) => match(instance, state))) continue;
    if (total >= offset && total < offset + limit) items.push(describeItem(instance, state));
    total++;
  }
  return { TotalCount: total, InstanceSet: items };
}

function describeInstancesStatus(raw: unknown, ctx: TencentServiceContext): Record<string, unknown> {
  const params = parseTencentParams(DescribeInstancesStatusParams, raw);
  const { offset, limit } = page(params.Offset, params.Limit);
  const candidates =
    params.InstanceIds !== undefined
      ? lookUpForDescribe(params.InstanceIds, ctx)
      : (ctx.store.inRegion("tencent", ctx.region) as CvmInstance[]);
  return {
    TotalCount: candidates.length,
    InstanceStatusSet: candidates.slice(offset, offset + limit).map((instance) => ({
      InstanceId: instance.spec.instanceId,
      InstanceState: ctx.store.observedState(instance),
    })),
  };
}

interface Refusal {
  id: string;
  code: string;
}

/** Throws the one error of an all-or-nothing batch: the first refusal's code, naming every ID refused for it. */
function refuseBatch(refusals: readonly Refusal[], describe: (code: string) => string): void {
  const first = refusals[0];
  if (!first) return;
  const ids = refusals.filter((refusal) => refusal.code === first.code).map((refusal) => refusal.id);
  throw new EmulatedApiError(first.code, `${describe(first.code)}: [${ids.join(", ")}]. No instance was acted on.`);
}

/** Every check of Start/Stop, before anything changes. */
function lookUpForPower(
  ids: readonly string[] | undefined,
  ctx: TencentServiceContext,
  allowedState: "STOPPED" | "RUNNING",
): CvmInstance[] {
  if (ids === undefined || ids.length === 0) {
    throw new EmulatedApiError("MissingParameter", "The request is missing a required parameter `InstanceIds`.");
  }
  if (ids.length > MAX_IDS) {
    throw new EmulatedApiError(
      "InvalidParameterValue.LimitExceeded",
      `\`InstanceIds\` holds ${ids.length} IDs, more than the maximum of ${MAX_IDS} a call.`,
    );
  }
  requireWellFormed(ids);
  const unique = [...new Set(ids)];
  const missing = unique.filter((id) => !ctx.store.get("tencent", ctx.region, id));
  refuseBatch(
    missing.map((id) => ({ id, code: "InvalidInstanceId.NotFound" })),
    () => `Instances not found in ${ctx.region}`,
  );
  const instances = unique.map((id) => ctx.store.get("tencent", ctx.region, id) as CvmInstance);
  refuseBatch(
    instances
      .filter((instance) => RESTRICTED.has(instance.spec.restrictState))
      .map((instance) => ({ id: instance.spec.instanceId, code: "InvalidInstance.NotSupported" })),
    () => "Instances in a restricted state (EXPIRED or PROTECTIVELY_ISOLATED) are not supported",
  );
  refuseBatch(
    instances.flatMap((instance) => {
      const condition = tencentSpec(instance).condition;
      return condition ? [{ id: instance.spec.instanceId, code: CONDITION_CODES[condition] }] : [];
    }),
    (code) => `The operation is not supported: ${code}`,
  );
  refuseBatch(
    instances
      .filter((instance) => ctx.store.now() < ctx.store.startedAt + tencentSpec(instance).taskRunningMs)
      .map((instance) => ({ id: instance.spec.instanceId, code: "MutexOperation.TaskRunning" })),
    () => "Another task is running on instances; retry when it ends",
  );
  refuseBatch(
    instances
      .filter((instance) => ctx.store.isLagging(instance))
      .map((instance) => ({ id: instance.spec.instanceId, code: "OperationDenied.InstanceOperationInProgress" })),
    () => "An operation is in progress on instances",
  );
  refuseBatch(
    instances
      .filter((instance) => instance.state !== allowedState)
      .map((instance) => ({ id: instance.spec.instanceId, code: tencentStateCode(instance.state) })),
    (code) => `The operation is not supported in state ${code.replace("UnsupportedOperation.InstanceState", "")}`,
  );
  return instances;
}

function startOrStop(
  instances: readonly CvmInstance[],
  ctx: TencentServiceContext,
  operation: "StartInstances" | "StopInstances",
): void {
  for (const instance of instances) {
    instance.latestOperation = operation;
    instance.latestOperationState = "OPERATING";
    instance.latestOperationRequestId = ctx.requestId;
    instance.latestOperationErrorMsg = undefined;
    const [via, to] = operation === "StartInstances" ? ["STARTING", "RUNNING"] : ["STOPPING", "STOPPED"];
    if (ctx.failOperations || tencentSpec(instance).failsOperation) {
      // Accepted, then it does not happen: back to the state it had, LatestOperationState FAILED.
      ctx.store.beginTransition(instance, via, instance.state, {
        lagMs: ctx.options.stateLagMs,
        failsWith: `${operation === "StartInstances" ? "Start" : "Stop"} failed: the operation timed out on the host. Retry later. (local cloud)`,
      });
    } else {
      ctx.store.beginTransition(instance, via, to, { lagMs: ctx.options.stateLagMs });
    }
  }
}

function startInstances(raw: unknown, ctx: TencentServiceContext): Record<string, unknown> {
  const params = parseTencentParams(StartInstancesParams, raw);
  const instances = lookUpForPower(params.InstanceIds, ctx, "STOPPED");
  startOrStop(instances, ctx, "StartInstances");
  for (const instance of instances) if (!instance.transition?.failsWith) instance.stopChargingMode = undefined;
  return {};
}

function stopInstances(raw: unknown, ctx: TencentServiceContext): Record<string, unknown> {
  const params = parseTencentParams(StopInstancesParams, raw);
  if (params.ForceStop !== undefined && params.StopType !== undefined) {
    throw new EmulatedApiError(
      "InvalidParameterCombination",
      "The parameters `ForceStop` and `StopType` cannot be specified at the same time.",
    );
  }
  if (params.StopType !== undefined && !STOP_TYPES.includes(params.StopType)) {
    throw new EmulatedApiError("InvalidParameterValue", `\`StopType\` ${params.StopType} is not one of ${STOP_TYPES}.`);
  }
  const stoppedMode = params.StoppedMode ?? "KEEP_CHARGING";
  if (!STOPPED_MODES.includes(stoppedMode)) {
    throw new EmulatedApiError(
      "InvalidParameterValue",
      `\`StoppedMode\` ${stoppedMode} is not one of ${STOPPED_MODES}.`,
    );
  }
  const instances = lookUpForPower(params.InstanceIds, ctx, "RUNNING");
  if (stoppedMode === "STOP_CHARGING") {
    refuseBatch(
      instances
        .filter((instance) => !stopChargingEligible(tencentSpec(instance)))
        .map((instance) => ({ id: instance.spec.instanceId, code: "UnsupportedOperation.StoppedModeStopCharging" })),
      () => "STOP_CHARGING needs a POSTPAID_BY_HOUR instance whose system disk is a cloud disk; not eligible",
    );
  }
  startOrStop(instances, ctx, "StopInstances");
  for (const instance of instances) {
    if (!instance.transition?.failsWith) instance.stopChargingMode = stoppedMode as "KEEP_CHARGING" | "STOP_CHARGING";
  }
  return {};
}

export function stopChargingEligible(spec: TencentFleetInstance): boolean {
  return spec.chargeType === "POSTPAID_BY_HOUR" && !spec.systemDiskType.startsWith("LOCAL_");
}

export const cvmService: TencentService = {
  name: "cvm",
  version: "2017-03-12",
  actions: {
    DescribeInstances: describeInstances,
    DescribeInstancesStatus: describeInstancesStatus,
    StartInstances: startInstances,
    StopInstances: stopInstances,
  },
};
