import { describe, expect, it } from "vitest";
import { groupOccurrences, occurrencesBetween } from "../../src/schedule/occurrences.ts";
import { weekPlan } from "../../src/schedule/week-plan.ts";
import { configWith, onlyGroup, utc } from "./schedule-fixtures.ts";

const CALENDAR = `calendars:
  cn:
    holidays:
      - { from: 2026-10-01, to: 2026-10-07, name: National Day }
      - 2026-09-25
    workdays: [2026-10-10, 2026-09-27]`;

function groupWithCalendar(zone: string, crons: string) {
  return configWith(
    `name: g\nprovider: tencent\nregion: ap-shanghai\ntags: { env: test }\ntimezone: ${zone}\ncalendar: cn\n${crons}`,
    CALENDAR,
  );
}

describe("Calendars: holidays against extra workdays", () => {
  const config = groupWithCalendar("Asia/Shanghai", 'start: "0 9 * * 1-5"\nstop: "0 21 * * 1-5"');
  const group = onlyGroup(config);
  const days = (from: string, to: string) =>
    groupOccurrences(group, utc(from), utc(to), config).map((o) => [o.date, o.action, o.reason, o.skipped ?? "fires"]);

  it("skips the start on a holiday and keeps the stop", () => {
    expect(days("2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z")).toEqual([
      ["2026-10-01", "start", "cron", "holiday"],
      ["2026-10-01", "stop", "cron", "fires"],
    ]);
  });

  it("starts and stops on an extra workday (a Saturday) the cron leaves out", () => {
    expect(days("2026-10-09T16:00:00Z", "2026-10-10T16:00:00Z")).toEqual([
      ["2026-10-10", "start", "extra-workday", "fires"],
      ["2026-10-10", "stop", "extra-workday", "fires"],
    ]);
  });

  it("reads the dates in the group's own zone", () => {
    const berlin = groupWithCalendar("America/New_York", 'start: "0 22 * * 1-5"');
    // 2026-09-24 22:00 in New York is 2026-09-25 in UTC and in Shanghai, but 2026-09-24 locally: not a holiday.
    const found = occurrencesBetween(
      onlyGroup(berlin),
      "start",
      utc("2026-09-24T12:00:00Z"),
      utc("2026-09-26T12:00:00Z"),
      berlin.calendars.cn,
    );
    expect(found.map((o) => [o.date, o.skipped ?? "fires"])).toEqual([
      ["2026-09-24", "fires"],
      ["2026-09-25", "holiday"],
    ]);
  });

  it("counts a holiday week as off in the week plan", () => {
    const plan = weekPlan(group, utc("2026-10-04T16:00:00Z"), config);
    expect(plan.days.map((day) => day.date)).toEqual([
      "2026-10-05",
      "2026-10-06",
      "2026-10-07",
      "2026-10-08",
      "2026-10-09",
      "2026-10-10",
      "2026-10-11",
    ]);
    // On 10-08 and 10-09 (Thu, Fri) and the make-up Saturday 10-10: 12 hours each.
    expect(plan.offHours).toBe(168 - 36);
  });
});

describe("Stop-only and start-only groups", () => {
  const make = (crons: string) =>
    configWith(
      `name: g\nprovider: aws\nregion: us-east-1\ntags: { env: test }\ntimezone: Europe/Berlin\n${crons}\nhourlyPrice: 2`,
    );

  it("has only stops in a stop-only group, and assumes nobody starts the machines by hand", () => {
    const config = make('stop: "0 20 * * *"');
    const group = onlyGroup(config);
    const found = groupOccurrences(group, utc("2026-11-23T00:00:00Z"), utc("2026-11-26T00:00:00Z"), config);
    expect(found.map((o) => o.action)).toEqual(["stop", "stop", "stop"]);
    expect(
      occurrencesBetween(group, "start", utc("2026-11-23T00:00:00Z"), utc("2026-12-23T00:00:00Z"), undefined),
    ).toEqual([]);
    expect(weekPlan(group, utc("2026-11-23T00:00:00Z"), config).assumption).toMatch(/stop-only/);
  });

  it("has only starts in a start-only group", () => {
    const config = make('start: "0 7 * * 1"');
    const found = groupOccurrences(onlyGroup(config), utc("2026-11-16T00:00:00Z"), utc("2026-12-01T00:00:00Z"), config);
    expect(found.map((o) => [o.action, o.local])).toEqual([
      ["start", "2026-11-16T07:00:00+01:00"],
      ["start", "2026-11-23T07:00:00+01:00"],
      ["start", "2026-11-30T07:00:00+01:00"],
    ]);
  });

  it("computes the off share and savings of a weekend-off group", () => {
    const config = make('stop: "0 20 * * 5"\nstart: "0 7 * * 1"\ninstanceCount: 3');
    const plan = weekPlan(onlyGroup(config), utc("2026-11-23T00:00:00Z"), config);
    expect(plan.offHours).toBe(59);
    expect(plan.offShare).toBeCloseTo(59 / 168);
    expect(plan.savings?.perWeek).toBe(59 * 2 * 3);
    expect(plan.days[0]?.cells.join(",")).toMatch(/^(off,){7}on/);
  });
});
