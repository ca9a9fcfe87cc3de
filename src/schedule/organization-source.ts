/**
 * `accounts: {organization: {...}}`: a group's (or a named schedule's) accounts found from the cloud's organisation at
 * fire time, not listed in the config. A reusable schema piece: the shape here, each cloud's formats (units, member
 * IDs, role names) from its descriptor, checked once the group's provider is known.
 */
import { z } from "zod";
import type { OrganizationSource, ProviderName } from "../domain/index.ts";
import { descriptorOf } from "../providers/catalog.ts";
import { accountNameSchema } from "./accounts.ts";

/** ExternalId: the same grammar as a declared account's (accounts.ts). */
const externalIdSchema = z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, {
  error: "is not an ExternalId (2 to 1224 letters, digits or +=,.@:/-)",
});

export const organizationSourceSchema = z.strictObject({
  organization: z.strictObject({
    /** AWS OUs (or a root), Tencent department NodeIds: only the members directly under them. */
    ous: z
      .array(z.union([z.string(), z.int().nonnegative()]))
      .min(1)
      .optional(),
    exclude: z
      .array(z.union([z.string(), z.int().nonnegative()]))
      .min(1)
      .optional(),
    /** The spoke role's name in every member account. */
    role: z.string(),
    externalId: externalIdSchema.optional(),
    via: accountNameSchema.optional(),
  }),
});

export type ParsedOrganizationSource = z.output<typeof organizationSourceSchema>;

type Issue = { path: PropertyKey[]; message: string; input: unknown };

/** Each value checked against the group's cloud's organisation formats; a cloud without an organisation refused. */
export function organizationSourceIssues(provider: ProviderName, parsed: ParsedOrganizationSource): Issue[] {
  const descriptor = descriptorOf(provider);
  const format = descriptor.organization;
  const source = parsed.organization;
  if (format === undefined) {
    return [
      {
        path: ["organization"],
        message: `is not available for ${descriptor.label} groups: powercron lists no ${descriptor.label} organisation (name the accounts)`,
        input: source,
      },
    ];
  }
  const issues: Issue[] = [];
  (source.ous ?? []).forEach((unit, index) => {
    if (!format.unit.pattern.test(String(unit))) {
      issues.push({
        path: ["organization", "ous", index],
        message: `is not ${format.label} unit (${format.unit.shape})`,
        input: unit,
      });
    }
  });
  (source.exclude ?? []).forEach((member, index) => {
    if (!format.member.pattern.test(String(member))) {
      issues.push({
        path: ["organization", "exclude", index],
        message: `is not ${format.label} member (${format.member.shape})`,
        input: member,
      });
    }
  });
  if (!format.roleName.pattern.test(source.role)) {
    issues.push({
      path: ["organization", "role"],
      message: `is not a role name (${format.roleName.shape})`,
      input: source.role,
    });
  }
  return issues;
}

/** The source the code reads: units and members as text, absent lists left out. */
export function toOrganizationSource(parsed: ParsedOrganizationSource): OrganizationSource {
  const { ous, exclude, role, externalId, via } = parsed.organization;
  return {
    ...(ous === undefined ? {} : { units: [...new Set(ous.map(String))] }),
    ...(exclude === undefined ? {} : { exclude: [...new Set(exclude.map(String))] }),
    role,
    ...(externalId === undefined ? {} : { externalId }),
    ...(via === undefined ? {} : { via }),
  };
}

/** The words plan and triggers print for such a group: no call is made to list it. */
export function organizationWords(provider: ProviderName, source: OrganizationSource): string {
  const label = descriptorOf(provider).organization?.label ?? descriptorOf(provider).label;
  const units = source.units === undefined ? "every active member" : `members under ${source.units.join(", ")}`;
  const except = source.exclude === undefined ? "" : ` except ${source.exclude.join(", ")}`;
  return `accounts found from the organisation at fire time (${label}: ${units}${except}; role ${source.role})`;
}
