import { describe, expect, it } from "vitest";
import { awsDayOfWeek, awsScheduleTriggers } from "../../../src/platforms/lambda/schedules.ts";
import { parseScheduleConfig } from "../../../src/schedule/config.ts";
import { configWith } from "../../schedule/schedule-fixtures.ts";

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
