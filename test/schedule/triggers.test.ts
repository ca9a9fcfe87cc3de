import { describe, expect, it } from "vitest";
import { awsDayOfWeek, awsScheduleTriggers } from "../../src/platforms/lambda/schedules.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { fitName } from "../../src/schedule/cron-fields.ts";
import { scfTimerTriggers } from "../../src/schedule/ticks.ts";
import { configWith } from "./schedule-fixtures.ts";

const awsGroup = (name: string, crons: string, zone = "America/New_York", more = "") =>
  configWith(
    [`name: ${name}`, "provider: aws", "region: us-east-1", "tags: { env: test }", `timezone: ${zone}`, crons, more]
      .filter(Boolean)
      .join("\n"),
    more.includes("calendar") ? "calendars:\n  hols: { holidays: [2026-12-25] }" : "",
  );

describe("Function: awsDayOfWeek", () => {
  it.each([
    { crontab: 0, aws: 1, name: "SUN" },
    { crontab: 1, aws: 2, name: "MON" },
    { crontab: 2, aws: 3, name: "TUE" },
    { crontab: 3, aws: 4, name: "WED" },
    { crontab: 4, aws: 5, name: "THU" },
    { crontab: 5, aws: 6, name: "FRI" },
    { crontab: 6, aws: 7, name: "SAT" },
    { crontab: 7, aws: 1, name: "SUN" },
  ])("maps crontab $crontab to AWS $aws ($name)", ({ crontab, aws }) => {
    expect(awsDayOfWeek(crontab)).toBe(aws);
  });
});

describe("Function: awsScheduleTriggers", () => {
  it.each([
    { crons: 'stop: "0 20 * * 1-5"', expression: "cron(0 20 ? * MON-FRI *)" },
    { crons: 'stop: "0 20 * * 0,6"', expression: "cron(0 20 ? * SUN,SAT *)" },
    { crons: 'stop: "0 20 * * 7"', expression: "cron(0 20 ? * SUN *)" },
    { crons: 'stop: "0 20 * * 5-7"', expression: "cron(0 20 ? * SUN,FRI,SAT *)" },
    { crons: 'stop: "30 18 1,15 * *"', expression: "cron(30 18 1,15 * ? *)" },
    { crons: 'stop: "0 22 * * *"', expression: "cron(0 22 * * ? *)" },
    { crons: 'stop: "*/15 9-17 * 1-6 *"', expression: "cron(0,15,30,45 9-17 * 1-6 ? *)" },
    { crons: 'stop: "0 18 * * 5L"', expression: "cron(0 18 ? * 6L *)" },
    { crons: 'stop: "0 9 * * 1#1"', expression: "cron(0 9 ? * 2#1 *)" },
    { crons: 'stop: "0 9 * * MON#2"', expression: "cron(0 9 ? * 2#2 *)" },
    { crons: 'stop: "0 20 L * *"', expression: "cron(0 20 L * ? *)" },
    { crons: 'stop: "0 20 L 3,6,9,12 *"', expression: "cron(0 20 L 3,6,9,12 ? *)" },
  ])("writes $crons as $expression", ({ crons, expression }) => {
    const [trigger] = awsScheduleTriggers(awsGroup("payments-test", crons));
    expect(trigger).toEqual({
      name: "powercron-payments-test-stop",
      group: "payments-test",
      action: "stop",
      expression,
      timezone: "America/New_York",
      input: '{"group":"payments-test","scheduledTime":"<aws.scheduler.scheduled-time>"}',
    });
  });

  it("makes a group with a calendar fire every day, in the group's zone", () => {
    const triggers = awsScheduleTriggers(
      awsGroup("ml-dev", 'start: "0 7 * * 1"\nstop: "0 20 * * 5"', "Europe/Berlin", "calendar: hols"),
    );
    expect(triggers.map((t) => [t.action, t.expression, t.timezone])).toEqual([
      ["start", "cron(0 7 * * ? *)", "Europe/Berlin"],
      ["stop", "cron(0 20 * * ? *)", "Europe/Berlin"],
    ]);
  });

  it("rejects both day fields restricted, naming the group and the reason", () => {
    expect(() => awsScheduleTriggers(awsGroup("odd", 'start: "0 8 1 * 1"'))).toThrow(
      /groups\[0\] \(odd\)\.start: "0 8 1 \* 1" cannot be expressed as an EventBridge cron \(both day fields restricted\)/,
    );
  });

  it("leaves out Tencent groups and disabled groups", () => {
    const config = parseScheduleConfig(
      `groups:
  - { name: a, provider: tencent, region: ap-shanghai, tags: { x: y }, timezone: Asia/Shanghai, stop: "0 20 * * *" }
  - { name: b, provider: aws, region: us-east-1, tags: { x: y }, timezone: UTC, stop: "0 20 * * *", enabled: false }`,
      "t.yaml",
    );
    expect(awsScheduleTriggers(config)).toEqual([]);
  });
});

describe("Function: scfTimerTriggers", () => {
  const scfGroup = (zone: string, crons: string, more = "") =>
    configWith(
      [
        "name: checkout-test",
        "provider: tencent",
        "region: ap-shanghai",
        "tags: { env: test }",
        `timezone: ${zone}`,
        crons,
        more,
      ]
        .filter(Boolean)
        .join("\n"),
      more.includes("calendar")
        ? "calendars:\n  cn: { holidays: [2026-10-01..2026-10-07], workdays: [2026-10-10] }"
        : "",
    );

  it("writes one daily tick per function in Asia/Shanghai for a Shanghai group", () => {
    expect(scfTimerTriggers(scfGroup("Asia/Shanghai", 'start: "0 9 * * 1-5"\nstop: "0 21 * * 1-5"'))).toEqual([
      {
        name: "powercron-tick-1",
        groups: ["checkout-test"],
        action: "start",
        cron: "0 0 9 * * * *",
        customArgument: '{"powercron":"tick","tick":"powercron-tick-1"}',
      },
      {
        name: "powercron-tick-1",
        groups: ["checkout-test"],
        action: "stop",
        cron: "0 0 21 * * * *",
        customArgument: '{"powercron":"tick","tick":"powercron-tick-1"}',
      },
    ]);
  });

  it.each([
    { zone: "Europe/Berlin", crons: 'start: "0 8 * * 1-5"', cron: "0 0 14,15 * * * *" },
    { zone: "America/New_York", crons: 'start: "0 20 * * 1-5"', cron: "0 0 8,9 * * * *" },
    { zone: "Europe/Berlin", crons: 'start: "0 18 * * 5L"', cron: "0 0 0,1 * * * *" },
    { zone: "Asia/Kolkata", crons: 'start: "0 9 * * 1#1"', cron: "0 30 11 * * * *" },
    { zone: "Asia/Shanghai", crons: 'start: "0 20 L * *"', cron: "0 0 20 * * * *" },
    { zone: "Asia/Shanghai", crons: 'start: "0 9 * * 1-5"\ncalendar: cn', cron: "0 0 9 * * * *" },
  ])("covers both UTC offsets of $zone $crons in one tick: $cron", ({ zone, crons, cron }) => {
    const [more, calendar] = crons.split("\n");
    const triggers = scfTimerTriggers(scfGroup(zone, more ?? "", calendar ?? ""));
    expect(triggers.map((t) => t.cron)).toEqual([cron]);
  });

  it("uses the deploy's trigger zone", () => {
    const config = configWith(
      'name: g\nprovider: tencent\nregion: ap-shanghai\ntags: { a: b }\ntimezone: Asia/Shanghai\nstop: "0 21 * * *"',
      "deploy:\n  scf: { triggerTimezone: UTC }",
    );
    expect(scfTimerTriggers(config).map((t) => t.cron)).toEqual(["0 0 13 * * * *"]);
  });

  it("never gives a function more than 10 timers, and every group's minute stays covered", () => {
    const zones = ["Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "America/St_Johns", "Europe/Berlin"];
    const groups = Array.from({ length: 30 }, (_, index) => {
      const zone = zones[index % zones.length];
      return `  - { name: g${index}, provider: tencent, region: ap-shanghai, tags: { a: b }, timezone: ${zone}, start: "${(index * 7) % 60} ${index % 24} * * *" }`;
    });
    const config = parseScheduleConfig(`groups:\n${groups.join("\n")}`, "t.yaml");
    const triggers = scfTimerTriggers(config);
    expect(triggers.length).toBeLessThanOrEqual(10);
    expect(new Set(triggers.flatMap((t) => t.groups))).toEqual(new Set(config.groups.map((g) => g.name)));
  });

  it("keeps names within 60 characters", () => {
    const name = fitName(`a${"x".repeat(59)}-start`, "-2", 60);
    expect(name.length).toBeLessThanOrEqual(60);
    expect(name).toMatch(/^a[A-Za-z0-9_-]+-2$/);
  });
});
