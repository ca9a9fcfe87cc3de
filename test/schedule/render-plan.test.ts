import { describe, expect, it } from "vitest";
import { groupOccurrences } from "../../src/schedule/occurrences.ts";
import { occurrenceJson, renderOccurrences, renderWeek } from "../../src/schedule/render-plan.ts";
import { weekPlan } from "../../src/schedule/week-plan.ts";
import { groupIn, onlyGroup, utc } from "./schedule-fixtures.ts";

describe("Function: occurrenceJson", () => {
  it("gives exactly group, action, at (UTC), local (with offset), reason and skipped", () => {
    const config = groupIn("Europe/Berlin", { start: "30 2 * * *" });
    const found = groupOccurrences(onlyGroup(config), utc("2026-03-28T12:00:00Z"), utc("2026-03-30T12:00:00Z"), config);
    expect(found.map(occurrenceJson)).toEqual([
      {
        group: "g",
        action: "start",
        at: "2026-03-29T01:30:00.000Z",
        local: "2026-03-29T02:30:00+01:00",
        reason: "cron",
        skipped: "dst-gap",
      },
      {
        group: "g",
        action: "start",
        at: "2026-03-30T00:30:00.000Z",
        local: "2026-03-30T02:30:00+02:00",
        reason: "cron",
        skipped: null,
      },
    ]);
    expect(renderOccurrences(found)[0]).toMatch(
      /skipped \(dst-gap\): 02:30 does not exist in Europe\/Berlin on 2026-03-29/,
    );
  });
});

describe("Function: renderWeek", () => {
  it("draws seven days of 24 hours, marks the skipped hour of a spring-forward day, and sums a 167-hour week", () => {
    const config = groupIn(
      "Europe/Berlin",
      { start: "0 9 * * 1-5", stop: "30 17 * * 1-5" },
      "hourlyPrice: 1\ninstanceCount: 2",
    );
    const plan = weekPlan(onlyGroup(config), utc("2026-03-23T12:00:00Z"), config);
    const lines = renderWeek(plan, "Europe/Berlin");
    expect(lines.filter((line) => /^ {2}\w{3} \d{4}-/.test(line))).toHaveLength(7);
    expect(lines.find((line) => line.includes("Mon 2026-03-23"))).toContain("·········████████▌······");
    expect(lines.find((line) => line.includes("Sun 2026-03-29"))).toContain("··" + " " + "·····");
    expect(plan.totalHours).toBe(167);
    expect(plan.offHours).toBe(167 - 5 * 8.5);
    expect(lines.at(-1)).toMatch(/saves 249\.00\/week, 1,082\.\d\d\/month \(2 instances × 1\/h\)/);
  });
});
