/**
 * The enforce fire: `{"group": "...", "enforce": true, "scheduledTime": ...}` (an EventBridge Scheduler schedule per
 * enforcing group, or an SCF enforce tick's groups). Told apart here, before the event parser, by its `enforce` key;
 * the rest of the event is a `{group}` event and goes through the input layer like one.
 */
import { InvalidInputError } from "../errors.ts";

export interface EnforceFire {
  /** The event without its `enforce` key: a `{group}` event. */
  readonly groupEvent: Record<string, unknown>;
}

function asRecord(event: unknown): Record<string, unknown> | undefined {
  let value = event;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The enforce fire in `event`, or undefined for any other event. Throws InvalidInputError for `enforce` not `true`. */
export function readEnforceEvent(event: unknown): EnforceFire | undefined {
  const record = asRecord(event);
  if (record === undefined || !Object.hasOwn(record, "enforce")) return undefined;
  const { enforce, ...groupEvent } = record;
  if (enforce !== true) {
    throw new InvalidInputError(`enforce: ${JSON.stringify(enforce) ?? "undefined"} is not true`, [
      `enforce: ${JSON.stringify(enforce) ?? "undefined"} is not true (an enforce fire is {"group": "<name>", "enforce": true})`,
    ]);
  }
  if (!Object.hasOwn(groupEvent, "group")) {
    throw new InvalidInputError(`enforce: an enforce fire names no group (give {"group": "<name>", "enforce": true})`);
  }
  return { groupEvent };
}
