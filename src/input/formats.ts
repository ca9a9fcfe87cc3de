/** The shapes of the values powercron accepts as input: instance IDs, regions, group names, tags, and the limits. */
import { z } from "zod";
import type { ProviderName } from "../domain/types.ts";

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
  .string()
  .max(INPUT_LIMITS.tagValueLength, { error: `is longer than ${INPUT_LIMITS.tagValueLength} characters` });

export const tagsSchema = z.record(tagKeySchema, tagValueSchema);

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
