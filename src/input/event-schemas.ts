/**
 * One zod schema per form of event of our own; unknown keys are errors. The platforms' event forms are in their
 * folders (src/platforms/<platform>/).
 */
import { z } from "zod";
import { ACCOUNT_NAME, type PowerOptions, SHUTDOWN_MODES } from "../domain/index.ts";
import { PROVIDERS } from "../providers/catalog.ts";
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
