/**
 * Load-time warnings about starts and stops whose local time does not exist on a spring-forward day: by the rule
 * powercron shares with EventBridge Scheduler, such an occurrence is skipped.
 */

import { configPlace } from "./config-place.ts";
import { matchesDay, timesOfDay } from "./cron-match.ts";
import type { ScheduleGroup } from "./schedule-config.ts";
import { formatDate, localTimeAt, transitionsInSpan } from "./zone.ts";

/**
 * The span whose time-zone rules are checked when nobody says otherwise: zone rules change rarely and are published
 * ahead, so a fixed span keeps the logic free of the wall clock. Callers with a clock pass their own.
 */
export const DEFAULT_RULES_SPAN = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2028, 0, 1) } as const;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

export function dstGapWarnings(
  groups: readonly ScheduleGroup[],
  span: { from: number; to: number } = DEFAULT_RULES_SPAN,
): string[] {
  const warnings: string[] = [];
  groups.forEach((group, index) => {
    if (!group.enabled) return;
    const forward = transitionsInSpan(group.timezone, span.from, span.to).filter((t) => t.offsetAfter > t.offsetBefore);
    for (const action of ["start", "stop"] as const) {
      const cron = group[action];
      if (cron === undefined) continue;
      const hit = forward.flatMap((transition) => {
        // The wall clock reads `gapStart` when it jumps ahead by the difference of the offsets.
        const gapStartLocal = localTimeAt("UTC", transition.at + transition.offsetBefore * 60_000);
        const gapStart = gapStartLocal.hour * 60 + gapStartLocal.minute;
        const gapEnd = gapStart + transition.offsetAfter - transition.offsetBefore;
        const inGap = timesOfDay(cron).filter((minutes) => minutes >= gapStart && minutes < gapEnd);
        return inGap.length > 0 && matchesDay(cron, gapStartLocal)
          ? [{ date: formatDate(gapStartLocal), gap: `${hhmm(gapStart)}-${hhmm(gapEnd)}`, time: hhmm(inGap[0] ?? 0) }]
          : [];
      });
      const first = hit[0];
      if (first === undefined) continue;
      warnings.push(
        `${configPlace(groups, index)}.${action}: "${cron.source}" (${group.name}) can fall into the daylight-saving gap of ${group.timezone}: ` +
          `${first.time} does not exist on ${first.date} (clocks skip ${first.gap}), so that ${action} is skipped` +
          `${hit.length > 1 ? ` (and on ${hit.length - 1} more day${hit.length === 2 ? "" : "s"} by ${formatDate(localTimeAt("UTC", span.to - 1))})` : ""}`,
      );
    }
  });
  return warnings;
}
