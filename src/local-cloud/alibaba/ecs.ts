import { createHash } from "node:crypto";
import { EmulatedApiError } from "../api-error.ts";
import { defaultZone, type EmulatedInstance, type InstanceStore } from "../instance-store.ts";
import type { AlibabaFleetInstance } from "./ecs-fleet.ts";
import { ECS_INSTANCE_ID } from "./ecs-fleet.ts";
import { booleanParam, integerParam, jsonIdList, oneOf, type RpcParams, repeatList, tagList } from "./ecs-params.ts";

/**
 * Alibaba Cloud ECS, API 2014-05-26: DescribeInstances, StartInstances, StopInstances, as the real API answers them
 * (JSON bodies; errors with HTTP status, Code and Message). Start/Stop take 1 to 100 `InstanceId.N` and
 * `BatchOptimization`: AllTogether (the default: one refusal fails the call, nothing applied) or SuccessFirst (each
 * instance on its own, one `InstanceResponse` each). StopCharging silently becomes KeepCharging for subscription,
 * classic-network and local-disk instances.
 */

const MAX_IDS = 100;
const MAX_TAGS = 20;
const MAX_RESULTS = 100;
const MIN_RESULTS = 10;

export interface EcsContext {
  store: InstanceStore;
  region: string;
  requestId: string;
  /** The `opFailed` fault: every start/stop of the call is accepted, then falls back. */
  failOperations?: boolean;
  /** Zones out of stock: a StopCharging instance there cannot start again. */
  noStockZones?: ReadonlySet<string>;
}

export type EcsHandler = (params: RpcParams, ctx: EcsContext) => Record<string, unknown>;

type EcsInstance = EmulatedInstance & { readonly spec: AlibabaFleetInstance };

function specOf(instance: EmulatedInstance): AlibabaFleetInstance {
  if (instance.spec.provider !== "alibaba") throw new Error("not an ECS instance");
  return instance.spec;
}

/** How a stopped instance was stopped; the shared store keeps it in its Tencent-worded field. */
export function stoppedModeOf(instance: EmulatedInstance): "StopCharging" | "KeepCharging" | "Not-applicable" {
  if (instance.state !== "Stopped") return "Not-applicable";
  const kept = instance.stopChargingMode;
  if (kept !== undefined) return kept === "STOP_CHARGING" ? "StopCharging" : "KeepCharging";
  return specOf(instance).stoppedMode ?? "KeepCharging";
}

export function stopChargingEligible(spec: AlibabaFleetInstance): boolean {
  return spec.chargeType === "PostPaid" && spec.networkType === "vpc" && spec.localStorageAmount === 0;
}

function describeItem(instance: EcsInstance): Record<string, unknown> {
  const { spec } = instance;
  return {
    InstanceId: spec.instanceId,
    InstanceName: spec.name ?? spec.instanceId,
    RegionId: spec.region,
    ZoneId: spec.zone ?? `${spec.region}-a`,
    Status: instance.state,
    InstanceChargeType: spec.chargeType,
    InstanceNetworkType: spec.networkType,
    LocalStorageAmount: spec.localStorageAmount,
    StoppedMode: stoppedModeOf(instance),
    Tags: { Tag: Object.entries(spec.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
    OperationLocks: { LockReason: spec.lockedForSecurity ? [{ LockReason: "security" }] : [] },
  };
}

/** NextToken: the offset, salted with the selection so that a token is not reused across selections. */
function tokenFor(selection: string, offset: number): string {
  const salt = createHash("sha256").update(selection).digest("hex").slice(0, 16);
  return `${salt}${offset.toString(16).padStart(8, "0")}`;
}

function offsetOf(selection: string, token: string | undefined): number {
  if (token === undefined || token === "") return 0;
  const expected = tokenFor(selection, 0).slice(0, 16);
  if (token.length !== 24 || !token.startsWith(expected)) {
    throw new EmulatedApiError("InvalidParameter.NextToken", "The specified NextToken is not valid.", 400);
  }
  return Number.parseInt(token.slice(16), 16);
}

function describeInstances(params: RpcParams, ctx: EcsContext): Record<string, unknown> {
  const ids = jsonIdList(params, "InstanceIds", MAX_IDS);
  const tags = tagList(params);
  if (tags.length > MAX_TAGS) {
    throw new EmulatedApiError("InvalidParameter", `At most ${MAX_TAGS} tags, not ${tags.length}.`, 400);
  }
  const status = oneOf(params, "Status", ["Pending", "Running", "Starting", "Stopping", "Stopped"] as const);
  const requested = integerParam(params, "MaxResults") ?? MIN_RESULTS;
  const pageSize = Math.min(MAX_RESULTS, Math.max(MIN_RESULTS, requested));
  const matches = (instance: EmulatedInstance) =>
    (ids === undefined || ids.includes(instance.spec.instanceId)) &&
    tags.every((tag) =>
      tag.value === undefined ? tag.key in instance.spec.tags : instance.spec.tags[tag.key] === tag.value,
    );
  const selection = JSON.stringify({ ids, tags });
  const candidates =
    ids !== undefined
      ? ids.flatMap((id) => {
          const found = ctx.store.get("alibaba", ctx.region, id);
          return found ? [found] : []; // unknown IDs are left out
        })
      : ctx.store.selectInRegion("alibaba", ctx.region, selection, matches);
  const listed = (
    status ? candidates.filter((instance) => ctx.store.observedState(instance) === status) : candidates
  ).filter((instance, index, all) => all.indexOf(instance) === index) as EcsInstance[];
  const offset = offsetOf(`${selection}${status ?? ""}`, params.NextToken);
  const page = listed.slice(offset, offset + pageSize);
  const next = offset + pageSize < listed.length ? tokenFor(`${selection}${status ?? ""}`, offset + pageSize) : "";
  return {
    TotalCount: listed.length,
    PageSize: pageSize,
    NextToken: next,
    Instances: { Instance: page.map((instance) => describeItem(instance)) },
  };
}

interface InstanceAnswer {
  InstanceId: string;
  Code: string;
  Message: string;
  PreviousStatus: string;
  CurrentStatus: string;
}

type Refusal = { code: string; message: string; status: number };

/** Why this instance may not be started or stopped now, in ECS's words; undefined when it may. */
function refusalOf(
  id: string,
  instance: EcsInstance | undefined,
  action: "start" | "stop",
  noStockZones: ReadonlySet<string> = new Set(),
): Refusal | undefined {
  if (!ECS_INSTANCE_ID.test(id)) {
    return { code: "InvalidInstanceId.MalFormed", message: "The specified InstanceId is not valid.", status: 400 };
  }
  if (!instance)
    return { code: "InvalidInstanceId.NotFound", message: "The specified InstanceId does not exist.", status: 404 };
  const spec = instance.spec;
  if (spec.refusal)
    return { code: spec.refusal, message: `The operation is refused for ${id} (local cloud).`, status: 403 };
  const wanted = action === "start" ? "Stopped" : "Running";
  if (instance.state !== wanted) {
    return {
      code: "IncorrectInstanceStatus",
      message: "The current status of the resource does not support this operation.",
      status: 403,
    };
  }
  if (action === "start" && spec.lockedForSecurity) {
    return {
      code: "InstanceLockedForSecurity",
      message: "The specified instance is locked for security reasons.",
      status: 403,
    };
  }
  const noStock = spec.noStock || noStockZones.has(defaultZone(spec));
  if (action === "start" && noStock && stoppedModeOf(instance) === "StopCharging") {
    return {
      code: "OperationDenied.NoStock",
      message:
        "The requested resource is sold out in the specified zone; try other types of resources or other regions and zones.",
      status: 403,
    };
  }
  return undefined;
}

function apply(instance: EcsInstance, action: "start" | "stop", stoppedMode: string, ctx: EcsContext): void {
  const [via, to] = action === "start" ? ["Starting", "Running"] : ["Stopping", "Stopped"];
  if (ctx.failOperations || instance.spec.failsOperation) {
    ctx.store.beginTransition(instance, via, instance.state, {
      failsWith: `${action} failed on the host (local cloud)`,
    });
    return;
  }
  ctx.store.beginTransition(instance, via, to, instance.spec.stuck ? { durationMs: Number.POSITIVE_INFINITY } : {});
  if (action === "stop") {
    const economical = stoppedMode === "StopCharging" && stopChargingEligible(instance.spec);
    instance.stopChargingMode = economical ? "STOP_CHARGING" : "KEEP_CHARGING";
  } else {
    instance.stopChargingMode = undefined;
  }
}

function startOrStop(params: RpcParams, ctx: EcsContext, action: "start" | "stop"): Record<string, unknown> {
  const ids = repeatList(params, "InstanceId");
  if (ids.length === 0)
    throw new EmulatedApiError("MissingParameter", "The input parameter InstanceId is mandatory.", 400);
  if (ids.length > MAX_IDS) {
    throw new EmulatedApiError("InvalidParameter", `InstanceId.N holds ${ids.length} IDs, more than ${MAX_IDS}.`, 400);
  }
  const mode = oneOf(params, "BatchOptimization", ["AllTogether", "SuccessFirst"] as const) ?? "AllTogether";
  const stoppedMode = oneOf(params, "StoppedMode", ["StopCharging", "KeepCharging"] as const) ?? "KeepCharging";
  booleanParam(params, "ForceStop");
  if (booleanParam(params, "DryRun")) {
    throw new EmulatedApiError("DryRunOperation", "Request validation has been passed with DryRun flag set.", 400);
  }
  const unique = ids.filter((id, index) => ids.indexOf(id) === index);
  const checked = unique.map((id) => {
    const instance = ctx.store.get("alibaba", ctx.region, id) as EcsInstance | undefined;
    return { id, instance, refusal: refusalOf(id, instance, action, ctx.noStockZones) };
  });
  const firstRefusal = checked.find((entry) => entry.refusal)?.refusal;
  if (mode === "AllTogether" && firstRefusal) {
    throw new EmulatedApiError(
      firstRefusal.code,
      `${firstRefusal.message} No instance was acted on.`,
      firstRefusal.status,
    );
  }
  const answers: InstanceAnswer[] = checked.map(({ id, instance, refusal }) => {
    const previous = instance?.state ?? "";
    if (refusal || !instance) {
      return {
        InstanceId: id,
        Code: refusal?.code ?? "InvalidInstanceId.NotFound",
        Message: refusal?.message ?? "",
        PreviousStatus: previous,
        CurrentStatus: previous,
      };
    }
    apply(instance, action, stoppedMode, ctx);
    return { InstanceId: id, Code: "200", Message: "success", PreviousStatus: previous, CurrentStatus: instance.state };
  });
  return { InstanceResponses: { InstanceResponse: answers } };
}

export const ECS_ACTIONS: Readonly<Record<string, EcsHandler>> = {
  DescribeInstances: describeInstances,
  StartInstances: (params, ctx) => startOrStop(params, ctx, "start"),
  StopInstances: (params, ctx) => startOrStop(params, ctx, "stop"),
};
