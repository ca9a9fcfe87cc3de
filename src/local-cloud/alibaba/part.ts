/**
 * Alibaba Cloud ECS in the local cloud (listed in ../parts.ts): its fleet entries, its own options
 * (`startLocalCloud({ alibaba: ... })`: keys, own account, roles, zones out of stock), its fake keys, and, once
 * started (emulator.ts), its one front end: ECS and STS over the ACS3 RPC protocol.
 */
import type { LocalCloudPart } from "../cloud-part.ts";
import type { AlibabaKey } from "./acs3.ts";
import { type AlibabaLocalOptions, alibabaOptionsSchema, DEFAULT_ALIBABA_KEYS } from "./alibaba-options.ts";
import { AlibabaFleetInstanceSchema } from "./ecs-fleet.ts";

declare module "../cloud-types.ts" {
  interface EmulatedCloudTypes {
    alibaba: { fleetEntry: typeof AlibabaFleetInstanceSchema; key: AlibabaKey; ownOptions: AlibabaLocalOptions };
  }
}

export const ALIBABA_LOCAL_PART: LocalCloudPart<"alibaba"> = {
  provider: "alibaba",
  fleetEntry: AlibabaFleetInstanceSchema,
  localKeys: DEFAULT_ALIBABA_KEYS,
  ownOptions: alibabaOptionsSchema,
  async start({ store }, ownOptions) {
    const { startAlibaba } = await import("./emulator.ts");
    return startAlibaba(store, (ownOptions ?? {}) as AlibabaLocalOptions);
  },
};
