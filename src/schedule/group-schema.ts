/**
 * One entry of the config's `groups:`: its schema (each value checked against its cloud's formats), what a group
 * lacks as a whole, and the group the code reads, defaults filled in.
 */
import { z } from "zod";
import { type CloudAccount, PROVIDERS, type ProviderName } from "../domain/index.ts";
import { groupNameSchema, optionsSchema, PROVIDER_FORMATS, type Problems, tagsSchema } from "../input/index.ts";
import { platformOf } from "../providers/catalog.ts";
import { accountNameSchema } from "./accounts.ts";
import { PLATFORMS } from "./deploy-section.ts";
import { DEFAULT_ENFORCE_EVERY_MINUTES, DEFAULT_ENFORCE_GRACE_MINUTES } from "./desired-state.ts";
import {
  organizationSourceIssues,
  organizationSourceSchema,
  type ParsedOrganizationSource,
  toOrganizationSource,
} from "./organization-source.ts";
import { ENFORCE_EVERY_MINUTES, ENFORCE_MODES, type EnforceMode, type ScheduleGroup } from "./schedule-config.ts";
import { crontabSchema, zoneSchema } from "./value-schemas.ts";

const accountListSchema = z.union([z.literal("*"), z.array(accountNameSchema).min(1)], {
  error:
    'is not "*" (every declared account of the group\'s cloud), a list of account names or {organization: {role: ...}}',
});

/**
 * `accounts`: an object is the organisation form (its own issues kept, naming the field inside it), anything else the
 * list or `"*"`.
 */
const accountsSchema = z.unknown().transform((value, ctx): "*" | string[] | ParsedOrganizationSource => {
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  const options = { reportInput: true };
  const result = isObject
    ? organizationSourceSchema.safeParse(value, options)
    : accountListSchema.safeParse(value, options);
  if (result.success) return result.data;
  // `input` kept as a key, even when undefined (a missing field): addIssue would fill in the whole value otherwise.
  for (const issue of result.error.issues)
    ctx.addIssue({ ...issue, input: issue.input } as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});

export const groupSchema = z
  .strictObject({
    name: groupNameSchema,
    description: z.string().optional(),
    provider: z.enum(PROVIDERS),
    region: z.string().optional(),
    regions: z.array(z.string()).min(1).optional(),
    instanceIds: z.array(z.string()).optional(),
    tags: tagsSchema.optional(),
    start: crontabSchema.optional(),
    stop: crontabSchema.optional(),
    timezone: zoneSchema,
    calendar: z.string().optional(),
    options: optionsSchema.optional(),
    enabled: z.boolean().default(true),
    hourlyPrice: z.number().nonnegative().optional(),
    currency: z.string().optional(),
    instanceCount: z.int().positive().optional(),
    platform: z.enum(PLATFORMS).optional(),
    enforce: z
      .union([z.literal(false), z.enum(ENFORCE_MODES)], { error: 'is not false, "stop" or "both"' })
      .default(false),
    enforceEvery: z
      .int()
      .refine((minutes) => (ENFORCE_EVERY_MINUTES as readonly number[]).includes(minutes), {
        error: `is not an enforce interval in minutes (${ENFORCE_EVERY_MINUTES.join(", ")})`,
      })
      .optional(),
    enforceGrace: z.int().min(0).max(120).optional(),
    account: accountNameSchema.optional(),
    accounts: accountsSchema.optional(),
  })
  .superRefine(checkGroupValues);

/** The values a group's and a named schedule's keys share, as the value checks read them. */
interface GroupValues {
  readonly provider: ProviderName;
  readonly region?: string | undefined;
  readonly regions?: readonly string[] | undefined;
  readonly instanceIds?: readonly string[] | undefined;
  readonly enforce: false | EnforceMode;
  readonly enforceEvery?: number | undefined;
  readonly enforceGrace?: number | undefined;
  readonly accounts?: ParsedGroup["accounts"];
}

/** Each value checked against its cloud's formats (regions, IDs), and settings that only mean something together. */
export function checkGroupValues(group: GroupValues, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string, input?: unknown) =>
    ctx.addIssue({ code: "custom", path, message, input });
  const format = PROVIDER_FORMATS[group.provider];
  const regions = group.region !== undefined ? [["region"], group.region] : undefined;
  for (const [path, value] of regions
    ? [regions as [PropertyKey[], string]]
    : (group.regions ?? []).map((region, index) => [["regions", index], region] as [PropertyKey[], string])) {
    const result = format.region.safeParse(value);
    if (!result.success) issue(path, result.error.issues[0]?.message ?? "is not a region", value);
  }
  (group.instanceIds ?? []).forEach((id, index) => {
    const result = format.instanceId.safeParse(id);
    if (!result.success) issue(["instanceIds", index], result.error.issues[0]?.message ?? "bad ID", id);
  });
  if ((group.instanceIds ?? []).length > 0 && (group.regions?.length ?? 1) > 1) {
    issue(["regions"], "lists several regions, but instance IDs belong to one: give region", group.regions);
  }
  if (isOrganization(group.accounts)) {
    for (const found of organizationSourceIssues(group.provider, group.accounts)) {
      issue(["accounts", ...found.path], found.message, found.input);
    }
  }
  for (const key of ["enforceEvery", "enforceGrace"] as const) {
    if (group[key] !== undefined && group.enforce === false) {
      issue([key], 'is set, but enforce is false: set enforce to "stop" or "both", or remove it', group[key]);
    }
  }
}

export type ParsedGroup = z.output<typeof groupSchema>;

export function isOrganization(accounts: ParsedGroup["accounts"]): accounts is ParsedOrganizationSource {
  return accounts !== undefined && typeof accounts === "object" && !Array.isArray(accounts);
}

/** What a group lacks as a whole (no value to show): checked once the schema holds. */
export function checkGroupShapes(
  groups: readonly ParsedGroup[],
  problems: Problems,
  section: "groups" | "schedules" = "groups",
): void {
  groups.forEach((group, index) => {
    const path = [section, index];
    if (group.region !== undefined && group.regions !== undefined)
      problems.addAt(path, "give region or regions, not both");
    if (group.account !== undefined && group.accounts !== undefined)
      problems.addAt(path, "give account or accounts, not both");
    if (group.region === undefined && group.regions === undefined)
      problems.addAt([...path, "region"], "missing (or give regions)");
    const hasTags = group.tags !== undefined && Object.keys(group.tags).length > 0;
    if ((group.instanceIds ?? []).length === 0 && !hasTags) {
      problems.addAt(path, "names no instances: give instanceIds and/or tags");
    }
    if (group.start === undefined && group.stop === undefined) {
      problems.addAt(path, "has neither start nor stop: give at least one crontab expression");
    }
  });
}

/** The group's accounts: `account`, `accounts` as listed, or `"*"` as every declared account of its cloud. */
function accountsOf(
  group: ParsedGroup,
  declared: readonly CloudAccount[],
): Pick<ScheduleGroup, "accounts" | "organization"> | undefined {
  if (group.account !== undefined) return { accounts: [group.account] };
  if (isOrganization(group.accounts)) return { organization: toOrganizationSource(group.accounts) };
  if (group.accounts === "*") {
    return { accounts: declared.filter((account) => account.provider === group.provider).map((a) => a.name) };
  }
  return group.accounts === undefined ? undefined : { accounts: [...new Set(group.accounts)] };
}

export function toGroup(group: ParsedGroup, declared: readonly CloudAccount[] = []): ScheduleGroup {
  const instanceIds = group.instanceIds ?? [];
  const tags = group.tags ?? {};
  const idsOnly = instanceIds.length > 0 && Object.keys(tags).length === 0;
  const instanceCount = group.instanceCount ?? (idsOnly ? instanceIds.length : undefined);
  return {
    name: group.name,
    ...(group.description === undefined ? {} : { description: group.description }),
    provider: group.provider,
    regions: group.regions ?? (group.region === undefined ? [] : [group.region]),
    instanceIds,
    tags,
    ...(group.start === undefined ? {} : { start: group.start }),
    ...(group.stop === undefined ? {} : { stop: group.stop }),
    timezone: group.timezone,
    ...(group.calendar === undefined ? {} : { calendar: group.calendar }),
    options: Object.fromEntries(Object.entries(group.options ?? {}).filter(([, value]) => value !== undefined)),
    enabled: group.enabled,
    ...(group.hourlyPrice === undefined ? {} : { hourlyPrice: group.hourlyPrice }),
    ...(group.currency === undefined ? {} : { currency: group.currency }),
    ...(instanceCount === undefined ? {} : { instanceCount }),
    platform: group.platform ?? platformOf(group.provider),
    ...(group.enforce === false
      ? {}
      : {
          enforce: group.enforce,
          enforceEvery: group.enforceEvery ?? DEFAULT_ENFORCE_EVERY_MINUTES,
          enforceGrace: group.enforceGrace ?? DEFAULT_ENFORCE_GRACE_MINUTES,
        }),
    ...(accountsOf(group, declared) ?? {}),
  };
}
