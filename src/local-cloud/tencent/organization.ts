/**
 * Tencent Cloud Organization, API 2021-03-31 (service `organization`, TC3-signed JSON, through the Tencent front-end):
 * DescribeOrganizationMembers, paged with Offset (a multiple of Limit) and Limit (1 to 50, default 10), answering
 * `Items` (OrgMember: MemberUin, Name, MemberType, NodeId, NodeName, JoinTime...) and `Total` (the API reference,
 * tencentcloud.com/document/api/1031/52062). Only the management account may list; a caller in no organisation
 * answers ResourceNotFound.OrganizationNotExist.
 */
import { EmulatedApiError } from "../api-error.ts";
import type { LocalOrganizations } from "../organization/local-organization.ts";
import type { TencentService } from "./service.ts";

const MAX_LIMIT = 50;

function joinTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "");
}

export function createTencentOrganizationService(
  organizations: LocalOrganizations,
  ownUin: () => string,
): TencentService {
  return {
    name: "organization",
    version: "2021-03-31",
    actions: {
      DescribeOrganizationMembers(params, ctx) {
        const p = (params ?? {}) as Record<string, unknown>;
        const { Offset: offset, Limit: limit } = p;
        if (!Number.isInteger(offset) || (offset as number) < 0) {
          throw new EmulatedApiError("MissingParameter", "The request is missing a required parameter `Offset`.");
        }
        if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIMIT) {
          throw new EmulatedApiError("InvalidParameter.LimitExceeded", `Limit must be 1 to ${MAX_LIMIT}.`);
        }
        if ((offset as number) % (limit as number) !== 0) {
          throw new EmulatedApiError("InvalidParameter", "Offset must be an integer multiple of Limit.");
        }
        const organization = organizations.of("tencent");
        if (organization === undefined) {
          throw new EmulatedApiError("ResourceNotFound.OrganizationNotExist", "The organization does not exist.");
        }
        const caller = ctx.account ?? ownUin();
        if (caller !== (organization.management ?? ownUin())) {
          throw new EmulatedApiError(
            "AuthFailure.UnauthorizedOperation",
            `The uin ${caller} is not the organization's management account.`,
          );
        }
        const slice = organization.members.slice(offset as number, (offset as number) + (limit as number));
        return {
          Items: slice.map((member) => ({
            MemberUin: Number(member.id),
            Name: member.name,
            MemberType: "Create",
            NodeId: member.unit === undefined ? 0 : Number(member.unit),
            NodeName: member.unit === undefined ? "root" : `node-${member.unit}`,
            JoinTime: joinTime(member.joinedAt),
          })),
          Total: organization.members.length,
        };
      },
    },
  };
}
