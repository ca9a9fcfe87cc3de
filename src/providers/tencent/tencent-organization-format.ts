/**
 * How Tencent's organisation reads in the config (descriptor.organization). Its own module, so that a bundle whose
 * config lists no organisation leaves it out (src/deploy/bundle-organization.ts).
 */
import type { OrganizationFormat } from "../provider-descriptor.ts";

// Tencent Cloud Organization (API 2021-03-31): departments are integer NodeIds, members integer uins.
export const tencentOrganizationFormat: OrganizationFormat = {
  label: "Tencent Cloud Organization",
  unit: { pattern: /^\d{1,20}$/, shape: "a department NodeId (digits)" },
  member: { pattern: /^\d{5,20}$/, shape: "a uin (5 to 20 digits)" },
  roleName: { pattern: /^[\w+=,.@-]{1,128}$/, shape: "1 to 128 letters, digits or +=,.@_-" },
  roleArnOf: (memberId, roleName) => `qcs::cam::uin/${memberId}:roleName/${roleName}`,
};
