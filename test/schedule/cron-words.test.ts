import { describe, expect, it } from "vitest";
import { describeCron } from "../../src/schedule/cron-words.ts";
import { parseCrontab } from "../../src/schedule/crontab.ts";
import { renderGroupHeader } from "../../src/schedule/render-plan.ts";
import { groupIn, onlyGroup } from "./schedule-fixtures.ts";

describe("Function: describeCron", () => {
  it.each([
    { cron: "0 18 * * 5L", zone: "Europe/Berlin", words: "last Friday of the month, 18:00 Europe/Berlin" },
    { cron: "0 9 * * 1#1", zone: "Asia/Shanghai", words: "first Monday of the month, 09:00 Asia/Shanghai" },
    { cron: "0 9 * * MON#2", zone: "UTC", words: "second Monday of the month, 09:00 UTC" },
    { cron: "0 20 L * *", zone: "UTC", words: "last day of the month, 20:00 UTC" },
    { cron: "0 20 L 3,6,9,12 *", zone: "UTC", words: "last day of the month in Mar,Jun,Sep,Dec, 20:00 UTC" },
    { cron: "0 8 * * 1-5", zone: "Asia/Shanghai", words: "Mon-Fri, 08:00 Asia/Shanghai" },
    { cron: "30 7 * * 0", zone: "UTC", words: "every Sunday, 07:30 UTC" },
    { cron: "0 22 * * *", zone: "UTC", words: "every day, 22:00 UTC" },
    { cron: "0 8 1,15 * 1", zone: "UTC", words: "day 1,15 of the month or every Monday, 08:00 UTC" },
    { cron: "*/15 9-17 * * *", zone: "UTC", words: "every day, 36 times a day, 09:00 to 17:45 UTC" },
  ])("$cron reads as $words", ({ cron, zone, words }) => {
    expect(describeCron(parseCrontab(cron), zone)).toBe(words);
  });

  it("labels the group's crons in plan's header", () => {
    const group = onlyGroup(groupIn("Europe/Berlin", { start: "0 9 * * 1#1", stop: "0 18 * * 5L" }));
    expect(renderGroupHeader(group)).toBe(
      'g  tencent ap-shanghai  Europe/Berlin  start "0 9 * * 1#1" (first Monday of the month, 09:00 Europe/Berlin), stop "0 18 * * 5L" (last Friday of the month, 18:00 Europe/Berlin)',
    );
  });
});
