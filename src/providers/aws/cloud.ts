/** AWS EC2 for the registry (clouds.ts): its descriptor and its tooling (SDK-free). */
import type { CloudEntry } from "../cloud-entry.ts";
import { AWS_TOOLING } from "./aws-tooling.ts";
import { awsDescriptor } from "./descriptor.ts";

export const AWS_CLOUD: CloudEntry<"aws"> = {
  descriptor: awsDescriptor,
  tooling: AWS_TOOLING,
};

/** Its name among the clouds' (the domain's CloudNames, filled by each cloud's folder). */
declare module "../../domain/types.ts" {
  interface CloudNames {
    aws: true;
  }
}
