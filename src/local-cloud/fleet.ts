import { z } from "zod";
import type { Fleet } from "./cloud-types.ts";
import { seededRandom } from "./random.ts";

/** The fleet file: the instances the local cloud starts with, each state in its provider's own words. */

export const TENCENT_INSTANCE_ID = /^ins-[a-z0-9]{8}$/;
export const AWS_INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export const TENCENT_INSTANCE_STATES = [
  "PENDING",
  "LAUNCH_FAILED",
  "RUNNING",
  "STOPPED",
  "STARTING",
  "STOPPING",
  "REBOOTING",
  "SHUTDOWN",
  "TERMINATING",
  "ENTER_RESCUE_MODE",
  "RESCUE_MODE",
  "EXIT_RESCUE_MODE",
  "ENTER_SERVICE_LIVE_MIGRATE",
  "SERVICE_LIVE_MIGRATE",
  "EXIT_SERVICE_LIVE_MIGRATE",
] as const;
export type TencentInstanceState = (typeof TENCENT_INSTANCE_STATES)[number];

export const AWS_INSTANCE_STATES = [
  "pending",
  "running",
  "shutting-down",
  "terminated",
  "stopping",
  "stopped",
] as const;
export type AwsInstanceState = (typeof AWS_INSTANCE_STATES)[number];

const regionSchema = z
  .string()
  .regex(/^[a-z]{2}(?:-[a-z]+)+-?\d*$/, "must look like a region (ap-shanghai, us-east-1)");
const tagsSchema = z.record(z.string().min(1).max(127), z.string().max(255)).default({});

export const TencentFleetInstanceSchema = z.strictObject({
  provider: z.literal("tencent"),
  region: regionSchema,
  instanceId: z.string().regex(TENCENT_INSTANCE_ID, "must be ins- followed by 8 of [a-z0-9]"),
  name: z.string().min(1).max(128).optional(),
  zone: z.string().min(1).optional(),
  state: z.enum(TENCENT_INSTANCE_STATES),
  tags: tagsSchema,
  /** The account (uin) the instance belongs to; default the local keys' own. Reached with an assumed role. */
  account: z
    .string()
    .regex(/^\d{5,20}$/, "must be a uin (digits)")
    .optional(),
  chargeType: z.enum(["PREPAID", "POSTPAID_BY_HOUR", "CDHPAID", "SPOTPAID", "CDCPAID"]).default("POSTPAID_BY_HOUR"),
  systemDiskType: z
    .enum([
      "LOCAL_BASIC",
      "LOCAL_SSD",
      "CLOUD_BASIC",
      "CLOUD_PREMIUM",
      "CLOUD_SSD",
      "CLOUD_BSSD",
      "CLOUD_HSSD",
      "CLOUD_TSSD",
    ])
    .default("CLOUD_PREMIUM"),
  restrictState: z.enum(["NORMAL", "EXPIRED", "PROTECTIVELY_ISOLATED"]).default("NORMAL"),
  /** Only meaningful for a STOPPED instance: how it was stopped. */
  stopChargingMode: z.enum(["KEEP_CHARGING", "STOP_CHARGING"]).optional(),
  /** A transitional state (STOPPING, PENDING...) that never completes. */
  stuck: z.boolean().default(false),
  /**
   * A condition outside InstanceState that makes any StartInstances/StopInstances naming it fail whole with
   * UnsupportedOperation.InstanceState{Corrupted,Freezing,Isolating,Banning,Terminated} or
   * UnsupportedOperation.InstanceReinstallFailed.
   */
  condition: z.enum(["CORRUPTED", "FREEZING", "ISOLATING", "BANNING", "TERMINATED", "REINSTALL_FAILED"]).optional(),
  /**
   * Another task (snapshot, disk change…) holds the instance for this long after the cloud starts: any
   * StartInstances/StopInstances naming it fails whole with MutexOperation.TaskRunning. Default 0.
   */
  taskRunningMs: z.number().int().min(0).default(0),
  /** Every accepted StartInstances/StopInstances falls back to the previous state with LatestOperationState FAILED. */
  failsOperation: z.boolean().default(false),
});

export const AwsFleetInstanceSchema = z.strictObject({
  provider: z.literal("aws"),
  region: regionSchema,
  instanceId: z.string().regex(AWS_INSTANCE_ID, "must be i- followed by 8 or 17 lower-case hex characters"),
  name: z.string().min(1).max(256).optional(),
  zone: z.string().min(1).optional(),
  state: z.enum(AWS_INSTANCE_STATES),
  tags: tagsSchema,
  /** The account ID the instance belongs to; default the local keys' own. Reached with an assumed role. */
  account: z
    .string()
    .regex(/^\d{12}$/, "must be a 12-digit account ID")
    .optional(),
  instanceType: z.string().min(1).default("t3.micro"),
  hibernationConfigured: z.boolean().default(false),
  /** StartInstances is accepted, then the instance falls back from pending to stopped (Client.InternalError). */
  kmsGrantMissing: z.boolean().default(false),
  stuck: z.boolean().default(false),
  /** Stop protection: any StopInstances naming it fails whole with OperationNotPermitted. */
  disableApiStop: z.boolean().default(false),
  /** `instance-store`: any StopInstances naming it fails whole with UnsupportedOperation. */
  rootDeviceType: z.enum(["ebs", "instance-store"]).default("ebs"),
  /** A Spot Instance; `one-time` ones cannot be stopped (UnsupportedOperation). */
  spot: z.enum(["one-time", "persistent"]).optional(),
  /** Hibernation configured but not ready yet: a StopInstances with Hibernate fails whole with UnsupportedOperation. */
  hibernationNotReady: z.boolean().default(false),
  /** Its zone never has capacity for it: a StartInstances naming it fails whole with InsufficientInstanceCapacity. */
  insufficientCapacity: z.boolean().default(false),
});

export type TencentFleetInstance = z.output<typeof TencentFleetInstanceSchema>;
export type AwsFleetInstance = z.output<typeof AwsFleetInstanceSchema>;

export interface GenerateFleetOptions {
  tencent?: { regions: string[]; perRegion: number };
  aws?: { regions: string[]; perRegion: number };
  seed?: number;
  tags?: Record<string, string>;
  /** Share of instances that start RUNNING / running; the rest are stopped. Default 0.5. */
  runningShare?: number;
}

/** A large, deterministic fleet for benchmarks and tests: the same options give the same IDs and states. */
export function generateFleet(options: GenerateFleetOptions): Fleet {
  const random = seededRandom(options.seed ?? 1);
  const runningShare = options.runningShare ?? 0.5;
  const tags = options.tags ?? {};
  const used = new Set<string>();
  const uniqueId = (make: () => string): string => {
    for (;;) {
      const id = make();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const chars = (alphabet: string, length: number): string =>
    Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
  const instances: Fleet["instances"] = [];
  for (const region of options.tencent?.regions ?? []) {
    for (let i = 0; i < (options.tencent?.perRegion ?? 0); i++) {
      instances.push({
        provider: "tencent",
        region,
        instanceId: uniqueId(() => `ins-${chars("abcdefghijklmnopqrstuvwxyz0123456789", 8)}`),
        name: `gen-${region}-${i + 1}`,
        zone: `${region}-${(i % 3) + 1}`,
        state: random() < runningShare ? "RUNNING" : "STOPPED",
        tags: { ...tags },
        chargeType: "POSTPAID_BY_HOUR",
        systemDiskType: "CLOUD_PREMIUM",
        restrictState: "NORMAL",
        stuck: false,
        taskRunningMs: 0,
        failsOperation: false,
      });
    }
  }
  for (const region of options.aws?.regions ?? []) {
    for (let i = 0; i < (options.aws?.perRegion ?? 0); i++) {
      instances.push({
        provider: "aws",
        region,
        instanceId: uniqueId(() => `i-${chars("0123456789abcdef", 17)}`),
        name: `gen-${region}-${i + 1}`,
        zone: `${region}${"abc"[i % 3]}`,
        state: random() < runningShare ? "running" : "stopped",
        tags: { ...tags },
        instanceType: "t3.micro",
        hibernationConfigured: false,
        kmsGrantMissing: false,
        stuck: false,
        disableApiStop: false,
        rootDeviceType: "ebs",
        hibernationNotReady: false,
        insufficientCapacity: false,
      });
    }
  }
  return { instances };
}
