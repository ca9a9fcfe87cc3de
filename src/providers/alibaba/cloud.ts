/** Alibaba Cloud ECS for the registry (clouds.ts): its descriptor and its tooling (SDK-free). */
import type { CloudEntry } from "../cloud-entry.ts";
import { ALIBABA_TOOLING } from "./alibaba-tooling.ts";
import { alibabaDescriptor } from "./descriptor.ts";

export const ALIBABA_CLOUD: CloudEntry<"alibaba"> = {
  descriptor: alibabaDescriptor,
  tooling: ALIBABA_TOOLING,
};

/** Its name among the clouds' (the domain's CloudNames, filled by each cloud's folder). */
declare module "../../domain/types.ts" {
  interface CloudNames {
    alibaba: true;
  }
}
