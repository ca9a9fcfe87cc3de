import { describe, expect, it } from "vitest";
import { SCHEDULE_TAG, unknownScheduleNote } from "../../src/domain/index.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { findGroup, parseScheduleConfig } from "../../src/schedule/config.ts";
import { groupLabel } from "../../src/schedule/schedule-section.ts";

function issuesOf(text: string): readonly string[] {
  try {
    parseScheduleConfig(text, "bad.yaml");
  } catch (error) {
    if (error instanceof InvalidInputError) return error.issues;
    throw error;
  }
  throw new Error("no error");
}

const OFFICE_HOURS = `schedules:
  - name: office-hours
    description: weekdays, Berlin office hours
    provider: aws
    regions: [eu-west-1, eu-central-1]
    timezone: Europe/Berlin
    start: "0 8 * * 1-5"
    stop: "0 19 * * 1-5"
    enforce: stop
    hourlyPrice: 0.2
`;

describe("Section: schedules (named schedules chosen by a tag)", () => {
  it("makes each schedule a group of its own name that selects the instances tagged with that name", () => {
    const config = parseScheduleConfig(OFFICE_HOURS, "test.yaml");
    const group = findGroup(config, "office-hours");
    expect(group).toMatchObject({
      name: "office-hours",
      description: "weekdays, Berlin office hours",
      provider: "aws",
      regions: ["eu-west-1", "eu-central-1"],
      instanceIds: [],
      tags: { [SCHEDULE_TAG]: "office-hours" },
      timezone: "Europe/Berlin",
      enforce: "stop",
      enforceEvery: 15,
      enforceGrace: 10,
      hourlyPrice: 0.2,
      platform: "aws",
      namedSchedule: true,
    });
    expect(group.start?.source).toBe("0 8 * * 1-5");
    expect(group.stop?.source).toBe("0 19 * * 1-5");
  });

  it("puts the schedules' groups after the config's own, which stay as they were", () => {
    const config = parseScheduleConfig(
      `groups:
  - { name: web, provider: tencent, region: ap-shanghai, tags: { env: test }, timezone: Asia/Shanghai, stop: "0 21 * * *" }
${OFFICE_HOURS}`,
      "test.yaml",
    );
    expect(config.groups.map((group) => [group.name, group.namedSchedule ?? false])).toEqual([
      ["web", false],
      ["office-hours", true],
    ]);
  });

  it("takes a calendar, options and an account as a group does", () => {
    const config = parseScheduleConfig(
      `schedules:
  - name: night-off
    provider: tencent
    region: ap-guangzhou
    timezone: Asia/Shanghai
    stop: "0 22 * * *"
    calendar: cn
    options: { shutdown: forced }
    account: dev
accounts:
  - { name: dev, provider: tencent, roleArn: "qcs::cam::uin/100000000001:roleName/powercron" }
calendars:
  cn: { holidays: ["2026-10-01"] }
`,
      "test.yaml",
    );
    expect(findGroup(config, "night-off")).toMatchObject({
      calendar: "cn",
      accounts: ["dev"],
      platform: "scf",
      tags: { [SCHEDULE_TAG]: "night-off" },
    });
  });

  it.each([
    {
      case: "a name a group has",
      yaml: `groups:\n  - { name: office-hours, provider: aws, region: eu-west-1, tags: { a: b }, timezone: UTC, stop: "0 19 * * *" }\n${OFFICE_HOURS}`,
      issue: 'schedules[0].name: "office-hours" is also the name of groups[0]',
    },
    {
      case: "a name given twice",
      yaml: `${OFFICE_HOURS}  - { name: office-hours, provider: aws, region: eu-west-1, timezone: UTC, stop: "0 19 * * *" }\n`,
      issue: 'schedules[1].name: "office-hours" is also the name of schedules[0]',
    },
    {
      case: "instance IDs (a schedule's instances are the ones tagged with its name)",
      yaml: `schedules:\n  - { name: s, provider: aws, region: eu-west-1, timezone: UTC, stop: "0 19 * * *", instanceIds: [i-0123456789abcdef0] }\n`,
      issue: `schedules[0] (s).instanceIds: ["i-0123456789abcdef0"] is a group's key, not a schedule's: a schedule's instances are the ones tagged powercron:schedule=<its name>`,
    },
    {
      case: "a calendar the config lacks",
      yaml: `schedules:\n  - { name: s, provider: aws, region: eu-west-1, timezone: UTC, stop: "0 19 * * *", calendar: nope }\n`,
      issue: 'schedules[0] (s).calendar: "nope" names no calendar (calendars is empty)',
    },
    {
      case: "no region",
      yaml: `schedules:\n  - { name: s, provider: aws, timezone: UTC, stop: "0 19 * * *" }\n`,
      issue: "schedules[0] (s).region: missing (or give regions)",
    },
    {
      case: "neither start nor stop",
      yaml: `schedules:\n  - { name: s, provider: aws, region: eu-west-1, timezone: UTC }\n`,
      issue: "schedules[0] (s): has neither start nor stop: give at least one crontab expression",
    },
    {
      case: "a region of another cloud",
      yaml: `schedules:\n  - { name: s, provider: aws, region: ap-shanghai, timezone: UTC, stop: "0 19 * * *" }\n`,
      issue: 'schedules[0] (s).region: "ap-shanghai"',
    },
    {
      case: "an account the config does not declare",
      yaml: `schedules:\n  - { name: s, provider: aws, region: eu-west-1, timezone: UTC, stop: "0 19 * * *", account: nobody }\n`,
      issue: 'schedules[0] (s).account: "nobody" names no account (accounts is empty)',
    },
    {
      case: "neither groups nor schedules",
      yaml: "calendars: {}\n",
      issue: "groups: [] is empty, and so is schedules: give at least one group or named schedule",
    },
  ])("refuses $case, naming the place", ({ yaml, issue }) => {
    const issues = issuesOf(yaml);
    expect(
      issues.some((line) => line.includes(issue)),
      issues.join("\n"),
    ).toBe(true);
  });
});

describe("Warnings about a schedule", () => {
  it("name it by its place in schedules:, not in the groups it became", () => {
    const config = parseScheduleConfig(
      `groups:
  - { name: web, provider: tencent, region: ap-shanghai, tags: { env: test }, timezone: Asia/Shanghai, stop: "0 21 * * *" }
schedules:
  - { name: early, provider: aws, region: eu-west-1, timezone: Europe/Berlin, start: "30 2 * * *" }
`,
      "test.yaml",
    );
    expect(config.warnings).toEqual([
      expect.stringMatching(/^schedules\[0\]\.start: "30 2 \* \* \*" \(early\) can fall into/),
    ]);
  });
});

describe("Function: groupLabel", () => {
  it("names a schedule's group as a schedule chosen by the tag, and any other group by its name", () => {
    expect(groupLabel({ name: "office-hours", namedSchedule: true })).toBe(
      `schedule office-hours (by tag ${SCHEDULE_TAG})`,
    );
    expect(groupLabel({ name: "web" })).toBe("web");
  });
});

describe("Function: unknownScheduleNote", () => {
  it.each([
    { value: undefined, known: ["office-hours"], note: undefined },
    { value: "office-hours", known: ["office-hours"], note: undefined },
    {
      value: "ofice-hours",
      known: ["office-hours", "nights"],
      note: `${SCHEDULE_TAG} "ofice-hours" names no schedule (schedules: office-hours, nights); it follows no schedule`,
    },
    {
      value: "office-hours",
      known: [],
      note: `${SCHEDULE_TAG} "office-hours" names no schedule (the config has no schedules); it follows no schedule`,
    },
  ])("notes $value among $known", ({ value, known, note }) => {
    expect(unknownScheduleNote(value, known)).toBe(note);
  });
});
