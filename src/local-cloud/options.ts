import { z } from "zod";
import type { ProviderName } from "../domain/index.ts";
import { InvalidInputError } from "../errors.ts";
import { PROVIDERS } from "../providers/catalog.ts";
import type { AwsKey } from "./aws/sigv4.ts";
import type { FleetInput, LocalCloudOwnOptions } from "./cloud-types.ts";
import { FAULT_KINDS, type FaultSpec, validateFaultSpec } from "./faults.ts";
import { type FunctionHostOptions, functionHostSchema } from "./functions/function-options.ts";
import { DEFAULT_SHARED_STS_KEYS } from "./local-keys.ts";
import { type OrganizationsOptions, organizationsOptionsSchema } from "./organization/organization-options.ts";
import { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimitSpec } from "./rate-limit.ts";
import { type StsOptions, stsOptionsSchema } from "./sts/sts-options.ts";
import type { TencentKey } from "./tencent/tc3.ts";

/** The local cloud's options; each cloud's own under its name (LocalCloudOwnOptions, checked by its part). */
export interface LocalCloudOptions extends LocalCloudOwnOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  fleet: FleetInput;
  /** Added before every API answer. Default 0. */
  latencyMs?: number;
  /** How long STARTING/STOPPING/pending/stopping last. Default 300. */
  transitionMs?: number;
  faults?: FaultSpec;
  /** Makes faults reproducible. Default 1. */
  seed?: number;
  rateLimits?: Partial<Record<keyof RateLimitSpec, Partial<RateLimit>>>;
  /** Accepted key pairs of the clouds the shared STS serves. Default each cloud's part's own (DEFAULT_LOCAL_CREDENTIALS). */
  credentials?: { tencent?: TencentKey[]; aws?: AwsKey[] };
  /** DescribeInstances with unknown IDs (unconfirmed in the docs): leave them out, or InvalidInstanceId.NotFound. */
  tencentDescribeUnknownIds?: "omit" | "error";
  /**
   * After an accepted Start/Stop, describe calls show the old InstanceState for this long ("the state is not visible
   * immediately after the call returns"). Default the smaller of 100 and transitionMs; 0 shows the change at once.
   */
  tencentStateLagMs?: number;
  /** How long an SCF function stays Creating/Updating after a change before it is Active. Default 200. */
  scfSettleMs?: number;
  /** How long a hung request is held before its socket is destroyed. Default 30000. */
  hangMs?: number;
  /**
   * EC2 capacity shortage: how many more instances each listed Availability Zone can start (a stop gives one back).
   * A StartInstances needing more in a zone than is free fails whole with InsufficientInstanceCapacity (HTTP 500).
   * Zones not listed have no limit. Default: none.
   */
  ec2ZoneCapacity?: Record<string, number>;
  /**
   * Tencent account-wide limits, per action, shared by every region of the account (one bucket per action for all
   * regions; burst default the larger of 2 and perSecond/10): a call over it answers RequestLimitExceeded.GlobalRegionUinLimitExceeded and is not applied. Checked
   * after the region's own bucket. Default: none (Tencent publishes no account-wide figure).
   */
  tencentAccountRateLimits?: Record<string, { perSecond: number; burst?: number }>;
  /** STS for both clouds: roles in other accounts that may be assumed (see src/local-cloud/sts/). Default: none. */
  sts?: StsOptions;
  /** Functions Lambda `Invoke` and SCF `Invoke` run (built bundles in child processes; src/local-cloud/functions/). */
  functions?: FunctionHostOptions;
  /** Organisations and their members' spoke roles. Default: none. */
  organizations?: OrganizationsOptions;
}

const millis = z.number().int().min(0).max(3_600_000);
const rateLimitSchema = z.strictObject({
  perSecond: z.number().positive().or(z.literal(Number.POSITIVE_INFINITY)).optional(),
  burst: z.number().min(1).optional(),
});
const rate = z.number().min(0).max(1).optional();
const faultRatesSchema = z.strictObject({
  ...(Object.fromEntries(FAULT_KINDS.map((kind) => [kind, rate])) as Record<(typeof FAULT_KINDS)[number], typeof rate>),
  at: z.record(z.string(), z.enum(FAULT_KINDS)).optional(),
});

const OptionsSchema = z.strictObject({
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(0),
  fleet: z.unknown(),
  latencyMs: millis.default(0),
  transitionMs: millis.default(300),
  faults: z.record(z.string(), faultRatesSchema).default({}),
  seed: z.number().int().default(1),
  rateLimits: z
    .strictObject({
      StartInstances: rateLimitSchema.optional(),
      StopInstances: rateLimitSchema.optional(),
      DescribeInstances: rateLimitSchema.optional(),
      DescribeInstancesStatus: rateLimitSchema.optional(),
      CreateTags: rateLimitSchema.optional(),
      DeleteTags: rateLimitSchema.optional(),
      TagResources: rateLimitSchema.optional(),
      UntagResources: rateLimitSchema.optional(),
      AttachResourcesTag: rateLimitSchema.optional(),
      DetachResourcesTag: rateLimitSchema.optional(),
    })
    .default({}),
  credentials: z
    .strictObject({
      tencent: z
        .array(
          z.strictObject({ secretId: z.string().min(1), secretKey: z.string().min(1), token: z.string().optional() }),
        )
        .optional(),
      aws: z
        .array(
          z.strictObject({
            accessKeyId: z.string().min(1),
            secretAccessKey: z.string().min(1),
            sessionToken: z.string().optional(),
            allowedActions: z.array(z.string().min(1)).optional(),
          }),
        )
        .optional(),
    })
    .default({}),
  tencentDescribeUnknownIds: z.enum(["omit", "error"]).default("omit"),
  tencentStateLagMs: millis.optional(),
  scfSettleMs: millis.default(200),
  hangMs: millis.default(30_000),
  ec2ZoneCapacity: z.record(z.string().min(1), z.number().int().min(0)).default({}),
  tencentAccountRateLimits: z
    .record(
      z.string().regex(/^[A-Z][A-Za-z0-9]*$/, "must be an API action name"),
      z.strictObject({ perSecond: z.number().positive(), burst: z.number().min(1).optional() }),
    )
    .default({}),
  sts: stsOptionsSchema.default({ roles: [], ownAccounts: {} }),
  functions: functionHostSchema.optional(),
  organizations: organizationsOptionsSchema.default({}),
  // Each cloud's own options: checked by its part when the local cloud starts.
  ...(Object.fromEntries(PROVIDERS.map((name) => [name, z.unknown().optional()])) as Record<
    ProviderName,
    z.ZodOptional<z.ZodUnknown>
  >),
});

/** How long, by default, a Tencent describe call still shows the state before an accepted Start/Stop. */
export const DEFAULT_TENCENT_STATE_LAG_MS = 100;

export interface ResolvedOptions
  extends Omit<
    z.output<typeof OptionsSchema>,
    "rateLimits" | "credentials" | "tencentStateLagMs" | "tencentAccountRateLimits"
  > {
  tencentStateLagMs: number;
  rateLimits: RateLimitSpec;
  /** Burst filled in: the larger of 2 and a tenth of a second's calls. */
  tencentAccountRateLimits: Record<string, RateLimit>;
  credentials: { tencent: TencentKey[]; aws: AwsKey[] };
}

/** Validates the options (unknown keys are refused, to catch typos) and fills in the defaults. */
export function resolveOptions(options: LocalCloudOptions): ResolvedOptions {
  const result = OptionsSchema.safeParse(options);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `local cloud option ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new InvalidInputError(`Invalid local cloud options: ${issues.join("; ")}`, issues);
  }
  const parsed = result.data;
  validateFaultSpec(parsed.faults);
  const rateLimits = { ...DEFAULT_RATE_LIMITS };
  for (const action of Object.keys(rateLimits) as Array<keyof RateLimitSpec>) {
    rateLimits[action] = { ...DEFAULT_RATE_LIMITS[action], ...parsed.rateLimits[action] };
  }
  return {
    ...parsed,
    tencentStateLagMs: parsed.tencentStateLagMs ?? Math.min(DEFAULT_TENCENT_STATE_LAG_MS, parsed.transitionMs),
    rateLimits,
    tencentAccountRateLimits: Object.fromEntries(
      Object.entries(parsed.tencentAccountRateLimits).map(([action, limit]) => [
        action,
        { perSecond: limit.perSecond, burst: limit.burst ?? Math.max(2, limit.perSecond / 10) },
      ]),
    ),
    credentials: {
      tencent: parsed.credentials.tencent ?? DEFAULT_SHARED_STS_KEYS.tencent,
      aws: parsed.credentials.aws ?? DEFAULT_SHARED_STS_KEYS.aws,
    },
  };
}
