/**
 * What enforcement guards in a window: at each enforce check (every `enforceEvery` minutes, on the group's local
 * clock), whether a function would act on drift there, by the same rule as the enforce resolver: the desired state is
 * known, the grace period after the last scheduled transition is over, and the group enforces that state (`stop`:
 * stopped only; `both`: either). Pure: the window is passed in. Shown by `powercron plan`.
 */

import {
  DEFAULT_ENFORCE_EVERY_MINUTES,
  DEFAULT_ENFORCE_GRACE_MINUTES,
  type DesiredPower,
  STATE_AFTER,
} from "./desired-state.ts";
import { enforcesWith } from "./enforcing.ts";
import { groupOccurrences } from "./occurrences.ts";
import type { ScheduleConfig, ScheduleGroup } from "./schedule-config.ts";
import { formatLocalIso, localTimeAt } from "./zone.ts";

const MINUTE_MS = 60_000;
/** How far back the last transition before the window is looked for (as the desired state does). */
const HISTORY_DAYS = 400;

export interface EnforceCoverage {
  readonly mode: "stop" | "both";
  readonly everyMinutes: number;
  readonly graceMinutes: number;
  /** Enforce checks in the window. */
  readonly checks: number;
  /** Of those, the checks at which a function would act on drift, by the state it would keep. */
  readonly guarding: Readonly<Record<DesiredPower, number>>;
  /** The first guarding check, in the group's zone. */
  readonly firstGuard?: string;
}

/** Undefined for a group that does not enforce (or is disabled). */
export function enforceCoverage(
  group: ScheduleGroup,
  from: Date,
  to: Date,
  config: Pick<ScheduleConfig, "calendars">,
): EnforceCoverage | undefined {
  if (!group.enabled || group.enforce === undefined) return undefined;
  const every = group.enforceEvery ?? DEFAULT_ENFORCE_EVERY_MINUTES;
  const grace = group.enforceGrace ?? DEFAULT_ENFORCE_GRACE_MINUTES;
  const transitions = groupOccurrences(group, new Date(from.getTime() - HISTORY_DAYS * 86_400_000), to, config).filter(
    (occurrence) => occurrence.skipped === undefined,
  );
  const guarding: Record<DesiredPower, number> = { running: 0, stopped: 0 };
  let checks = 0;
  let firstGuard: number | undefined;
  let last = -1;
  const start = Math.ceil(from.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let at = start; at < to.getTime(); at += MINUTE_MS) {
    if (localTimeAt(group.timezone, at).minute % every !== 0) continue;
    checks++;
    while (last + 1 < transitions.length && (transitions[last + 1]?.at.getTime() ?? Number.POSITIVE_INFINITY) <= at)
      last++;
    const since = transitions[last];
    if (since === undefined || at < since.at.getTime() + grace * MINUTE_MS) continue;
    // The function of the last transition's action keeps its state, if it enforces this group at all.
    if (!enforcesWith(group, since.action)) continue;
    guarding[STATE_AFTER[since.action]]++;
    firstGuard ??= at;
  }
  return {
    mode: group.enforce,
    everyMinutes: every,
    graceMinutes: grace,
    checks,
    guarding,
    ...(firstGuard === undefined ? {} : { firstGuard: formatLocalIso(group.timezone, firstGuard) }),
  };
}

/** One line for the plan: how many checks act, and how many hours that guards. */
export function renderEnforceCoverage(coverage: EnforceCoverage): string {
  const hours = (count: number) => `${Math.round((count * coverage.everyMinutes) / 6) / 10} h`;
  const kept =
    coverage.mode === "stop"
      ? `${hours(coverage.guarding.stopped)} kept stopped`
      : `${hours(coverage.guarding.stopped)} kept stopped, ${hours(coverage.guarding.running)} kept running`;
  const acting = coverage.guarding.stopped + coverage.guarding.running;
  const first = coverage.firstGuard === undefined ? "" : `; the first at ${coverage.firstGuard.replace("T", " ")}`;
  return `  enforce ${coverage.mode} every ${coverage.everyMinutes} min (grace ${coverage.graceMinutes} min): ${acting} of ${coverage.checks} checks in this window act on drift (${kept})${first}`;
}
