/**
 * AWS in the local cloud (listed in ../parts.ts): its fleet entries (../fleet.ts), its fake keys, and, once started
 * (emulator.ts), its front ends: STS and EC2.
 */
import type { LocalCloudPart } from "../cloud-part.ts";
import { AwsFleetInstanceSchema } from "../fleet.ts";
import { DEFAULT_SHARED_STS_KEYS } from "../local-keys.ts";
import type { AwsKey } from "./sigv4.ts";

declare module "../cloud-types.ts" {
  interface EmulatedCloudTypes {
    aws: { fleetEntry: typeof AwsFleetInstanceSchema; key: AwsKey; ownOptions: never };
  }
}

export const AWS_LOCAL_PART: LocalCloudPart<"aws"> = {
  provider: "aws",
  fleetEntry: AwsFleetInstanceSchema,
  localKeys: DEFAULT_SHARED_STS_KEYS.aws,
  async start(shared) {
    const { startAws } = await import("./emulator.ts");
    return startAws(shared);
  },
};
