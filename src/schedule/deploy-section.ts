/**
 * The config's `deploy:` section, per platform: SCF's (`deploy.scf`, Tencent groups by default) and the AWS deploy's
 * (`deploy.aws`: Lambda functions and EventBridge Scheduler schedules), and which platform a group deploys to.
 */
import { z } from "zod";
import type { ProviderName } from "../domain/index.ts";
import { PROVIDERS } from "../providers/catalog.ts";
import { zoneSchema } from "./value-schemas.ts";

/** Where a group's triggers are deployed: SCF timers (default for Tencent groups) or EventBridge Scheduler (AWS). */
export const PLATFORMS = ["scf", "aws"] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface ScfDeploySettings {
  readonly region: string;
  readonly namespace: string;
  readonly runtime: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly role?: string;
  /** The zone SCF timer crons are read in (the platform's is unconfirmed; widely reported as UTC+8). */
  readonly triggerTimezone: string;
  readonly environment: Readonly<Record<string, string>>;
  /** Clouds its bundle carries beyond those of its groups (and its own): for events that name them alone. */
  readonly extraClouds: readonly ProviderName[];
}

export interface AwsDeploySettings {
  readonly region: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly managementTag: { readonly key: string; readonly value: string };
  readonly kmsKeyArns: readonly string[];
  readonly logRetentionDays: number;
  readonly environment: Readonly<Record<string, string>>;
  /** Clouds its bundle carries beyond those of its groups (and its own): for events that name them alone. */
  readonly extraClouds: readonly ProviderName[];
}

/**
 * `deploy.<platform>.extraClouds`: the clouds whose SDK the platform's bundles carry although no group of the
 * platform names them (the bundles carry their groups' clouds and the platform's own: src/deploy/bundle-clouds.ts).
 */
const extraCloudsSchema = z.array(z.enum(PROVIDERS)).default([]);

const scfDeploySchema = z.strictObject({
  region: z
    .string()
    .regex(/^(ap|na|eu|sa|me)-[a-z]+(-[a-z]+)?$/, { error: "is not a Tencent region" })
    .default("ap-guangzhou"),
  namespace: z.string().min(1).default("default"),
  // The default is SCF_NEWEST_NODE_RUNTIME (src/platforms/scf/scf-deploy-check.ts, which says where it was found).
  runtime: z.string().min(1).default("Nodejs22.21"),
  memoryMb: z.int().min(64).max(3072).default(128),
  timeoutSeconds: z.int().min(1).max(900).default(300),
  role: z.string().min(1).optional(),
  triggerTimezone: zoneSchema.default("Asia/Shanghai"),
  environment: z.record(z.string(), z.string()).default({}),
  extraClouds: extraCloudsSchema,
});

const awsDeploySchema = z.strictObject({
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/, { error: "is not an AWS region" })
    .default("us-east-1"),
  memoryMb: z.int().min(128).max(10240).default(256),
  timeoutSeconds: z.int().min(1).max(900).default(300),
  managementTag: z
    .strictObject({ key: z.string().min(1), value: z.string() })
    .default({ key: "powercron:managed", value: "true" }),
  kmsKeyArns: z.array(z.string().startsWith("arn:", { error: "is not an ARN" })).default([]),
  logRetentionDays: z.int().positive().default(14),
  environment: z.record(z.string(), z.string()).default({}),
  extraClouds: extraCloudsSchema,
});

/** The whole section, every platform's defaults filled in when the config leaves it (or a part of it) out. */
export const deploySectionSchema = z
  .strictObject({ scf: scfDeploySchema.prefault({}), aws: awsDeploySchema.prefault({}) })
  .prefault({});

/** The whole `deploy:` section, one settings object per platform. */
export interface DeploySettings {
  readonly scf: ScfDeploySettings;
  readonly aws: AwsDeploySettings;
}
