/**
 * AWS in the local cloud (listed in ../parts.ts): its fleet entries (../fleet.ts), its fake keys, and its front ends:
 * STS (SigV4 service `sts`) and EC2 (the query protocol, which claims any other form-encoded `Action=` request, so
 * it is asked last), with the zones' free capacity.
 */
import type { LocalCloudPart } from "../cloud-part.ts";
import { AwsFleetInstanceSchema } from "../fleet.ts";
import { DEFAULT_SHARED_STS_KEYS } from "../local-keys.ts";
import { createAwsStsFrontEnd } from "../sts/aws-sts.ts";
import { ZoneCapacity } from "./capacity.ts";
import { EC2_ACTIONS } from "./ec2.ts";
import { createAwsFrontEnd } from "./front-end.ts";
import { createAwsOrganizationsFrontEnd } from "./organizations.ts";
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
  start({ store, sessions, keys, organizations, options }) {
    const capacity = new ZoneCapacity(options.ec2ZoneCapacity);
    return {
      frontEnds: [
        createAwsOrganizationsFrontEnd(organizations, sessions, () => store.now()),
        createAwsStsFrontEnd(sessions, () => store.now()),
        createAwsFrontEnd({ store, keys: keys.aws, sessions, capacity }),
      ],
      act(region, instanceId, action, requestId) {
        const handler = EC2_ACTIONS[action === "start" ? "StartInstances" : "StopInstances"];
        handler?.({ "InstanceId.1": instanceId }, { store, region, requestId, capacity });
      },
    };
  },
};
