/** Alibaba Cloud ECS started on one local cloud (its part: part.ts): the ACS3 front end, and the console's action. */
import type { StartedCloudPart } from "../cloud-part.ts";
import type { InstanceStore } from "../instance-store.ts";
import type { AlibabaLocalOptions } from "./alibaba-options.ts";
import { ECS_ACTIONS } from "./ecs.ts";
import { createAlibabaFrontEnd } from "./front-end.ts";

export function startAlibaba(store: InstanceStore, options: AlibabaLocalOptions): StartedCloudPart {
  return {
    frontEnds: [createAlibabaFrontEnd(store, options)],
    act(region, instanceId, action, requestId) {
      const handler = ECS_ACTIONS[action === "start" ? "StartInstances" : "StopInstances"];
      handler?.({ "InstanceId.1": instanceId, RegionId: region }, { store, region, requestId });
    },
  };
}
