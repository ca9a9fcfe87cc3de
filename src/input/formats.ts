/** The shapes of the values powercron accepts as input: instance IDs, regions, group names, tags, and the limits. */
import { z } from "zod";
import type { ProviderName, Tags } from "../domain/index.ts";
import { allDescriptors, descriptorOf, PROVIDERS, type ProviderDescriptor, withArticle } from "../providers/catalog.ts";

export const GROUP_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

export const INPUT_LIMITS = {
  idsPerTarget: 5_000,
  idsInAll: 20_000,
  targets: 20,
  tagKeyLength: 127,
  tagValueLength: 255,
  /** Tags per target: CVM's DescribeInstances takes at most 10 filters, one per tag. */
  tagsPerTarget: 10,
  /** An event's size as JSON text (Lambda's synchronous payload limit, and more than any real event needs). */
  eventBytes: 6 * 1024 * 1024,
  /** Nesting of arrays and objects in an event: ours need 4; deeper is an attack on the parser. */
  eventDepth: 64,
  minCallsPerSecond: 1,
  maxCallsPerSecond: 100,
} as const;

/** What tells one provider's instances and regions apart, with the words used in error messages. */
export interface ProviderFormat {
  readonly label: string;
  readonly idPrefix: string;
  readonly instanceId: z.ZodString;
  readonly region: z.ZodString;
}

function formatOf(descriptor: ProviderDescriptor): ProviderFormat {
  const cloud = withArticle(descriptor.name);
  return {
    label: descriptor.label,
    idPrefix: descriptor.instanceId.prefix,
    instanceId: z.string().regex(descriptor.instanceId.pattern, {
      error: `is not ${cloud} instance ID (${descriptor.instanceId.shape})`,
    }),
    region: z.string().regex(descriptor.region.pattern, {
      error: `is not ${cloud} region (such as ${descriptor.region.examples})`,
    }),
  };
}

/** Each provider's formats, from its descriptor. */
export const PROVIDER_FORMATS = Object.fromEntries(
  PROVIDERS.map((name) => [name, formatOf(descriptorOf(name))]),
) as Readonly<Record<ProviderName, ProviderFormat>>;

/** An ID of any cloud: for lists that are not tied to one provider (POWER_ALLOWED_IDS). */
export const anyInstanceIdSchema = z
  .string()
  .refine((id) => allDescriptors().some((descriptor) => descriptor.instanceId.pattern.test(id)), {
    error: `is neither ${allDescriptors()
      .map((descriptor, index) => {
        const what = index === 0 ? "instance ID" : "one";
        return `${withArticle(descriptor.name)} ${what} (${descriptor.instanceId.shape})`;
      })
      .join(" nor ")}`,
  });

export const groupNameSchema = z.string().regex(GROUP_NAME, {
  error: "is not a group name (a letter, then up to 59 letters, digits, _ or -)",
});

export const tagKeySchema = z
  .string()
  .min(1, { error: "is empty: a tag key needs 1 to 127 characters" })
  .max(INPUT_LIMITS.tagKeyLength, { error: `is longer than ${INPUT_LIMITS.tagKeyLength} characters` });

export const tagValueSchema = z
  .string({ error: "is not a string" })
  .max(INPUT_LIMITS.tagValueLength, { error: `is longer than ${INPUT_LIMITS.tagValueLength} characters` });

/**
 * A tag set as data: every own key of the input, `__proto__` and `constructor` included, becomes an own key of a
 * null-prototype object, so that no key is dropped (zod's record assigns keys, and `result.__proto__ = v` is lost) and
 * no lookup falls through to Object.prototype. Keys and values are checked with the schemas above.
 */
export const tagsSchema = z.unknown().transform((input, context): Tags => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    context.addIssue({ code: "invalid_type", expected: "record", input, message: "is not an object of tags" });
    return z.NEVER;
  }
  const entries = Object.entries(input);
  if (entries.length > INPUT_LIMITS.tagsPerTarget) {
    context.addIssue({
      code: "custom",
      input: Object.keys(input),
      message: `are ${entries.length} tags; the limit is ${INPUT_LIMITS.tagsPerTarget}`,
    });
    return z.NEVER;
  }
  for (const [key, value] of entries) {
    const keyCheck = tagKeySchema.safeParse(key);
    if (!keyCheck.success) {
      context.addIssue({
        code: "invalid_key",
        origin: "record",
        issues: keyCheck.error.issues,
        input: key,
        path: [key],
      });
    }
    const valueCheck = tagValueSchema.safeParse(value);
    for (const issue of valueCheck.error?.issues ?? []) {
      context.addIssue({ ...issue, input: value, path: [key, ...issue.path] } as never);
    }
  }
  return tagsOf(entries as [string, string][]);
});

/** A null-prototype tag object holding exactly these entries as own properties. */
export function tagsOf(entries: Iterable<readonly [string, string]>): Tags {
  const tags: Record<string, string> = Object.create(null);
  for (const [key, value] of entries) Object.defineProperty(tags, key, { value, enumerable: true, writable: true });
  return tags;
}

export const scheduledTimeSchema = z.iso.datetime({
  offset: true,
  error: (issue) =>
    typeof issue.input === "string" && /^<[\w.-]+>$/.test(issue.input)
      ? `is not an ISO 8601 date-time: ${issue.input} is a placeholder that only the platform's scheduler fills in`
      : "is not an ISO 8601 date-time (such as 2019-02-21T11:49:00Z)",
});

export const maxCallsPerSecondSchema = z
  .int({ error: "is not a whole number" })
  .min(INPUT_LIMITS.minCallsPerSecond, { error: "is out of range (1 to 100)" })
  .max(INPUT_LIMITS.maxCallsPerSecond, { error: "is out of range (1 to 100)" });
