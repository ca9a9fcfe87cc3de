/**
 * Tencent Cloud Organization's member listing: DescribeOrganizationMembers, API 2021-03-31, which has no per-product
 * npm package here, so it goes through the SDK's CommonClient (service `organization`). Offset "an integer multiple of
 * the value of Limit", Limit "1-50", answering `Items` (OrgMember: MemberUin, Name, NodeId...) and `Total` (the API
 * reference, https://www.tencentcloud.com/document/api/1031/52062). The listing has no department filter: members
 * carry their NodeId and the caller keeps the units asked for. Its rate is not stated on that page; the older
 * ListOrganizationMembers allows "a maximum of 20 requests ... per second" (/document/api/1031/32876): that pace is kept.
 */
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import type { ClassifiedFailure } from "../../domain/index.ts";
import { type CloudApiError, TRANSPORT_CODES } from "../../errors.ts";
import type { OrganizationLister, OrganizationPage, OrganizationPageRequest } from "../provider-descriptor.ts";
import { fromTencentError } from "./tencent-errors.ts";
import { tencentHttpProfile } from "./tencent-http-profile.ts";
import { readTencentCredential } from "./tencent-own-keys.ts";
import { tencentEndpoints } from "./tencent-settings.ts";

export const ORGANIZATION_API_VERSION = "2021-03-31";
/** DescribeOrganizationMembers' largest Limit. */
export const ORGANIZATION_PAGE_SIZE = 50;
const ACTION = "DescribeOrganizationMembers";

interface MembersAnswer {
  readonly Items?: readonly { MemberUin?: number; Name?: string; NodeId?: number }[];
  readonly Total?: number;
}

function classify(error: CloudApiError): ClassifiedFailure {
  const code = error.code;
  if (code.startsWith("RequestLimitExceeded")) return { kind: "throttle", scope: "account" };
  if (code === "InternalError" || code.startsWith("InternalError.")) return { kind: "uncertain" };
  if (code === "ServiceUnavailable") return { kind: "transient" };
  const transport: readonly string[] = Object.values(TRANSPORT_CODES);
  if (transport.includes(code)) return { kind: "uncertain" };
  // AuthFailure.*, UnauthorizedOperation, ResourceNotFound.OrganizationNotExist, FailedOperation.*: no retry helps.
  return { kind: "global" };
}

/** A class, so that a bundle without organisation groups swaps it for a stub (src/deploy/bundle-organization.ts). */
export class TencentOrganizationLister implements OrganizationLister {
  readonly listsByUnit = false;
  readonly callsPerSecond = 20;

  actionName(): string {
    return ACTION;
  }

  async page(request: OrganizationPageRequest): Promise<OrganizationPage> {
    const { env, role } = request;
    const client = new CommonClient("organization.tencentcloudapi.com", ORGANIZATION_API_VERSION, {
      credential: {
        getCredential: role
          ? async () => {
              const keys = await role();
              return { secretId: keys.keyId, secretKey: keys.secret, token: keys.token };
            }
          : async () => readTencentCredential(env),
      },
      region: request.region,
      profile: {
        httpProfile: tencentHttpProfile("organization", tencentEndpoints(env).organization, request.requestTimeoutMs),
      },
    });
    const offset = request.cursor === undefined ? 0 : Number(request.cursor);
    try {
      const answer = (await client.request(
        ACTION,
        { Offset: offset, Limit: ORGANIZATION_PAGE_SIZE },
        request.signal ? { signal: request.signal } : {},
      )) as MembersAnswer;
      const items = answer.Items ?? [];
      const next = offset + ORGANIZATION_PAGE_SIZE;
      return {
        members: items.flatMap((item) =>
          item.MemberUin === undefined
            ? []
            : [
                {
                  id: String(item.MemberUin),
                  ...(item.Name ? { name: item.Name } : {}),
                  active: true,
                  ...(item.NodeId === undefined ? {} : { unit: String(item.NodeId) }),
                },
              ],
        ),
        ...(items.length > 0 && next < (answer.Total ?? 0) ? { cursor: String(next) } : {}),
      };
    } catch (error) {
      throw fromTencentError(error, ACTION);
    }
  }

  classify(error: CloudApiError): ClassifiedFailure {
    return classify(error);
  }
}
