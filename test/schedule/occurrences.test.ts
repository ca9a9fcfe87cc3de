import { describe, expect, it } from "vitest";
import { occurrencesBetween } from "../../src/schedule/occurrences.ts";
import { offsetsInSpan, transitionsInSpan } from "../../src/schedule/zone.ts";
import { groupIn, onlyGroup, utc } from "./schedule-fixtures.ts";

const DAY = 86_400_000;

function dayOf(zone: string, cron: string, date: string) {
  const group = onlyGroup(groupIn(zone, { start: cron }));
  const from = new Date(`${date}T00:00:00Z`).getTime() - DAY;
  return occurrencesBetween(group, "start", new Date(from), new Date(from + 3 * DAY), undefined).filter(
    (occurrence) => occurrence.date === date,
  );
}

describe("Function: offsetsInSpan", () => {
  it.each([
    { zone: "Asia/Shanghai", offsets: [480] },
    { zone: "America/Sao_Paulo", offsets: [-180] },
    { zone: "Europe/Berlin", offsets: [60, 120] },
    { zone: "America/New_York", offsets: [-300, -240] },
    { zone: "Australia/Sydney", offsets: [600, 660] },
  ])("gives $zone the offsets $offsets in 2026-2027", ({ zone, offsets }) => {
    expect(offsetsInSpan(zone, Date.UTC(2026, 0, 1), Date.UTC(2028, 0, 1))).toEqual(offsets);
  });

  it("finds no transition in America/Sao_Paulo (no DST since 2019) nor in Asia/Shanghai", () => {
    expect(transitionsInSpan("America/Sao_Paulo", Date.UTC(2026, 0, 1), Date.UTC(2028, 0, 1))).toEqual([]);
    expect(transitionsInSpan("Asia/Shanghai", Date.UTC(2026, 0, 1), Date.UTC(2028, 0, 1))).toEqual([]);
  });
});

describe("Function: occurrencesBetween, spring forward (a nonexistent local time is skipped)", () => {
  it.each([
    { zone: "Europe/Berlin", date: "2026-03-29", cron: "30 2 * * *", at: "2026-03-29T01:30:00.000Z" },
    { zone: "Europe/Berlin", date: "2027-03-28", cron: "30 2 * * *", at: "2027-03-28T01:30:00.000Z" },
    { zone: "America/New_York", date: "2026-03-08", cron: "30 2 * * *", at: "2026-03-08T07:30:00.000Z" },
    { zone: "America/New_York", date: "2027-03-14", cron: "30 2 * * *", at: "2027-03-14T07:30:00.000Z" },
    { zone: "Australia/Sydney", date: "2026-10-04", cron: "30 2 * * *", at: "2026-10-03T16:30:00.000Z" },
    { zone: "Australia/Sydney", date: "2027-10-03", cron: "30 2 * * *", at: "2027-10-02T16:30:00.000Z" },
  ])("skips $cron in $zone on $date", ({ zone, date, cron, at }) => {
    const found = dayOf(zone, cron, date);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ skipped: "dst-gap", reason: "cron" });
    expect(found[0]?.at.toISOString()).toBe(at);
  });

  it.each([
    { zone: "Europe/Berlin", date: "2026-03-29", at: "2026-03-29T01:00:00.000Z", local: "2026-03-29T03:00:00+02:00" },
    {
      zone: "America/New_York",
      date: "2026-03-08",
      at: "2026-03-08T07:00:00.000Z",
      local: "2026-03-08T03:00:00-04:00",
    },
    {
      zone: "Australia/Sydney",
      date: "2026-10-04",
      at: "2026-10-03T16:00:00.000Z",
      local: "2026-10-04T03:00:00+11:00",
    },
  ])("runs 03:00 in $zone on $date with the new offset", ({ zone, date, at, local }) => {
    const [found] = dayOf(zone, "0 3 * * *", date);
    expect(found?.skipped).toBeUndefined();
    expect(found?.at.toISOString()).toBe(at);
    expect(found?.local).toBe(local);
  });
});

describe("Function: occurrencesBetween, fall back (a repeated local time runs once, at its first occurrence)", () => {
  it.each([
    {
      zone: "Europe/Berlin",
      date: "2026-10-25",
      cron: "30 2 * * *",
      first: "2026-10-25T00:30:00.000Z",
      second: "2026-10-25T01:30:00.000Z",
    },
    {
      zone: "Europe/Berlin",
      date: "2027-10-31",
      cron: "30 2 * * *",
      first: "2027-10-31T00:30:00.000Z",
      second: "2027-10-31T01:30:00.000Z",
    },
    {
      zone: "America/New_York",
      date: "2026-11-01",
      cron: "30 1 * * *",
      first: "2026-11-01T05:30:00.000Z",
      second: "2026-11-01T06:30:00.000Z",
    },
    {
      zone: "America/New_York",
      date: "2027-11-07",
      cron: "30 1 * * *",
      first: "2027-11-07T05:30:00.000Z",
      second: "2027-11-07T06:30:00.000Z",
    },
    {
      zone: "Australia/Sydney",
      date: "2026-04-05",
      cron: "30 2 * * *",
      first: "2026-04-04T15:30:00.000Z",
      second: "2026-04-04T16:30:00.000Z",
    },
    {
      zone: "Australia/Sydney",
      date: "2027-04-04",
      cron: "30 2 * * *",
      first: "2027-04-03T15:30:00.000Z",
      second: "2027-04-03T16:30:00.000Z",
    },
  ])("runs $cron in $zone on $date at $first only", ({ zone, date, cron, first, second }) => {
    const found = dayOf(zone, cron, date);
    expect(found.map((o) => [o.at.toISOString(), o.skipped ?? "fires"])).toEqual([
      [first, "fires"],
      [second, "dst-repeat"],
    ]);
  });

  it.each([
    { zone: "Asia/Shanghai", date: "2026-03-29" },
    { zone: "Asia/Shanghai", date: "2026-10-25" },
    { zone: "America/Sao_Paulo", date: "2026-11-01" },
    { zone: "America/Sao_Paulo", date: "2027-02-21" },
  ])("runs 02:30 once and unchanged in $zone on $date (no DST)", ({ zone, date }) => {
    const found = dayOf(zone, "30 2 * * *", date);
    expect(found).toHaveLength(1);
    expect(found[0]?.skipped).toBeUndefined();
  });

  it("gives local times with the offset of the day", () => {
    const group = onlyGroup(groupIn("Europe/Berlin", { stop: "0 20 * * 5" }));
    const found = occurrencesBetween(
      group,
      "stop",
      utc("2026-10-19T00:00:00Z"),
      utc("2026-11-02T00:00:00Z"),
      undefined,
    );
    expect(found.map((o) => o.local)).toEqual(["2026-10-23T20:00:00+02:00", "2026-10-30T20:00:00+01:00"]);
    expect(found.map((o) => o.at.toISOString())).toEqual(["2026-10-23T18:00:00.000Z", "2026-10-30T19:00:00.000Z"]);
  });
});

describe("Function: occurrencesBetween, crontab day rules", () => {
  it.each([
    { cron: "0 8 * * 1-5", days: ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"] },
    { cron: "0 8 * * 0,6", days: ["2026-11-28", "2026-11-29"] },
    { cron: "0 8 * * 7", days: ["2026-11-29"] },
    { cron: "0 8 * * 6-7", days: ["2026-11-28", "2026-11-29"] },
    { cron: "0 8 1,24 * *", days: ["2026-11-24"] },
    { cron: "0 8 24 * 6", days: ["2026-11-24", "2026-11-28"] },
  ])("fires $cron on $days in the week of 2026-11-23", ({ cron, days }) => {
    const group = onlyGroup(groupIn("Asia/Shanghai", { start: cron }));
    const found = occurrencesBetween(
      group,
      "start",
      utc("2026-11-22T16:00:00Z"),
      utc("2026-11-29T16:00:00Z"),
      undefined,
    );
    expect(found.map((o) => o.date)).toEqual(days);
  });
});
