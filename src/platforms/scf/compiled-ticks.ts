/**
 * The build's side of the SCF tick front: the config, validated, compiled to what one function's ticks need to tell
 * "nothing due" (quiet-tick.ts): its ticks' minutes, its groups' occurrence rules, its enforcing groups' intervals,
 * the calendars they use. Pure; shipped in the bundle's front (deploy/bundle-front.ts).
 */
import type { PowerAction } from "../../domain/index.ts";
import {
  DEFAULT_RULES_SPAN,
  enforceEveryOf,
  type ScheduleConfig,
  timesOfDay,
  zoneTable,
} from "../../schedule/index.ts";
import { scfEnforcingGroups } from "./enforce-tick.ts";
import { COMPILED_TICKS_VERSION, type CompiledGroup, type CompiledTicks } from "./quiet-tick.ts";
import { cachedTicks, tickCronMinutes } from "./tick-due.ts";
import { scfGroups } from "./ticks.ts";

/** The zone tables' span: the deploy's rules span (the ticks are computed for it), and a week more either side. */
const WEEK_MS = 7 * 86_400_000;
export const ZONE_TABLE_SPAN = { from: DEFAULT_RULES_SPAN.from - WEEK_MS, to: DEFAULT_RULES_SPAN.to + WEEK_MS };

export function compileTicks(config: ScheduleConfig, action: PowerAction, configDigest: string): CompiledTicks {
  const groups: CompiledGroup[] = scfGroups(config, action).flatMap((group) => {
    const cron = group[action];
    if (cron === undefined) return [];
    return [
      {
        name: group.name,
        timezone: group.timezone,
        ...(group.calendar === undefined ? {} : { calendar: group.calendar }),
        cron,
        times: timesOfDay(cron),
      },
    ];
  });
  const used = new Set(groups.flatMap((group) => (group.calendar === undefined ? [] : [group.calendar])));
  const calendars = Object.fromEntries(Object.entries(config.calendars).filter(([name]) => used.has(name)));
  const triggerZone = config.deploy.scf.triggerTimezone;
  const zoneNames = [...new Set([triggerZone, ...groups.map((group) => group.timezone)])];
  const zones = Object.fromEntries(
    zoneNames.map((zone) => [zone, zoneTable(zone, ZONE_TABLE_SPAN.from, ZONE_TABLE_SPAN.to)]),
  );
  return {
    version: COMPILED_TICKS_VERSION,
    configDigest,
    action,
    triggerZone,
    ticks: cachedTicks(config)
      .filter((trigger) => trigger.action === action)
      .map((trigger) => ({ name: trigger.name, minutes: tickCronMinutes(trigger.cron) })),
    groups,
    enforcing: scfEnforcingGroups(config, action).map((group) => ({ name: group.name, every: enforceEveryOf(group) })),
    calendars,
    zones,
  };
}
