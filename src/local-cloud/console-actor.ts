import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ECS_ACTIONS } from "./alibaba/ecs.ts";
import { EmulatedApiError } from "./api-error.ts";
import type { ZoneCapacity } from "./aws/capacity.ts";
import { EC2_ACTIONS } from "./aws/ec2.ts";
import type { CloudProvider, InstanceStore } from "./instance-store.ts";
import { cvmService } from "./tencent/cvm.ts";

/**
 * "Someone else" acting on instances at the same moment: a person in the console, another scheduler. Each instance
 * gets its own call, through the same rules as the API (state checks, refusals, transitions, the Tencent state lag),
 * but nothing is logged, rate-limited or faulted: the call log shows only the calls under test.
 */

export type ConsoleAction = "start" | "stop";

/** One instance's outcome: "ok", or the error code the cloud refused it with. */
export interface ConsoleActionResult {
  instanceId: string;
  result: string;
  message?: string;
}

export const ConsoleActionRequestSchema = z.strictObject({
  provider: z.enum(["tencent", "aws", "alibaba"]),
  region: z.string().min(1),
  instanceIds: z.array(z.string().min(1)).min(1).max(1000),
  action: z.enum(["start", "stop"]),
});
export type ConsoleActionRequest = z.infer<typeof ConsoleActionRequestSchema>;

export interface ConsoleActorContext {
  store: InstanceStore;
  tencent: { describeUnknownIds: "omit" | "error"; stateLagMs: number };
  capacity: ZoneCapacity;
}

function actOnOne(
  ctx: ConsoleActorContext,
  provider: CloudProvider,
  region: string,
  instanceId: string,
  action: ConsoleAction,
): void {
  const requestId = randomUUID();
  if (provider === "tencent") {
    const handler = cvmService.actions[action === "start" ? "StartInstances" : "StopInstances"];
    handler?.({ InstanceIds: [instanceId] }, { store: ctx.store, region, requestId, options: ctx.tencent });
    return;
  }
  if (provider === "alibaba") {
    const handler = ECS_ACTIONS[action === "start" ? "StartInstances" : "StopInstances"];
    handler?.({ "InstanceId.1": instanceId, RegionId: region }, { store: ctx.store, region, requestId });
    return;
  }
  const handler = EC2_ACTIONS[action === "start" ? "StartInstances" : "StopInstances"];
  handler?.({ "InstanceId.1": instanceId }, { store: ctx.store, region, requestId, capacity: ctx.capacity });
}

export function actAsConsole(
  ctx: ConsoleActorContext,
  provider: CloudProvider,
  region: string,
  instanceIds: readonly string[],
  action: ConsoleAction,
): ConsoleActionResult[] {
  return instanceIds.map((instanceId) => {
    try {
      actOnOne(ctx, provider, region, instanceId, action);
      return { instanceId, result: "ok" };
    } catch (error) {
      if (!(error instanceof EmulatedApiError)) throw error;
      return { instanceId, result: error.code, message: error.message };
    }
  });
}
