/** One zod schema per form of event powercron accepts. Unknown keys are errors, except in AWS's own event. */
import { z } from "zod";
import { ACCOUNT_NAME, type PowerOptions, PROVIDERS, SHUTDOWN_MODES } from "../domain/index.ts";
import { STOP_TYPE_WORDS, STOPPED_MODE_WORDS } from "../settings/index.ts";
import { groupNameSchema, INPUT_LIMITS, maxCallsPerSecondSchema, scheduledTimeSchema, tagsSchema } from "./formats.ts";
import { stopIntents } from "./option-intents.ts";

/**
 * Event (and config) `options`: each key optional, merged over the environment's options and DEFAULT_OPTIONS. The
 * stop options take the intents' names or the older words (option-intents.ts); either way they come out as intents.
 */
export const optionsSchema = z
  .strictObject({
    dryRun: z.boolean().optional(),
    shutdown: z.enum(SHUTDOWN_MODES).optional(),
    releaseComputeWhileStopped: z.boolean().optional(),
    stopType: z.enum(STOP_TYPE_WORDS).optional(),
    stoppedMode: z.enum(STOPPED_MODE_WORDS).optional(),
    hibernate: z.boolean().optional(),
    force: z.boolean().optional(),
    wait: z.boolean().optional(),
    maxCallsPerSecond: maxCallsPerSecondSchema.optional(),
  })
  .transform((options): Partial<PowerOptions> => {
    const { shutdown, releaseComputeWhileStopped, stopType, stoppedMode, force, ...rest } = options;
    const kept = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    return { ...kept, ...stopIntents({ shutdown, releaseComputeWhileStopped, stopType, stoppedMode, force }) };
  });
export type EventOptions = z.output<typeof optionsSchema>;

const providerSchema = z.enum(PROVIDERS);
const regionSchema = z.string().min(1, { error: "is empty" });
const instanceIdsSchema = z.array(z.string()).max(INPUT_LIMITS.idsPerTarget);

/** One provider and region in `targets`. Formats are checked once the provider is known. */
export const targetSchema = z.strictObject({
  provider: providerSchema.optional(),
  region: regionSchema.optional(),
  instanceIds: instanceIdsSchema.optional(),
  tags: tagsSchema.optional(),
  /** An account of the schedule config's `accounts` (checked against it before any cloud call). */
  account: z
    .string()
    .regex(ACCOUNT_NAME, { error: "is not an account name (a letter, then up to 59 letters, digits, _ or -)" })
    .optional(),
});
export type TargetInput = z.infer<typeof targetSchema>;

/** `{provider, region, instanceIds, tags, options}`, or the classic SCF example's `{region, instanceids}`. */
export const singleTargetEventSchema = z.strictObject({
  ...targetSchema.shape,
  instanceids: instanceIdsSchema.optional(),
  options: optionsSchema.optional(),
  scheduledTime: scheduledTimeSchema.optional(),
});
export type SingleTargetEvent = z.infer<typeof singleTargetEventSchema>;

/** `{targets: [...], options}`: several providers or regions in one event. */
export const multiTargetEventSchema = z.strictObject({
  targets: z.array(targetSchema).min(1).max(INPUT_LIMITS.targets),
  options: optionsSchema.optional(),
  scheduledTime: scheduledTimeSchema.optional(),
});
export type MultiTargetEvent = z.infer<typeof multiTargetEventSchema>;

/** `{group}`: a named schedule group, resolved elsewhere. `scheduledTime` is filled in by EventBridge Scheduler. */
export const groupEventSchema = z.strictObject({
  group: groupNameSchema,
  options: optionsSchema.optional(),
  scheduledTime: scheduledTimeSchema.optional(),
});
export type GroupEvent = z.infer<typeof groupEventSchema>;

/** Tencent SCF timer trigger: `Message` is the trigger's custom argument. */
export const scfTimerEventSchema = z.strictObject({
  Type: z.literal("Timer"),
  TriggerName: z.string(),
  Time: scheduledTimeSchema,
  Message: z.string().optional(),
});
export type ScfTimerEvent = z.infer<typeof scfTimerEventSchema>;

/** An EventBridge rule's scheduled event (a rule without `input`). AWS's shape: other keys are let through. */
export const eventBridgeScheduledEventSchema = z.looseObject({
  version: z.string().optional(),
  id: z.string().optional(),
  "detail-type": z.literal("Scheduled Event"),
  source: z.literal("aws.events"),
  account: z.string().optional(),
  time: scheduledTimeSchema,
  region: z.string().optional(),
  resources: z.array(z.string()).optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type EventBridgeScheduledEvent = z.infer<typeof eventBridgeScheduledEventSchema>;
