import { describe, expect, it } from "vitest";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { conflictWarnings } from "../../src/schedule/conflict-warnings.ts";

/** Groups in YAML flow style, each a list entry. */
const config = (...groups: string[]) =>
  parseScheduleConfig(`groups:\n${groups.map((group) => `  - ${group}`).join("\n")}\n`, "test.yaml");

const A = (more: string) =>
  `{name: a, provider: tencent, region: ap-shanghai, timezone: Asia/Shanghai, start: "0 8 * * 1-5", ${more}}`;
const B = (more: string, where = "region: ap-shanghai, timezone: Asia/Shanghai") =>
  `{name: b, provider: tencent, ${where}, ${more}}`;

describe("Function: conflictWarnings (one starts while the other stops, same minute, same instances)", () => {
  it.each([
    {
      case: "the same instance ID, stop at the other's start",
      groups: [A("instanceIds: [ins-aaaa0001, ins-aaaa0002]"), B('instanceIds: [ins-aaaa0002], stop: "0 8 * * *"')],
      warns: /groups\[0\] \(a\) and groups\[1\] \(b\) can both select instance ins-aaaa0002 in tencent ap-shanghai/,
    },
    {
      case: "tag sets one instance can carry together",
      groups: [A("tags: {env: test}"), B('tags: {env: test, team: web}, stop: "0 8 * * *"')],
      warns: /an instance tagged env=test and env=test,team=web/,
    },
    {
      case: "the same minute in UTC from two time zones (08:00 Shanghai = 00:00 UTC)",
      groups: [A("tags: {env: test}"), B('tags: {env: test}, stop: "0 0 * * *"', "region: ap-shanghai, timezone: UTC")],
      warns: /first at 2026-01-01 00:00 UTC/,
    },
    {
      case: "a group that starts and stops in the same minute",
      groups: [A('tags: {env: test}, stop: "0 8 * * 1"')],
      warns: /groups\[0\] \(a\) starts and stops its own instances in the same minute/,
    },
    { case: "a minute apart", groups: [A("tags: {env: test}"), B('tags: {env: test}, stop: "1 8 * * *"')] },
    {
      case: "both stop",
      groups: [A('tags: {env: test}, stop: "0 20 * * *"'), B('tags: {env: test}, stop: "0 20 * * *"')],
    },
    {
      case: "tags that exclude each other",
      groups: [A("tags: {env: test}"), B('tags: {env: prod}, stop: "0 8 * * *"')],
    },
    {
      case: "other IDs",
      groups: [A("instanceIds: [ins-aaaa0001]"), B('instanceIds: [ins-aaaa0002], stop: "0 8 * * *"')],
    },
    {
      case: "IDs against tags (only a describe could tell)",
      groups: [A("instanceIds: [ins-aaaa0001]"), B('tags: {env: test}, stop: "0 8 * * *"')],
    },
    {
      case: "other regions",
      groups: [
        A("tags: {env: test}"),
        B('tags: {env: test}, stop: "0 8 * * *"', "region: ap-beijing, timezone: Asia/Shanghai"),
      ],
    },
    {
      case: "other clouds",
      groups: [
        A("tags: {env: test}"),
        '{name: b, provider: aws, region: us-east-1, tags: {env: test}, timezone: Asia/Shanghai, stop: "0 8 * * *"}',
      ],
    },
    {
      case: "a disabled group",
      groups: [A("tags: {env: test}"), B('tags: {env: test}, stop: "0 8 * * *", enabled: false')],
    },
    {
      case: "the clash only on weekends, when the start does not fire",
      groups: [A("tags: {env: test}"), B('tags: {env: test}, stop: "0 8 * * 0,6"')],
    },
  ])("$case", ({ groups, warns }) => {
    const warnings = conflictWarnings(config(...groups));
    if (warns === undefined) expect(warnings).toEqual([]);
    else {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(warns);
      expect(warnings[0]).toMatch(/whichever call lands last decides/);
    }
  });

  it("counts every clashing minute in the span and names the first", () => {
    const warnings = conflictWarnings(config(A("tags: {env: test}"), B('tags: {env: test}, stop: "0 8 * * 1"')), {
      from: Date.UTC(2026, 11, 1),
      to: Date.UTC(2027, 0, 1),
    });
    // Mondays of December 2026: the 7th, 14th, 21st and 28th, 08:00 in Shanghai = 00:00 UTC.
    expect(warnings).toEqual([
      expect.stringMatching(/first at 2026-12-07 00:00 UTC \(and 3 more minutes by 2026-12-31\)/),
    ]);
  });
});
