/** Tencent Cloud CVM for the registry (clouds.ts): its descriptor and its tooling (SDK-free). */
import type { CloudEntry } from "../cloud-entry.ts";
import { tencentDescriptor } from "./descriptor.ts";
import { TENCENT_TOOLING } from "./tencent-tooling.ts";

export const TENCENT_CLOUD: CloudEntry<"tencent"> = {
  descriptor: tencentDescriptor,
  tooling: TENCENT_TOOLING,
};

/** Its name among the clouds' (the domain's CloudNames, filled by each cloud's folder). */
declare module "../../domain/types.ts" {
  interface CloudNames {
    tencent: true;
  }
}
