import { describe, expect, it } from "vitest";
import { invalidInput } from "./parse-helpers.ts";

const SHANGHAI = { region: "ap-shanghai" };

describe("Function: parseInvocation, how problems are reported", () => {
  it("names every problem at once, not only the first", () => {
    const error = invalidInput(
      { region: "shanghai", instanceIds: ["ins-BAD"], options: { stopType: "HARD" } },
      { POWER_DRY_RUN: "maybe", POWER_STOP_TYPE: "soft_last" },
    );
    expect(error.issues).toEqual([
      'POWER_DRY_RUN: "maybe" is not a boolean (true, false, 1, 0, yes or no)',
      'POWER_STOP_TYPE: "soft_last" is not "SOFT" or "HARD" or "SOFT_FIRST"',
      'region: "shanghai" is not a Tencent region (such as ap-shanghai, ap-shanghai-fsi, na-siliconvalley, eu-frankfurt)',
      'instanceIds[0]: "ins-BAD" is not a Tencent instance ID (ins- followed by 8 lower-case letters or digits)',
    ]);
    expect(error.message).toMatch(/^Invalid stop invocation: 4 problems:\n {2}- POWER_DRY_RUN/);
  });

  it("does not bury a bad POWER_INSTANCE_IDS under a second 'names no instances' problem", () => {
    expect(invalidInput(undefined, { POWER_INSTANCE_IDS: "[oops", POWER_REGION: "ap-shanghai" }).issues).toEqual([
      'POWER_INSTANCE_IDS: "[oops" is not valid JSON',
    ]);
  });

  it("lists at most 25 problems in the message and counts the rest", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `ins-${i}`);
    const error = invalidInput({ ...SHANGHAI, instanceIds: ids });
    expect(error.issues).toHaveLength(30);
    expect(error.message).toContain("... and 5 more");
  });

  it("shortens a long value in a message", () => {
    const error = invalidInput({ ...SHANGHAI, instanceIds: [`ins-${"a".repeat(500)}`] });
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain('instanceIds[0]: "ins-aaaa');
  });
});
