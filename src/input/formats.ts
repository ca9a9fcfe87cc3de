/** The shapes of the values powercron accepts as input: instance IDs, regions, group names, tags, and the limits. */
import { z } from "zod";
import type { ProviderName, Tags } from "../domain/index.ts";

export const TENCENT_INSTANCE_ID = /^ins-[a-z0-9]{8}$/;
export const AWS_INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const TENCENT_REGION = /^(ap|na|eu|sa|me)-[a-z]+(-[a-z]+)?$/;
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
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

export const PROVIDER_FORMATS: Readonly<Record<ProviderName, ProviderFormat>> = {
  tencent: {
    label: "Tencent",
    idPrefix: "ins-",
    instanceId: z.string().regex(TENCENT_INSTANCE_ID, {
      error: "is not a Tencent instance ID (ins- followed by 8 lower-case letters or digits)",
    }),
    region: z.string().regex(TENCENT_REGION, {
      error: "is not a Tencent region (such as ap-shanghai, ap-shanghai-fsi, na-siliconvalley, eu-frankfurt)",
    }),
  },
  aws: {
    label: "AWS",
    idPrefix: "i-",
    instanceId: z.string().regex(AWS_INSTANCE_ID, {
      error: "is not an AWS instance ID (i- followed by 8 or 17 lower-case hex digits)",
    }),
    region: z.string().regex(AWS_REGION, {
      error: "is not an AWS region (such as us-east-1, cn-north-1, us-gov-west-1, ap-southeast-2)",
    }),
  },
};

/** The provider an instance ID's prefix names, if any. */
export function providerOfId(instanceId: string): ProviderName | undefined {
  if (instanceId.startsWith(PROVIDER_FORMATS.tencent.idPrefix)) return "tencent";
  if (instanceId.startsWith(PROVIDER_FORMATS.aws.idPrefix)) return "aws";
  return undefined;
}

/** An ID of either cloud: for lists that are not tied to one provider (POWER_ALLOWED_IDS). */
export const anyInstanceIdSchema = z.string().refine((id) => TENCENT_INSTANCE_ID.test(id) || AWS_INSTANCE_ID.test(id), {
  error:
    "is neither a Tencent instance ID (ins- followed by 8 lower-case letters or digits) nor an AWS one (i- followed by 8 or 17 lower-case hex digits)",
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
    typeof issue.input === "string" && issue.input.includes("<aws.scheduler.")
      ? "is not an ISO 8601 date-time: the placeholder is only filled in by EventBridge Scheduler"
      : "is not an ISO 8601 date-time (such as 2019-02-21T11:49:00Z)",
});

export const maxCallsPerSecondSchema = z
  .int({ error: "is not a whole number" })
  .min(INPUT_LIMITS.minCallsPerSecond, { error: "is out of range (1 to 100)" })
  .max(INPUT_LIMITS.maxCallsPerSecond, { error: "is out of range (1 to 100)" });
