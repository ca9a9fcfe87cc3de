import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { DEFAULT_CONFIG_PATH, loadScheduleConfig, parseScheduleConfig } from "../../src/schedule/config.ts";
import { conflictWarnings } from "../../src/schedule/conflict-warnings.ts";
import { configWith } from "./schedule-fixtures.ts";

function issuesOf(text: string): readonly string[] {
  try {
    parseScheduleConfig(text, "bad.yaml");
  } catch (error) {
    if (error instanceof InvalidInputError) return error.issues;
    throw error;
  }
  throw new Error("no error");
}

const GOOD = `name: g
provider: tencent
region: ap-shanghai
tags: { env: test }
timezone: Asia/Shanghai
stop: "0 21 * * *"`;

const withGroups = (...groups: string[]) =>
  `groups:\n${groups.map((group) => `  - ${group.split("\n").join("\n    ")}`).join("\n")}\n`;

describe("Function: parseScheduleConfig", () => {
  it("loads the shipped example config without warnings", async () => {
    const config = await loadScheduleConfig(DEFAULT_CONFIG_PATH);
    expect(config.groups.map((group) => [group.name, group.provider, group.platform])).toEqual([
      ["checkout-test", "tencent", "scf"],
      ["search-dev", "tencent", "scf"],
      ["payments-test", "aws", "aws"],
      ["ml-dev", "aws", "aws"],
    ]);
    expect(config.warnings).toEqual([]);
    expect(conflictWarnings(config)).toEqual([]);
    expect(config.calendars["cn-example"]?.workdays).toContain("2026-10-10");
  });

  it("fills in the deploy defaults", () => {
    const config = configWith(GOOD);
    expect(config.deploy).toEqual({
      scf: {
        region: "ap-guangzhou",
        namespace: "default",
        runtime: "Nodejs22.21",
        memoryMb: 128,
        timeoutSeconds: 300,
        triggerTimezone: "Asia/Shanghai",
        environment: {},
        extraClouds: [],
      },
      aws: {
        region: "us-east-1",
        memoryMb: 256,
        timeoutSeconds: 300,
        managementTag: { key: "powercron:managed", value: "true" },
        kmsKeyArns: [],
        logRetentionDays: 14,
        environment: {},
        extraClouds: [],
      },
    });
  });

  it.each([
    {
      change: ['stop: "0 21 * * *"', 'stop: "0 21 * *"'],
      issue: 'groups[2] (g).stop: "0 21 * *" is not a crontab expression: has 4 fields',
    },
    {
      change: ['stop: "0 21 * * *"', 'stop: "0 25 * * *"'],
      issue:
        'groups[2] (g).stop: "0 25 * * *" is not a crontab expression: hour field "25": Constraint error, got value 25',
    },
    {
      change: ['stop: "0 21 * * *"', 'stop: "0 21 LW * *"'],
      issue: 'groups[2] (g).stop: "0 21 LW * *" is not a crontab expression: "W" (nearest weekday) is not supported',
    },
    {
      change: ['stop: "0 21 * * *"', 'stop: "0 21 15W * *"'],
      issue: '"W" (nearest weekday) is not supported: in day-of-month "15W"',
    },
    { change: ['stop: "0 21 * * *"', 'stop: "0 21 ? * 1"'], issue: '"?" is not crontab syntax' },
    { change: ['stop: "0 21 * * *"', 'stop: "0 21 * * L"'], issue: 'day-of-week "L" is ambiguous' },
    { change: ['stop: "0 21 * * *"', 'stop: "0 21 * * 1#6"'], issue: 'day-of-week field "1#6"' },
    { change: ['stop: "0 21 * * *"', 'stop: "0 21 * * 1#2,5L"'], issue: "nL and n#k stand alone" },
    { change: ['stop: "0 21 * * *"', 'stop: "0 0 21 * * *"'], issue: "has 6 fields" },
    { change: ['stop: "0 21 * * *"', 'stop: "0 8 * * SAT-SUN"'], issue: 'day-of-week field "SAT-SUN": Invalid range' },
    {
      change: ["timezone: Asia/Shanghai", "timezone: Asia/Beijing"],
      issue: 'groups[2] (g).timezone: "Asia/Beijing" is not an IANA time zone',
    },
    {
      change: ["region: ap-shanghai", "region: us-east-1"],
      issue: 'groups[2] (g).region: "us-east-1" is not a Tencent region',
    },
    {
      change: ["tags: { env: test }", "instanceIds: [i-0abc0000000000000]"],
      issue: 'groups[2] (g).instanceIds[0]: "i-0abc0000000000000" is not a Tencent instance ID',
    },
    { change: ["tags: { env: test }", "colour: blue"], issue: 'groups[2] (g).colour: unknown key (value "blue")' },
    { change: ['stop: "0 21 * * *"', "enabled: true"], issue: "groups[2] (g): has neither start nor stop" },
    {
      change: ["tags: { env: test }", "description: none"],
      issue: "groups[2] (g): names no instances: give instanceIds and/or tags",
    },
  ])("reports $issue", ({ change, issue }) => {
    const [from = "", to = ""] = change;
    const issues = issuesOf(
      withGroups(GOOD.replace("name: g", "name: a"), GOOD.replace("name: g", "name: b"), GOOD.replace(from, to)),
    );
    expect(issues.some((text) => text.includes(issue))).toBe(true);
  });

  it("reports an unknown calendar, duplicate names and a date both holiday and workday, with paths", () => {
    const issues = issuesOf(
      `${withGroups(GOOD, `${GOOD}\ncalendar: cn`)}calendars:\n  cn2:\n    holidays: [2026-10-01..2026-10-07, 2026-13-01]\n    workdays: [2026-10-03]\n`,
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.yaml:\d+:\d+: calendars\.cn2\.holidays\[1\]: "2026-13-01" is not a date/),
      ]),
    );
    const second = issuesOf(
      `${withGroups(GOOD, `${GOOD}\ncalendar: cn`)}calendars:\n  cn2:\n    holidays: [2026-10-01..2026-10-07]\n    workdays: [2026-10-03]\n`,
    );
    expect(second).toEqual([
      'bad.yaml:8:11: groups[1].name: "g" is also the name of groups[0]',
      'bad.yaml:14:15: groups[1] (g).calendar: "cn" names no calendar (known: cn2)',
      'bad.yaml:18:16: calendars.cn2.workdays[0]: "2026-10-03" is also a holiday (2026-10-01..2026-10-07)',
    ]);
  });

  it("reports YAML syntax errors with line and column", () => {
    expect(issuesOf("groups:\n  - name: [unclosed\n")[0]).toMatch(/^bad\.yaml:\d+:\d+: /);
  });

  it("reports a missing file with the path and what to set", async () => {
    await expect(loadScheduleConfig("no/such/schedules.yaml")).rejects.toThrow(
      /schedule config no\/such\/schedules\.yaml: no such file .*set POWER_CONFIG or --config/,
    );
  });

  it.each([
    { zone: "Europe/Berlin", cron: "30 2 * * *", warns: true },
    { zone: "Europe/Berlin", cron: "30 2 * * 1-5", warns: false },
    { zone: "America/New_York", cron: "0 2 * * 0", warns: true },
    { zone: "America/New_York", cron: "0 3 * * *", warns: false },
    { zone: "Australia/Sydney", cron: "15 2 * * *", warns: true },
    { zone: "America/Sao_Paulo", cron: "0 0 * * *", warns: false },
    { zone: "Asia/Shanghai", cron: "30 2 * * *", warns: false },
  ])("warns about a DST gap for $cron in $zone: $warns", ({ zone, cron, warns }) => {
    const config = configWith(GOOD.replace("Asia/Shanghai", zone).replace("0 21 * * *", cron));
    expect(config.warnings.length > 0).toBe(warns);
    if (warns)
      expect(config.warnings[0]).toMatch(
        new RegExp(
          `^groups\\[0\\]\\.stop: "${cron.replace(/\*/g, "\\*")}" \\(g\\) can fall into the daylight-saving gap of ${zone}`,
        ),
      );
  });
});
