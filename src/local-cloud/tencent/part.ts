/**
 * Tencent Cloud in the local cloud (listed in ../parts.ts): its fleet entries (../fleet.ts), its fake keys, and,
 * once started (emulator.ts), its one front end (TC3-signed JSON), serving CVM, Tag, SCF and STS.
 */
import type { LocalCloudPart } from "../cloud-part.ts";
import { TencentFleetInstanceSchema } from "../fleet.ts";
import { DEFAULT_SHARED_STS_KEYS } from "../local-keys.ts";
import type { TencentKey } from "./tc3.ts";

declare module "../cloud-types.ts" {
  interface EmulatedCloudTypes {
    tencent: { fleetEntry: typeof TencentFleetInstanceSchema; key: TencentKey; ownOptions: never };
  }
}

export const TENCENT_LOCAL_PART: LocalCloudPart<"tencent"> = {
  provider: "tencent",
  fleetEntry: TencentFleetInstanceSchema,
  localKeys: DEFAULT_SHARED_STS_KEYS.tencent,
  async start(shared) {
    const { startTencent } = await import("./emulator.ts");
    return startTencent(shared);
  },
};
