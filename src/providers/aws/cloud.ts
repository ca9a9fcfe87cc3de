/** AWS EC2 for the registry (clouds.ts): its descriptor and tooling, and its SDK part loaded on first use. */
import type { CloudEntry } from "../cloud-entry.ts";
import { AWS_TOOLING } from "./aws-tooling.ts";
import { awsDescriptor } from "./descriptor.ts";

export const AWS_CLOUD: CloudEntry<"aws"> = {
  descriptor: awsDescriptor,
  tooling: AWS_TOOLING,
  connector: async () => new (await import("./aws-connector.ts")).AwsConnector(),
};
