/**
 * How AWS's organisation reads in the config (descriptor.organization). Its own module, so that a bundle whose
 * config lists no organisation leaves it out (src/deploy/bundle-organization.ts).
 */
import type { OrganizationFormat } from "../provider-descriptor.ts";

// OU and account ID grammars as the Organizations API reference states them (ListAccountsForParent's ParentId:
// "ou-" + 4-32 lower-case letters or digits + "-" + 8-32 more; a root "r-" + 4-32; an account ID 12 digits).
export const awsOrganizationFormat: OrganizationFormat = {
  label: "AWS Organizations",
  unit: {
    pattern: /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/,
    shape: "ou-<root>-<8 to 32> or r-<root>",
  },
  member: { pattern: /^\d{12}$/, shape: "a 12-digit account ID" },
  roleName: { pattern: /^[\w+=,.@-]{1,64}$/, shape: "1 to 64 letters, digits or +=,.@_-" },
  roleArnOf: (memberId, roleName) => `arn:aws:iam::${memberId}:role/${roleName}`,
};
