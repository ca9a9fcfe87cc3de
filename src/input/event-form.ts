/**
 * A platform's own event form (a timer's event, a scheduled event): told apart by its keys, then read to the
 * powercron event it carries and the trigger it stands for. Each platform folder (src/platforms/<platform>/) declares
 * its forms; whoever calls parseInvocation passes them in. Types only.
 */
import type { EventRecord } from "./decode-event.ts";
import type { Problems } from "./problems.ts";

export interface TriggerInfo {
  /**
   * `direct` (an event of our own), `scheduler` (ours, with the `scheduledTime` a scheduler filled in), or the name
   * of the platform's event form that carried it (`scf-timer`, `eventbridge`).
   */
  readonly source: string;
  /** ISO 8601: the platform event's scheduled time, or the event's own `scheduledTime`. */
  readonly scheduledTime?: string;
  /** The platform's name of the trigger that fired. */
  readonly triggerName?: string;
}

/** What a platform's event carries: our own event (JSON text or an object; nothing = `{}`) and the trigger. */
export interface PlatformEventBody {
  readonly body: unknown;
  /** Where the body sits in the platform's event, for messages (`Message`), or "" for the event itself. */
  readonly label: string;
  readonly trigger: TriggerInfo;
}

export interface EventForm {
  /** Whether the event is in this form; a claimed event that does not fit the form is refused, not read as ours. */
  readonly claims: (record: EventRecord) => boolean;
  /** The event checked against the form, or undefined after recording its problems. */
  readonly read: (record: EventRecord, problems: Problems) => PlatformEventBody | undefined;
}
