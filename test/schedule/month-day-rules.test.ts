import { describe, expect, it } from "vitest";
import { awsScheduleTriggers } from "../../src/platforms/lambda/schedules.ts";
import { checkScheduledFire } from "../../src/schedule/guard.ts";
import { occurrencesBetween } from "../../src/schedule/occurrences.ts";
import { configWith } from "./schedule-fixtures.ts";

const group = (provider: "aws" | "tencent", zone: string, cron: string) =>
  configWith(
    [
      "name: monthly",
      `provider: ${provider}`,
      `region: ${provider === "aws" ? "us-east-1" : "ap-shanghai"}`,
      "tags: { env: test }",
      `timezone: ${zone}`,
      `stop: "${cron}"`,
    ].join("\n"),
  );

/** Occurrences in 2026 across each zone's DST changes, in UTC: the offset follows the date. */
const CASES = [
  {
    cron: "0 18 * * 5L",
    zone: "Europe/Berlin",
    aws: "cron(0 18 ? * 6L *)",
    at: {
      "2026-03": "2026-03-27T17:00:00.000Z", // before the spring change (29 March): +01:00
      "2026-04": "2026-04-24T16:00:00.000Z", // summer: +02:00
      "2026-10": "2026-10-30T17:00:00.000Z", // after the fall change (25 October): +01:00
    },
  },
  {
    cron: "0 9 * * 1#1",
    zone: "America/New_York",
    aws: "cron(0 9 ? * 2#1 *)",
    at: {
      "2026-03": "2026-03-02T14:00:00.000Z", // before 8 March: -05:00
      "2026-04": "2026-04-06T13:00:00.000Z", // -04:00
      "2026-11": "2026-11-02T14:00:00.000Z", // the day after the fall change (1 November)
    },
  },
  {
    cron: "0 20 L * *",
    zone: "Australia/Sydney",
    aws: "cron(0 20 L * ? *)",
    at: {
      "2026-02": "2026-02-28T09:00:00.000Z", // summer (+11:00), 28 days
      "2026-04": "2026-04-30T10:00:00.000Z", // after 5 April: +10:00
      "2026-10": "2026-10-31T09:00:00.000Z", // after 4 October: +11:00
    },
  },
];

describe("Month-day rules across DST changes", () => {
  it.each(CASES)("$cron in $zone: plan, EventBridge and the guard agree", ({ cron, zone, aws, at }) => {
    const config = group("tencent", zone, cron);
    const [g] = config.groups;
    if (g === undefined) throw new Error("no group");
    const year = occurrencesBetween(
      g,
      "stop",
      new Date("2026-01-01T00:00:00Z"),
      new Date("2027-01-01T00:00:00Z"),
      undefined,
    );
    expect(year).toHaveLength(12);
    const byMonth = new Map(year.map((occurrence) => [occurrence.date.slice(0, 7), occurrence.at.toISOString()]));
    for (const [month, instant] of Object.entries(at)) {
      expect(byMonth.get(month)).toBe(instant);
      expect(checkScheduledFire(g, "stop", new Date(instant), config).fire).toBe(true);
      // An hour off (the other UTC offset) is not this occurrence.
      expect(checkScheduledFire(g, "stop", new Date(Date.parse(instant) + 3_600_000), config).fire).toBe(false);
    }
    const [schedule] = awsScheduleTriggers(group("aws", zone, cron));
    expect(schedule).toMatchObject({ expression: aws, timezone: zone });
  });
});
