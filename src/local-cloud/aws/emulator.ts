/**
 * AWS started on one local cloud (its part: part.ts): STS (SigV4 service `sts`) and EC2 (the query protocol, which
 * claims any other form-encoded `Action=` request, so it is asked last), with the zones' free capacity; and the
 * console's action.
 */
import type { LocalCloudShared, StartedCloudPart } from "../cloud-part.ts";
import { createAwsStsFrontEnd } from "../sts/aws-sts.ts";
import { ZoneCapacity } from "./capacity.ts";
import { EC2_ACTIONS } from "./ec2.ts";
import { createAwsFrontEnd } from "./front-end.ts";
import { createAwsOrganizationsFrontEnd } from "./organizations.ts";

export function startAws({ store, sessions, keys, organizations, options }: LocalCloudShared): StartedCloudPart {
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
}
