/** The first step for any event: a JSON string is parsed; nothing at all means "use the environment". */
import { parseJsonText, valueOutsideLimits } from "./json-text.ts";
import type { Problems } from "./problems.ts";

export type EventRecord = Record<string, unknown>;

/** The event as a plain object: `{}` for null, undefined or a blank string; undefined after recording a problem. */
export function decodeEvent(event: unknown, label: string, problems: Problems): EventRecord | undefined {
  let value = event;
  if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return {};
    const json = parseJsonText(text);
    if (!json.ok) {
      problems.bad(label, text, json.reason);
      return undefined;
    }
    value = json.value;
  } else {
    const outside = valueOutsideLimits(value);
    if (outside !== undefined) {
      problems.add(label, outside);
      return undefined;
    }
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.bad(label, value, "is not a JSON object");
    return undefined;
  }
  return value as EventRecord;
}
