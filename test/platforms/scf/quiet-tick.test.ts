/**
 * The SCF tick front's decision (quiet-tick.ts over compiled-ticks.ts) against the full path's (the tick resolver over
 * the loaded config: tick-due.ts, enforce-tick.ts, the guard), fire by fire: the front answers exactly when the full
 * path finds nothing due, with the same notes, and leaves every misfire and every due group to the full path.
 */
import { describe, expect, it } from "vitest";
import type { PowerAction } from "../../../src/domain/types.ts";
import { compileTicks } from "../../../src/platforms/scf/compiled-ticks.ts";
import { readPlainTick } from "../../../src/platforms/scf/plain-tick-event.ts";
import { type CompiledTicks, compiledNothingDue, scfQuietTicks } from "../../../src/platforms/scf/quiet-tick.ts";
import { SCF_EVENTS } from "../../../src/platforms/scf/scf-events.ts";
import { tickCronMinutes } from "../../../src/platforms/scf/tick-due.ts";
import { readTickEvent } from "../../../src/platforms/scf/tick-event.ts";
import { scfTimerTriggers } from "../../../src/platforms/scf/ticks.ts";
import { scheduleTickResolver } from "../../../src/runtime/resolve-group.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../../src/schedule/config.ts";
import { offsetMinutesAt } from "../../../src/schedule/zone.ts";
import { fleetConfig } from "../../support/fleet-40.ts";

const DAY_MS = 86_400_000;
const DIGEST = "0123456789abcdef";

/** What the bundle ships: the compiled ticks as JSON, read back. */
const shipped = (config: ScheduleConfig, action: PowerAction): CompiledTicks =>
  JSON.parse(JSON.stringify(compileTicks(config, action, DIGEST))) as CompiledTicks;

interface Tally {
  quiet: number;
  quietWithNotes: number;
  due: number;
  misfires: number;
  mismatches: string[];
}

/**
 * Every deployed fire of the function's ticks from `from` for `days` (and, with `offMinutes`, a fire that many minutes
 * off each one), decided by both paths.
 */
async function compare(config: ScheduleConfig, action: PowerAction, from: number, days: number, offMinutes?: number) {
  const compiled = shipped(config, action);
  const resolve = scheduleTickResolver({ loadConfig: async () => config });
  const zone = config.deploy.scf.triggerTimezone;
  const tally: Tally = { quiet: 0, quietWithNotes: 0, due: 0, misfires: 0, mismatches: [] };
  const ticks = scfTimerTriggers(config).filter((trigger) => trigger.action === action);
  for (let day = from; day < from + days * DAY_MS; day += DAY_MS) {
    for (const trigger of ticks) {
      for (const minute of tickCronMinutes(trigger.cron)) {
        const onTime = day + (minute - offsetMinutesAt(zone, day)) * 60_000;
        for (const at of offMinutes === undefined ? [onTime] : [onTime, onTime + offMinutes * 60_000]) {
          const tick = { triggerName: trigger.name, time: new Date(at).toISOString() };
          const full = await resolve(tick, action, {}, SCF_EVENTS).catch((error: Error) => error);
          const front = compiledNothingDue(compiled, action, tick, new Date(at));
          if (full instanceof Error) {
            tally.misfires++;
            if (!/misfire/.test(full.message)) tally.mismatches.push(`${tick.time}: ${full.message}`);
            if (front !== undefined) tally.mismatches.push(`${tick.time} ${trigger.name}: front answered a misfire`);
          } else if (full.groups.length > 0) {
            tally.due++;
            if (front !== undefined)
              tally.mismatches.push(`${tick.time} ${trigger.name}: front skipped ${full.groups}`);
          } else {
            tally.quiet++;
            if (front !== undefined && front.length > 0) tally.quietWithNotes++;
            if (JSON.stringify(front) !== JSON.stringify(full.notes)) {
              tally.mismatches.push(
                `${tick.time} ${trigger.name}: ${JSON.stringify(front)} ≠ ${JSON.stringify(full.notes)}`,
              );
            }
          }
        }
      }
    }
  }
  return tally;
}

describe("Property: the compiled tick decides as the full path, at every tick fire of 2026 (40 groups in 12 zones)", () => {
  const config = fleetConfig();

  it.each(["start", "stop"] as const)(
    "%s: the same decision and the same notes at every fire",
    async (action) => {
      const tally = await compare(config, action, Date.UTC(2026, 0, 1), 365);
      expect(tally.mismatches.slice(0, 5)).toEqual([]);
      // Each kind of fire happens, so the property is tried on each: quiet (with the guard's notes) and due.
      expect(tally.due).toBeGreaterThan(1000);
      expect(tally.quietWithNotes).toBeGreaterThan(100);
      expect(tally.quiet).toBeGreaterThan(tally.quietWithNotes);
    },
    300_000,
  );

  it("leaves every fire 7 minutes off its tick's times to the full path, which calls it a misfire", async () => {
    // Around both of the year's DST changes of the northern and southern zones.
    const spring = await compare(config, "start", Date.UTC(2026, 2, 26), 12, 7);
    const autumn = await compare(config, "stop", Date.UTC(2026, 9, 22), 12, 7);
    for (const tally of [spring, autumn]) {
      expect(tally.mismatches.slice(0, 5)).toEqual([]);
      expect(tally.misfires).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe("Property: the enforce tick", () => {
  const config = parseScheduleConfig(
    `groups:
  - { name: a, provider: tencent, region: ap-shanghai, tags: { a: b }, timezone: Europe/Berlin, stop: "0 20 * * 1-5", enforce: stop, enforceEvery: 20 }
  - { name: b, provider: tencent, region: ap-shanghai, tags: { a: b }, timezone: Asia/Kolkata, start: "30 8 * * 1-5", stop: "0 19 * * 1-5", enforce: both, enforceEvery: 30 }
  - { name: c, provider: tencent, region: ap-shanghai, tags: { a: b }, timezone: Asia/Shanghai, stop: "0 21 * * *" }
`,
    "enforce.yaml",
  );

  it.each(["start", "stop"] as const)("%s: due and quiet enforce fires, as the full path says", async (action) => {
    const tally = await compare(config, action, Date.UTC(2026, 2, 27), 4, 7);
    expect(tally.mismatches.slice(0, 5)).toEqual([]);
    expect(tally.due).toBeGreaterThan(0);
    expect(tally.quiet).toBeGreaterThan(0);
  });
});

describe("Function: scfQuietTicks", () => {
  const config = fleetConfig();
  const compiled = shipped(config, "start");
  const env = { POWER_CONFIG: "fleet.yaml" };
  // g4 starts at 09:00 on weekdays in Asia/Kolkata (calendar office): a Saturday's 09:00 there is a quiet fire.
  const saturday = new Date("2026-11-28T03:30:00Z");
  const tickAt = scfTimerTriggers(config).find(
    (trigger) =>
      trigger.action === "start" &&
      tickCronMinutes(trigger.cron).includes((saturday.getUTCHours() * 60 + saturday.getUTCMinutes() + 480) % 1440),
  );
  const tick = { triggerName: tickAt?.name ?? "none", time: "2026-11-28T03:30:00Z" };

  it("answers only for the config it was compiled from (the digest of POWER_CONFIG's file)", () => {
    expect(scfQuietTicks(compiled, () => DIGEST).nothingDue("start", tick, env, saturday)).toBeDefined();
    expect(scfQuietTicks(compiled, () => "fedcba9876543210").nothingDue("start", tick, env, saturday)).toBeUndefined();
    expect(scfQuietTicks(compiled, () => undefined).nothingDue("start", tick, env, saturday)).toBeUndefined();
    expect(scfQuietTicks(undefined, () => DIGEST).nothingDue("start", tick, env, saturday)).toBeUndefined();
  });

  it("answers only for its own function's action", () => {
    expect(scfQuietTicks(compiled, () => DIGEST).nothingDue("stop", tick, env, saturday)).toBeUndefined();
  });
});

describe("Function: readPlainTick, a subset of readTickEvent read the same", () => {
  const marker = (tick?: string) => JSON.stringify({ powercron: "tick", ...(tick === undefined ? {} : { tick }) });
  const event = (fields: Record<string, unknown>) => ({
    Type: "Timer",
    TriggerName: "prod-powercron-tick-1-5c7517",
    Time: "2026-11-23T13:00:00Z",
    Message: marker("powercron-tick-1"),
    ...fields,
  });

  it.each<{ what: string; fields: Record<string, unknown>; plain: boolean }>([
    { what: "a tick", fields: {}, plain: true },
    { what: "a tick without its name (the trigger's)", fields: { Message: marker() }, plain: true },
    { what: "milliseconds and an offset", fields: { Time: "2026-11-23T21:00:00.000+08:00" }, plain: true },
    { what: "a group's timer", fields: { Message: '{"group":"office"}' }, plain: false },
    { what: "another marker", fields: { Message: '{"powercron":"tock"}' }, plain: false },
    { what: "a marker with more", fields: { Message: '{"powercron":"tick","x":1}' }, plain: false },
    { what: "an empty tick name", fields: { Message: '{"powercron":"tick","tick":""}' }, plain: false },
    { what: "a long tick name", fields: { Message: marker("t".repeat(101)) }, plain: false },
    { what: "no Message", fields: { Message: undefined }, plain: false },
    { what: "not a timer", fields: { Type: "Cron" }, plain: false },
    { what: "an empty TriggerName", fields: { TriggerName: "" }, plain: false },
    { what: "a date-only Time", fields: { Time: "2026-11-23" }, plain: false },
    { what: "a Time without offset", fields: { Time: "2026-11-23T13:00:00" }, plain: false },
    { what: "February 30th", fields: { Time: "2026-02-30T13:00:00Z" }, plain: false },
    { what: "hour 24", fields: { Time: "2026-11-23T24:00:00Z" }, plain: false },
    { what: "a Time in words", fields: { Time: "yesterday" }, plain: false },
    { what: "a numeric Time", fields: { Time: 1764000000 }, plain: false },
  ])("$what", ({ fields, plain }) => {
    const given = event(fields);
    const read = readPlainTick(given);
    if (!plain) {
      expect(read).toBeUndefined();
      return;
    }
    expect(read).toBeDefined();
    expect(read).toEqual(readTickEvent(given));
  });

  it("reads no time zod refuses, over every day of four years at varied times and offsets", () => {
    let accepted = 0;
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2030, 0, 1); day += DAY_MS) {
      const date = new Date(day).toISOString().slice(0, 10);
      for (const clock of ["00:00:00", "13:05:59", "23:59:59.5"]) {
        for (const offset of ["Z", "+08:00", "-03:30", "+14:00"]) {
          const given = event({ Time: `${date}T${clock}${offset}` });
          const plain = readPlainTick(given);
          if (plain === undefined) continue;
          accepted++;
          expect(readTickEvent(given)).toEqual(plain);
        }
      }
    }
    expect(accepted).toBeGreaterThan(10_000);
  });
});
