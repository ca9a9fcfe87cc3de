import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

function issuesOf(text: string): readonly string[] {
  try {
    parseScheduleConfig(text, "schedules.yaml");
  } catch (error) {
    if (error instanceof InvalidInputError) return error.issues;
    throw error;
  }
  throw new Error("no error");
}

const group = (name: string, more = "") => `  - name: ${name}
    provider: tencent
    region: ap-shanghai
    tags: { env: test }
    timezone: Asia/Shanghai
    stop: "0 21 * * *"${more}
`;

/** Five groups; the fifth (`qa-box`, lines 26 to 32) gets `extra`. */
const withFifth = (extra: string) =>
  `groups:\n${["a", "b", "c", "d"].map((name) => group(name)).join("")}${group("qa-box", `\n    ${extra}`)}`;

describe("Function: parseScheduleConfig, a typo", () => {
  it.each([
    {
      extra: 'strat: "0 8 * * 1-5"',
      issue: 'schedules.yaml:32:5: groups[4] (qa-box).strat: unknown key (value "0 8 * * 1-5"); did you mean "start"?',
    },
    {
      extra: "regoin: ap-beijing",
      issue: 'schedules.yaml:32:5: groups[4] (qa-box).regoin: unknown key (value "ap-beijing"); did you mean "region"?',
    },
    {
      extra: "options: { dryrun: true }",
      issue:
        'schedules.yaml:32:16: groups[4] (qa-box).options.dryrun: unknown key (value true); did you mean "dryRun"?',
    },
    { extra: "colour: blue", issue: 'schedules.yaml:32:5: groups[4] (qa-box).colour: unknown key (value "blue")' },
    {
      extra: "enforce: always",
      issue: 'schedules.yaml:32:14: groups[4] (qa-box).enforce: "always" is not false, "stop" or "both"',
    },
  ])("is reported with its line, its group's name and the key meant: $extra", ({ extra, issue }) => {
    expect(issuesOf(withFifth(extra))).toEqual([issue]);
  });

  it("names a group's line and name when the group lacks something as a whole", () => {
    const text = `groups:\n${group("a")}  - name: empty\n    provider: tencent\n    region: ap-shanghai\n    timezone: UTC\n    stop: "0 21 * * *"\n`;
    expect(issuesOf(text)).toEqual([
      "schedules.yaml:8:5: groups[1] (empty): names no instances: give instanceIds and/or tags",
    ]);
  });

  it("points at the top-level key and the calendar's entry, where no group is involved", () => {
    expect(issuesOf(`${withFifth("enabled: true")}calender: {}\n`)).toEqual([
      'schedules.yaml:33:1: calender: unknown key (value {}); did you mean "calendars"?',
    ]);
    expect(issuesOf(`${withFifth("enabled: true")}calendars:\n  cn:\n    holidy: []\n`)).toEqual([
      'schedules.yaml:35:5: calendars.cn.holidy: unknown key (value []); did you mean "holidays"?',
    ]);
  });
});
