/**
 * Tencent Cloud started on one local cloud (its part: part.ts): the TC3 front end serving CVM, Tag, SCF, STS and the organisation,
 * and the console's action.
 */
import type { LocalCloudShared, StartedCloudPart } from "../cloud-part.ts";
import { createScfService } from "../scf/index.ts";
import { createTencentStsService } from "../sts/tencent-sts.ts";
import { cvmService } from "./cvm.ts";
import { createTencentFrontEnd } from "./front-end.ts";
import { createTencentOrganizationService } from "./organization.ts";
import { tagService } from "./tag.ts";

export function startTencent({
  store,
  sessions,
  keys,
  scf,
  organizations,
  options,
}: LocalCloudShared): StartedCloudPart {
  const tencent = { describeUnknownIds: options.tencentDescribeUnknownIds, stateLagMs: options.tencentStateLagMs };
  return {
    frontEnds: [
      createTencentFrontEnd({
        store,
        keys: keys.tencent,
        sessions,
        services: [
          cvmService,
          tagService,
          createScfService(scf),
          createTencentStsService(sessions),
          createTencentOrganizationService(organizations, () => sessions.ownAccounts.tencent),
        ],
        ...tencent,
      }),
    ],
    act(region, instanceId, action, requestId) {
      const handler = cvmService.actions[action === "start" ? "StartInstances" : "StopInstances"];
      handler?.({ InstanceIds: [instanceId] }, { store, region, requestId, options: tencent });
    },
  };
}
