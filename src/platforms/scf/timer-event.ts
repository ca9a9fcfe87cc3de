/**
 * The SCF timer trigger's event, `{"Type":"Timer","TriggerName","Time","Message"}`: `Message` is the trigger's
 * custom argument, a powercron event (a tick's marker is told apart before, by ./tick-event.ts).
 */
import { z } from "zod";
import { type EventForm, scheduledTimeSchema } from "../../input/index.ts";

export const scfTimerEventSchema = z.strictObject({
  Type: z.literal("Timer"),
  TriggerName: z.string(),
  Time: scheduledTimeSchema,
  Message: z.string().optional(),
});
export type ScfTimerEvent = z.infer<typeof scfTimerEventSchema>;

/** Any event with a `Type` is taken for a timer's: a bad one is refused as such, never read as one of ours. */
export const SCF_TIMER_EVENT: EventForm = {
  claims: (record) => Object.hasOwn(record, "Type"),
  read(record, problems) {
    const timer = problems.check(scfTimerEventSchema, record, "");
    if (timer === undefined) return undefined;
    return {
      body: timer.Message,
      label: "Message",
      trigger: { source: "scf-timer", scheduledTime: timer.Time, triggerName: timer.TriggerName },
    };
  },
};
