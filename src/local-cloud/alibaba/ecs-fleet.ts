import { z } from "zod";

/** A fleet entry of an ECS instance (provider "alibaba"); states in ECS's own words. */

export const ECS_INSTANCE_ID = /^i-[a-z0-9]{10,30}$/;
export const ECS_INSTANCE_STATES = ["Pending", "Starting", "Running", "Stopping", "Stopped"] as const;

export const AlibabaFleetInstanceSchema = z.strictObject({
  provider: z.literal("alibaba"),
  region: z.string().regex(/^[a-z]{2}-[a-z]+(?:-[a-z]+)?(?:-\d+)?$/, "must look like an ECS region (cn-hangzhou)"),
  instanceId: z.string().regex(ECS_INSTANCE_ID, "must be i- followed by 10 to 30 of [a-z0-9]"),
  name: z.string().min(1).max(128).optional(),
  zone: z.string().min(1).optional(),
  state: z.enum(ECS_INSTANCE_STATES),
  tags: z.record(z.string().min(1).max(128), z.string().max(128)).default({}),
  /** The account (uid) the instance belongs to; default the local keys' own. Reached with an assumed role. */
  account: z
    .string()
    .regex(/^\d{5,20}$/, "must be an account uid (digits)")
    .optional(),
  /** `PrePaid` (subscription) instances never stop with StopCharging. */
  chargeType: z.enum(["PostPaid", "PrePaid"]).default("PostPaid"),
  /** `classic` network instances never stop with StopCharging. */
  networkType: z.enum(["vpc", "classic"]).default("vpc"),
  /** Local disks: never StopCharging. */
  localStorageAmount: z.number().int().min(0).default(0),
  /** Only meaningful for a Stopped instance: how it was stopped. */
  stoppedMode: z.enum(["StopCharging", "KeepCharging"]).optional(),
  /** A transitional state that never completes. */
  stuck: z.boolean().default(false),
  /** OperationLocks LockReason "security": StartInstances refuses it (InstanceLockedForSecurity). */
  lockedForSecurity: z.boolean().default(false),
  /** Its zone has no stock: a start of it after a StopCharging stop is refused with OperationDenied.NoStock. */
  noStock: z.boolean().default(false),
  /** Any StartInstances/StopInstances naming it refuses it with this code (per instance under SuccessFirst). */
  refusal: z
    .string()
    .regex(/^[A-Za-z][\w.]*$/)
    .optional(),
  /** Its starts and stops are accepted, then it falls back to the state it had. */
  failsOperation: z.boolean().default(false),
});
export type AlibabaFleetInstance = z.output<typeof AlibabaFleetInstanceSchema>;
