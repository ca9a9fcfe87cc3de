/**
 * What a platform tells the runtime about its events: its event forms (parsed by the input layer) and, for a
 * platform with ticks (a timer that names no group and finds the groups due at its time), how to read a tick and
 * what it comes to. Each platform folder (src/platforms/<platform>/) declares its own; its handler entry passes it in
 * (InvokeDeps.platforms), so the runtime names no platform. Types only: imports nothing of the runtime.
 */
import type { PowerAction } from "../domain/index.ts";
import type { EventForm } from "../input/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";

export interface TickFire {
  /** The tick's name as the config knows it. */
  readonly triggerName: string;
  /** ISO 8601, the timer's scheduled time. */
  readonly time: string;
}

export type TickCheck =
  | { readonly onTick: true }
  | { readonly onTick: false; readonly reason: string; readonly nearest?: string };

/** The groups a tick finds due (and notes on the ones skipped); `enforce` when they are due for enforcement. */
export interface TickDue {
  readonly groups: readonly string[];
  readonly notes: readonly string[];
  readonly enforce?: boolean;
}

/** The schedule side of a platform's ticks. Pure: the fire time is passed in. */
export interface TickSchedule {
  /** Whether the tick fired at one of its deployed times (else why not: a misfire). */
  readonly check: (
    config: ScheduleConfig,
    action: PowerAction,
    tick: TickFire,
    at: Date,
    toleranceMs: number,
  ) => TickCheck;
  /** The groups due at the tick's time, by the guard. */
  readonly due: (config: ScheduleConfig, action: PowerAction, tick: TickFire, at: Date, toleranceMs: number) => TickDue;
}

export interface PlatformTicks {
  /** The tick in `event`, or undefined when the event is anything else. Throws InvalidInputError for a broken tick. */
  readonly read: (event: unknown) => TickFire | undefined;
  /** Loaded on the first tick only: the schedule modules stay out of the other invocations' start. */
  readonly schedule: () => Promise<TickSchedule>;
}

export interface PlatformEvents {
  /** Its event forms, in the order they are tried. */
  readonly forms: readonly EventForm[];
  readonly ticks?: PlatformTicks;
  /** Where a misfire's likely cause points, for this platform's triggers: `for SCF, deploy.scf.triggerTimezone`. */
  readonly triggerZoneHint?: string;
}
