import { describe, expect, it } from "vitest";
import { type Env, invalidInput, requestOf, TENCENT_ID } from "./parse-helpers.ts";

const GOOD = { region: "ap-shanghai", instanceIds: [TENCENT_ID] };

/** `levels` arrays inside one another, as text and as a value (built without recursion). */
function nestedText(levels: number): string {
  return `${"[".repeat(levels)}${"]".repeat(levels)}`;
}
function nestedValue(levels: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < levels; level++) value = [value];
  return value;
}
const timer = (message: string) => ({
  Type: "Timer",
  TriggerName: "t",
  Time: "2019-02-21T11:49:00Z",
  Message: message,
});
const bigText = (bytes: number) => JSON.stringify({ ...GOOD, padding: "x".repeat(bytes) });

describe("Function: parseInvocation, input limits", () => {
  it.each<{ case: string; event: unknown; env?: Env; field: string; reason: string }>([
    {
      case: "an event text over 6 MB",
      event: bigText(6 * 1024 * 1024),
      field: "event",
      reason: "bytes; the limit is 6291456 (6 MB)",
    },
    {
      case: "an event object over 6 MB",
      event: { ...GOOD, options: { note: "x".repeat(6 * 1024 * 1024) } },
      field: "event",
      reason: "bytes; the limit is 6291456 (6 MB)",
    },
    { case: "65 levels as text", event: `{"a":${nestedText(64)}}`, field: "event", reason: "more than 64 levels deep" },
    { case: "65 levels as a value", event: { a: nestedValue(64) }, field: "event", reason: "more than 64 levels deep" },
    { case: "200k levels as text", event: nestedText(200_000), field: "event", reason: "more than 64 levels deep" },
    { case: "200k levels as a value", event: nestedValue(200_000), field: "event", reason: "more than 64 levels deep" },
    {
      case: "an SCF Message 200k levels deep",
      event: timer(nestedText(200_000)),
      field: "Message",
      reason: "more than 64 levels deep",
    },
    {
      case: "POWER_INSTANCE_IDS JSON 200k levels deep",
      event: {},
      env: { POWER_INSTANCE_IDS: nestedText(200_000), POWER_REGION: "ap-shanghai" },
      field: "POWER_INSTANCE_IDS",
      reason: "more than 64 levels deep",
    },
  ])("refuses $case with a message naming the field", ({ event, env = {}, field, reason }) => {
    const error = invalidInput(event, env);
    expect(error.issues).toEqual([
      expect.stringMatching(new RegExp(`^${field.replace(/[[\]]/g, "\\$&")}: .*${reason.replace(/[()]/g, "\\$&")}`)),
    ]);
  });

  it("accepts 64 levels (the limit itself) and the nesting of brackets inside strings", () => {
    const error = invalidInput({ ...GOOD, options: nestedValue(63) });
    expect(error.message).not.toContain("levels deep");
    expect(
      requestOf(JSON.stringify({ ...GOOD, tags: undefined }).replace("}", `,"options":{"dryRun":true}}`)).options
        .dryRun,
    ).toBe(true);
    expect(
      requestOf({ provider: "tencent", region: "ap-shanghai", tags: { k: "[".repeat(200) } }).targets,
    ).toHaveLength(1);
  });
});
