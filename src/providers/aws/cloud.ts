/** AWS EC2 for the registry (clouds.ts): its descriptor and its tooling (SDK-free). */
import type { CloudEntry } from "../cloud-entry.ts";
import { AWS_TOOLING } from "./aws-tooling.ts";
import { awsDescriptor } from "./descriptor.ts";

export const AWS_CLOUD: CloudEntry<"aws"> = {
  descriptor: awsDescriptor,
  tooling: AWS_TOOLING,
};
