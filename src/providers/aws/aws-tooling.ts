/**
 * AWS for the tools: the spoke role's CloudFormation template (it takes the hub's role ARN as a parameter, so it
 * needs no hub role name), and the `powercron local-cloud` flag of EC2: how many instances each zone can still start.
 */
import { numberPairs } from "../local-cloud-flags.ts";
import type { ProviderTooling } from "../provider-tooling.ts";
import { awsSpokeTemplate } from "./aws-permissions.ts";

const ZONE = /^[a-z]{2}(?:-[a-z]+)+-\d+[a-z]$/;

export const AWS_TOOLING: ProviderTooling = {
  demoEvents: { stop: "config/events/aws-stop.json", start: "config/events/aws-start.json" },
  spokeFiles: (scope) => ({ "spoke-role.json": awsSpokeTemplate(scope.managementTag, scope.roleName) }),
  localCloudFlags: [
    {
      flag: "--ec2-capacity <zones>",
      description: 'EC2 instances each zone can still start, e.g. "us-east-1a=3,us-east-1b=0"',
      options: (raw) => ({ ec2ZoneCapacity: numberPairs("--ec2-capacity", raw, ZONE, "us-east-1a=3") }),
    },
  ],
};
