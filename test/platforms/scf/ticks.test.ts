import { describe, expect, it } from "vitest";
import { scfTimerTriggers } from "../../../src/platforms/scf/ticks.ts";
import { parseScheduleConfig } from "../../../src/schedule/config.ts";
import { fitName } from "../../../src/schedule/cron-fields.ts";
import { configWith } from "../../schedule/schedule-fixtures.ts";

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
