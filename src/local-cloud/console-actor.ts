import { randomUUID } from "node:crypto";
import { z } from "zod";
import { PROVIDERS } from "../domain/index.ts";
import { EmulatedApiError } from "./api-error.ts";
import type { ConsoleAction, StartedCloudPart } from "./cloud-part.ts";
import type { CloudProvider } from "./instance-store.ts";

/**
 * "Someone else" acting on instances at the same moment: a person in the console, another scheduler. Each instance
 * gets its own call, through the same rules as the API (state checks, refusals, transitions, a cloud's state lag),
 * but nothing is logged, rate-limited or faulted: the call log shows only the calls under test. Each cloud's part
 * says how (its `act`).
 */

export type { ConsoleAction } from "./cloud-part.ts";

/** One instance's outcome: "ok", or the error code the cloud refused it with. */
export interface ConsoleActionResult {
  instanceId: string;
  result: string;
  message?: string;
}

export const ConsoleActionRequestSchema = z.strictObject({
  provider: z.enum(PROVIDERS),
  region: z.string().min(1),
  instanceIds: z.array(z.string().min(1)).min(1).max(1000),
  action: z.enum(["start", "stop"]),
});
export type ConsoleActionRequest = z.infer<typeof ConsoleActionRequestSchema>;

/** The started parts of the clouds, by name. */
export type ConsoleActorContext = { readonly [P in CloudProvider]: StartedCloudPart };

export function actAsConsole(
  ctx: ConsoleActorContext,
  provider: CloudProvider,
  region: string,
  instanceIds: readonly string[],
  action: ConsoleAction,
): ConsoleActionResult[] {
  return instanceIds.map((instanceId) => {
    try {
      ctx[provider].act(region, instanceId, action, randomUUID());
      return { instanceId, result: "ok" };
    } catch (error) {
      if (!(error instanceof EmulatedApiError)) throw error;
      return { instanceId, result: error.code, message: error.message };
    }
  });
}
