import { describe, expect, it } from "vitest";
import { checkTickTime, dueGroups } from "../../src/platforms/scf/tick-due.ts";
import { scfTimerTriggers } from "../../src/platforms/scf/ticks.ts";
import type { ScheduleConfig } from "../../src/schedule/config.ts";
import { checkScheduledFire } from "../../src/schedule/guard.ts";
import { occurrencesBetween } from "../../src/schedule/occurrences.ts";
import { groupIn, onlyGroup, utc } from "./schedule-fixtures.ts";

describe("Function: checkScheduledFire", () => {
  it.each([
    { zone: "Europe/Berlin", cron: "30 2 * * *", first: "2026-10-25T00:30:00Z", second: "2026-10-25T01:30:00Z" },
    { zone: "America/New_York", cron: "30 1 * * *", first: "2026-11-01T05:30:00Z", second: "2026-11-01T06:30:00Z" },
    { zone: "Australia/Sydney", cron: "30 2 * * *", first: "2026-04-04T15:30:00Z", second: "2026-04-04T16:30:00Z" },
  ])("fires the first DST twin in $zone and skips the second", ({ zone, cron, first, second }) => {
    const config = groupIn(zone, { stop: cron });
    const group = onlyGroup(config);
    expect(checkScheduledFire(group, "stop", utc(first), config)).toMatchObject({ fire: true });
    const decision = checkScheduledFire(group, "stop", utc(second), config);
    expect(decision.fire).toBe(false);
    expect(decision).toMatchObject({ reason: expect.stringContaining("occurs twice") });
  });

  it("skips a fire in a spring-forward gap, saying the time does not exist", () => {
    const config = groupIn("Europe/Berlin", { start: "30 2 * * *" });
    const decision = checkScheduledFire(onlyGroup(config), "start", utc("2026-03-29T01:30:00Z"), config);
    expect(decision).toMatchObject({ fire: false, reason: expect.stringContaining("does not exist in Europe/Berlin") });
  });

  it("fires within the tolerance and skips outside it", () => {
    const config = groupIn("Asia/Shanghai", { start: "0 9 * * 1-5" });
    const group = onlyGroup(config);
    expect(checkScheduledFire(group, "start", utc("2026-11-23T01:00:59Z"), config).fire).toBe(true);
    expect(checkScheduledFire(group, "start", utc("2026-11-23T01:04:00Z"), config).fire).toBe(true);
    const late = checkScheduledFire(group, "start", utc("2026-11-23T01:30:00Z"), config);
    expect(late).toMatchObject({
      fire: false,
      reason: expect.stringContaining("nearest is 2026-11-23T09:00:00+08:00"),
    });
    expect(checkScheduledFire(group, "start", utc("2026-11-22T01:00:00Z"), config).fire).toBe(false);
  });

  it("skips an action the group does not have (stop-only group asked to start)", () => {
    const config = groupIn("Asia/Shanghai", { stop: "0 22 * * *" });
    const decision = checkScheduledFire(onlyGroup(config), "start", utc("2026-11-23T14:00:00Z"), config);
    expect(decision).toMatchObject({ fire: false, reason: 'group "g" has no start schedule' });
  });
});

/** The fires of an SCF tick over a span: its 7-field cron read as crontab in the trigger zone. */
function scfFires(config: ScheduleConfig, cron: string, from: Date, to: Date): Date[] {
  const [, minute, hour, dom, month, dow] = cron.split(" ");
  const timer = onlyGroup(
    groupIn(config.deploy.scf.triggerTimezone, { start: `${minute} ${hour} ${dom} ${month} ${dow}` }),
  );
  return occurrencesBetween(timer, "start", from, to, undefined).map((occurrence) => occurrence.at);
}

describe("Scenario: one SCF tick and the guard act exactly once per occurrence", () => {
  it.each([
    { zone: "Europe/Berlin", cron: "0 8 * * 1-5" },
    { zone: "Europe/Berlin", cron: "30 2 * * *" },
    { zone: "America/New_York", cron: "30 1 * * *" },
    { zone: "America/New_York", cron: "0 20 * * 1-5" },
    { zone: "Australia/Sydney", cron: "30 2 * * 0" },
    { zone: "America/Sao_Paulo", cron: "0 19 * * 1-5" },
    { zone: "Asia/Shanghai", cron: "0 9 * * 1-5" },
    { zone: "Europe/Berlin", cron: "0 18 * * 5L" },
    { zone: "America/New_York", cron: "0 9 * * 1#1" },
    { zone: "Australia/Sydney", cron: "0 20 L * *" },
    { zone: "Europe/Berlin", cron: "30 2 * * 0#5" },
  ])("$zone $cron: one tick, one fire per occurrence through 2026", ({ zone, cron }) => {
    const config = groupIn(zone, { start: cron });
    const scf = scfTimerTriggers(config);
    expect(scf).toHaveLength(1);
    const from = utc("2026-01-01T00:00:00Z");
    const to = utc("2027-01-01T00:00:00Z");
    const ticks = scf.flatMap((trigger) => scfFires(config, trigger.cron, from, to).map((at) => ({ trigger, at })));
    for (const { trigger, at } of ticks) expect(checkTickTime(config, "start", trigger.name, at).onTick).toBe(true);
    const fired = ticks
      .filter(({ at }) => dueGroups(config, "start", at).due.length > 0)
      .map(({ at }) => at.toISOString())
      .sort();
    const expected = occurrencesBetween(onlyGroup(config), "start", from, to, undefined)
      .filter((occurrence) => occurrence.skipped === undefined)
      .map((occurrence) => occurrence.at.toISOString());
    expect(expected.length).toBeGreaterThan(0);
    expect(fired).toEqual(expected);
  });
});
