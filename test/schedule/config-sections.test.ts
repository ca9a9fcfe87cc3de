import { describe, expect, it } from "vitest";
import { platformOf } from "../../src/providers/catalog.ts";
import { calendarSchema } from "../../src/schedule/calendar-schema.ts";
import { deploySectionSchema } from "../../src/schedule/deploy-section.ts";
import { crontabSchema, isRealDate, zoneSchema } from "../../src/schedule/value-schemas.ts";

describe("Function: isRealDate", () => {
  it.each([
    { text: "2026-11-23", real: true },
    { text: "2028-02-29", real: true },
    { text: "2026-02-29", real: false },
    { text: "2026-13-01", real: false },
    { text: "2026-1-01", real: false },
    { text: "23.11.2026", real: false },
  ])("$text is a real date: $real", ({ text, real }) => {
    expect(isRealDate(text)).toBe(real);
  });
});

describe("The config's shared values", () => {
  it("takes an IANA zone and refuses anything else", () => {
    expect(zoneSchema.safeParse("Asia/Shanghai").success).toBe(true);
    expect(zoneSchema.safeParse("UTC+8").error?.issues[0]?.message).toBe(
      "is not an IANA time zone (such as Asia/Shanghai)",
    );
  });

  it("parses a crontab expression, and names what is wrong with a bad one", () => {
    expect(crontabSchema.safeParse("0 21 * * 1-5").success).toBe(true);
    expect(crontabSchema.safeParse("0 25 * * *").error?.issues[0]?.message).toMatch(/^is not a crontab expression: /);
  });
});

describe("Section: calendars", () => {
  it("reads a holiday as a date, a range or {from, to, name}", () => {
    const calendar = calendarSchema.parse({
      holidays: ["2026-10-01", "2026-10-02..2026-10-07", { from: "2026-12-25", name: "Christmas" }],
      workdays: ["2026-10-10"],
    });
    expect(calendar.holidays).toEqual([
      { from: "2026-10-01", to: "2026-10-01" },
      { from: "2026-10-02", to: "2026-10-07" },
      { from: "2026-12-25", to: "2026-12-25", name: "Christmas" },
    ]);
  });

  it.each([
    { what: "a range out of order", holiday: "2026-10-07..2026-10-02" },
    { what: "{from, to} out of order", holiday: { from: "2026-10-07", to: "2026-10-02" } },
    { what: "a day that does not exist", holiday: "2026-02-30" },
  ])("refuses $what as no form of holiday", ({ holiday }) => {
    const issues = calendarSchema.safeParse({ holidays: [holiday] }).error?.issues ?? [];
    expect(issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["holidays", 0], "is not a date, a range YYYY-MM-DD..YYYY-MM-DD, or {from, to, name}"],
    ]);
  });
});

describe("Section: deploy (one per platform)", () => {
  it.each([
    { provider: "tencent" as const, platform: "scf" },
    { provider: "aws" as const, platform: "aws" },
    { provider: "alibaba" as const, platform: "scf" },
  ])("deploys a $provider group that names no platform to $platform", ({ provider, platform }) => {
    expect(platformOf(provider)).toBe(platform);
  });

  it("fills in every platform's defaults when the config leaves the section out, or a part of it", () => {
    const whole = deploySectionSchema.parse(undefined);
    expect(whole.scf).toMatchObject({ region: "ap-guangzhou", triggerTimezone: "Asia/Shanghai", timeoutSeconds: 300 });
    expect(whole.aws).toMatchObject({ region: "us-east-1", memoryMb: 256, logRetentionDays: 14 });
    const part = deploySectionSchema.parse({ scf: { region: "ap-shanghai" } });
    expect(part.scf.region).toBe("ap-shanghai");
    expect(part.aws).toEqual(whole.aws);
  });

  it("refuses a key it does not know, naming the platform's section", () => {
    const issues = deploySectionSchema.safeParse({ lambda: {} }).error?.issues ?? [];
    expect(issues.map((issue) => issue.code)).toEqual(["unrecognized_keys"]);
  });
});
