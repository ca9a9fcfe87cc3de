/**
 * Tencent Cloud in the local cloud (listed in ../parts.ts): its fleet entries (../fleet.ts), its fake keys, and its
 * one front end (TC3-signed JSON), serving CVM, Tag, SCF and STS.
 */
import type { LocalCloudPart } from "../cloud-part.ts";
import { TencentFleetInstanceSchema } from "../fleet.ts";
import { DEFAULT_SHARED_STS_KEYS } from "../local-keys.ts";
import { createScfService } from "../scf/index.ts";
import { createTencentStsService } from "../sts/tencent-sts.ts";
import { cvmService } from "./cvm.ts";
import { createTencentFrontEnd } from "./front-end.ts";
import { createTencentOrganizationService } from "./organization.ts";
import { tagService } from "./tag.ts";
import type { TencentKey } from "./tc3.ts";

declare module "../cloud-types.ts" {
  interface EmulatedCloudTypes {
    tencent: { fleetEntry: typeof TencentFleetInstanceSchema; key: TencentKey; ownOptions: never };
  }
}

export const TENCENT_LOCAL_PART: LocalCloudPart<"tencent"> = {
  provider: "tencent",
  fleetEntry: TencentFleetInstanceSchema,
  localKeys: DEFAULT_SHARED_STS_KEYS.tencent,
  start({ store, sessions, keys, scf, organizations, options }) {
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
  },
};
