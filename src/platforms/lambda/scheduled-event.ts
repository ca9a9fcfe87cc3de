/**
 * An EventBridge rule's scheduled event (a rule without `input`): it carries no powercron event, so the environment
 * names the instances. AWS's shape: other keys are let through. (EventBridge Scheduler's schedules send our own
 * `{group, scheduledTime}` event instead, which the input layer reads as it is.)
 */
import { z } from "zod";
import { type EventForm, scheduledTimeSchema } from "../../input/index.ts";

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

/** `arn:aws:events:us-east-1:123456789012:rule/[bus/]name` → `name`. */
function ruleName(resources: readonly string[] | undefined): string | undefined {
  const arn = resources?.find((resource) => resource.includes(":rule/"));
  return arn?.slice(arn.lastIndexOf("/") + 1) || undefined;
}

export const EVENTBRIDGE_SCHEDULED_EVENT: EventForm = {
  claims: (record) => Object.hasOwn(record, "source") || Object.hasOwn(record, "detail-type"),
  read(record, problems) {
    const scheduled = problems.check(eventBridgeScheduledEventSchema, record, "");
    if (scheduled === undefined) return undefined;
    const rule = ruleName(scheduled.resources);
    return {
      body: {},
      label: "",
      trigger: {
        source: "eventbridge",
        scheduledTime: scheduled.time,
        ...(rule === undefined ? {} : { triggerName: rule }),
      },
    };
  },
};
