/**
 * The state a group's instances should be in at an instant: the last scheduled transition before it (the group's
 * crons, calendar, zone and DST rule, skipped occurrences left out), the next one, and whether the instant falls in
 * the grace period after a transition, during which enforcement leaves the edge trigger its time. Pure: `now` is
 * passed in.
 *
 * A stop-only group, once stopped, should stay stopped (until the keep-running tag says otherwise); a start-only group,
 * once started, should stay running. With no transition in the last 400 days the state is `unknown`.
 */
import type { PowerAction } from "../domain/index.ts";
import { groupOccurrences, type Occurrence } from "./occurrences.ts";
import type { ScheduleConfig, ScheduleGroup } from "./schedule-config.ts";

export type DesiredPower = "running" | "stopped";

/** Minutes after a scheduled transition during which enforcement does nothing, unless the group sets its own. */
export const DEFAULT_ENFORCE_GRACE_MINUTES = 10;
/** How often an enforcing group is checked, unless it sets its own. */
export const DEFAULT_ENFORCE_EVERY_MINUTES = 15;

export interface Transition {
  readonly action: PowerAction;
  /** The UTC instant. */
  readonly at: Date;
  /** ISO 8601 with the group's offset at that instant. */
  readonly local: string;
}

export interface DesiredState {
  /** `unknown`: the group has no transition in the look-back (a disabled group, a yearly cron not yet due). */
  readonly state: DesiredPower | "unknown";
  /** The transition that set the state. */
  readonly since?: Transition;
  /** The next transition that changes the state (for `unknown`, the next of any kind). */
  readonly next?: Transition;
  /** Set while `now` is within the grace period after `since`: enforcement waits until then. */
  readonly graceUntil?: Date;
}

const DAY_MS = 86_400_000;
/** Windows searched, shortest first: a daily schedule is found in the first, a yearly one in the last. */
const WINDOWS_DAYS = [8, 40, 400] as const;

export const STATE_AFTER: Readonly<Record<PowerAction, DesiredPower>> = { start: "running", stop: "stopped" };

function transitionOf(occurrence: Occurrence): Transition {
  return { action: occurrence.action, at: occurrence.at, local: occurrence.local };
}

function fired(occurrences: readonly Occurrence[]): Occurrence[] {
  return occurrences.filter((occurrence) => occurrence.skipped === undefined);
}

function lastBefore(
  group: ScheduleGroup,
  now: number,
  config: Pick<ScheduleConfig, "calendars">,
): Occurrence | undefined {
  for (const days of WINDOWS_DAYS) {
    const found = fired(groupOccurrences(group, new Date(now - days * DAY_MS), new Date(now + 1), config));
    const last = found[found.length - 1];
    if (last !== undefined) return last;
  }
  return undefined;
}

function nextChange(
  group: ScheduleGroup,
  now: number,
  config: Pick<ScheduleConfig, "calendars">,
  current: DesiredPower | "unknown",
): Occurrence | undefined {
  for (const days of WINDOWS_DAYS) {
    const found = fired(groupOccurrences(group, new Date(now + 1), new Date(now + days * DAY_MS), config));
    const next = found.find((occurrence) => STATE_AFTER[occurrence.action] !== current);
    if (next !== undefined) return next;
  }
  return undefined;
}

/**
 * The desired state of the group's instances at `now`. `graceMinutes` defaults to the group's `enforceGrace`, else
 * DEFAULT_ENFORCE_GRACE_MINUTES.
 */
export function desiredStateAt(
  group: ScheduleGroup,
  now: Date,
  config: Pick<ScheduleConfig, "calendars">,
  graceMinutes: number = group.enforceGrace ?? DEFAULT_ENFORCE_GRACE_MINUTES,
): DesiredState {
  const at = now.getTime();
  const last = lastBefore(group, at, config);
  const state = last === undefined ? "unknown" : STATE_AFTER[last.action];
  const next = nextChange(group, at, config, state);
  const graceEnds = last === undefined ? undefined : last.at.getTime() + graceMinutes * 60_000;
  return {
    state,
    ...(last === undefined ? {} : { since: transitionOf(last) }),
    ...(next === undefined ? {} : { next: transitionOf(next) }),
    ...(graceEnds !== undefined && at < graceEnds ? { graceUntil: new Date(graceEnds) } : {}),
  };
}
