/**
 * The SCF tick front's decision, from the schedule compiled at build time (compiled-ticks.ts): whether a tick fired at
 * one of its deployed times and finds nothing due, with the notes the full path gives (tick-due.ts, tick-schedule.ts),
 * through the same guard over the same rules. It answers only when the config the function would read (POWER_CONFIG)
 * is the one compiled (same digest); a group due, a misfire, or anything unsure is left to the full path.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { PowerAction } from "../../domain/index.ts";
import type { QuietTicks, TickFire } from "../../runtime/quiet-fire.ts";
import {
  atScheduledTimeOfDay,
  type Calendar,
  type Crontab,
  checkScheduledFire,
  DEFAULT_TOLERANCE_MS,
  localTimeAt,
  type OccurrenceRule,
  withZoneTables,
  type ZoneTable,
} from "../../schedule/rules.ts";
import { configPath, type Environment } from "../../settings/index.ts";
import { ENFORCE_TICK_NAME, enforceDueAt } from "./enforce-minutes.ts";
import { readPlainTick } from "./plain-tick-event.ts";

export const COMPILED_TICKS_VERSION = 1;

/** A group's occurrence rule for the function's action: what the guard reads of it. */
export interface CompiledGroup {
  readonly name: string;
  readonly timezone: string;
  readonly calendar?: string;
  readonly cron: Crontab;
  /** The cron's times of the day, in minutes after midnight, in order. */
  readonly times: readonly number[];
}

/** What one SCF function's ticks need of the config, compiled at build time. Plain JSON. */
export interface CompiledTicks {
  readonly version: typeof COMPILED_TICKS_VERSION;
  /** The digest of the config compiled (deploy/config-digest.ts): the front answers only for this config. */
  readonly configDigest: string;
  readonly action: PowerAction;
  /** deploy.scf.triggerTimezone: the zone the tick crons are read in. */
  readonly triggerZone: string;
  /** Every deployed tick of the function (the enforce tick too): its name and its minutes of the day. */
  readonly ticks: readonly { readonly name: string; readonly minutes: readonly number[] }[];
  /** The function's groups (enabled, on SCF, with this action), in the config's order. */
  readonly groups: readonly CompiledGroup[];
  /** The groups it enforces and their intervals in minutes, in the config's order. */
  readonly enforcing: readonly { readonly name: string; readonly every: number }[];
  /** The calendars the groups use. */
  readonly calendars: Readonly<Record<string, Calendar>>;
  /** The offsets of the trigger zone and the groups' zones over the deploy's rules span (Intl outside it). */
  readonly zones: Readonly<Record<string, ZoneTable>>;
}

/** The digest of the file at `path` as deploy/config-digest.ts makes it, or undefined when it cannot be read. */
function fileDigest(path: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16);
  } catch {
    return undefined;
  }
}

function ruleOf(group: CompiledGroup, action: PowerAction): OccurrenceRule {
  return {
    name: group.name,
    enabled: true,
    timezone: group.timezone,
    ...(group.calendar === undefined ? {} : { calendar: group.calendar }),
    [action]: group.cron,
  };
}

/**
 * The notes of a tick at which no group is due, or undefined: it is not a deployed time of the tick (a misfire), a
 * group is due, or the data is not for this function.
 */
export function compiledNothingDue(
  compiled: CompiledTicks,
  action: PowerAction,
  tick: TickFire,
  at: Date,
  toleranceMs: number = DEFAULT_TOLERANCE_MS,
): string[] | undefined {
  if (compiled.version !== COMPILED_TICKS_VERSION || compiled.action !== action) return undefined;
  return withZoneTables(compiled.zones, () => nothingDueAt(compiled, action, tick, at, toleranceMs));
}

function nothingDueAt(
  compiled: CompiledTicks,
  action: PowerAction,
  tick: TickFire,
  at: Date,
  toleranceMs: number,
): string[] | undefined {
  const instant = at.getTime();
  const trigger = compiled.ticks.find((candidate) => candidate.name === tick.triggerName);
  if (trigger === undefined || !atScheduledTimeOfDay(trigger.minutes, compiled.triggerZone, instant, toleranceMs)) {
    return undefined;
  }
  if (tick.triggerName === ENFORCE_TICK_NAME) {
    const local = localTimeAt(compiled.triggerZone, instant);
    const minute = local.hour * 60 + local.minute;
    return compiled.enforcing.some((group) => enforceDueAt(group.every, minute, toleranceMs)) ? undefined : [];
  }
  const notes: string[] = [];
  for (const group of compiled.groups) {
    if (!atScheduledTimeOfDay(group.times, group.timezone, instant, toleranceMs)) continue;
    const decision = checkScheduledFire(ruleOf(group, action), action, at, compiled, toleranceMs);
    if (decision.fire) return undefined;
    notes.push(decision.reason);
  }
  return notes;
}

/** SCF's quiet ticks over its compiled schedule; without one (unbundled, or not compiled) every fire goes to the full path. */
export function scfQuietTicks(compiled: CompiledTicks | undefined, digestOf = fileDigest): QuietTicks {
  return {
    read: readPlainTick,
    nothingDue(action: PowerAction, tick: TickFire, env: Environment, at: Date) {
      if (compiled === undefined || digestOf(configPath(env)) !== compiled.configDigest) return undefined;
      return compiledNothingDue(compiled, action, tick, at);
    },
  };
}

/** The esbuild `define` the SCF fronts are built with: their CompiledTicks (bundle-front.ts). */
export const COMPILED_TICKS_DEFINE = "__POWERCRON_COMPILED_TICKS__";
declare const __POWERCRON_COMPILED_TICKS__: CompiledTicks | null | undefined;

/** The schedule compiled into this bundle's front; undefined unbundled (the sources load the full path). */
export function bundledTicks(): CompiledTicks | undefined {
  return typeof __POWERCRON_COMPILED_TICKS__ === "object" && __POWERCRON_COMPILED_TICKS__ !== null
    ? __POWERCRON_COMPILED_TICKS__
    : undefined;
}
