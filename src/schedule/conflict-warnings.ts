/**
 * Warnings about two groups that can select the same instance while one starts it and the other stops it in the
 * same minute: whichever call lands last decides, and the outcome can differ from one day to the next. Shown by
 * `powercron plan` and `powercron triggers`; not computed when a function loads its config (a cold start does not
 * need them).
 *
 * "Can select the same instance" is what the config alone can tell: the same instance ID in both, or two tag sets
 * that one instance can carry together (no key with two different values), in a region both name, on the same cloud
 * and account. A group by IDs and another by tags may well overlap too, but only a describe could tell.
 */

import { configPlace } from "./config-place.ts";
import { DEFAULT_RULES_SPAN } from "./dst-warnings.ts";
import { calendarOf, occurrencesBetween } from "./occurrences.ts";
import type { ScheduleConfig, ScheduleGroup } from "./schedule-config.ts";

const MINUTE_MS = 60_000;

/** What the two groups can both select, in words; undefined when they cannot select the same instance. */
export function sharedSelection(a: ScheduleGroup, b: ScheduleGroup): string | undefined {
  if (a.provider !== b.provider) return undefined;
  // The function's own account is "" here: two groups meet where they share an account (or both use their own).
  // Groups whose accounts come from their organisation meet each other there (their members are known at fire time).
  const accountsOf = (group: ScheduleGroup) =>
    group.accounts ?? (group.organization === undefined ? [""] : ["organisation members"]);
  const accounts = accountsOf(a).filter((account) => accountsOf(b).includes(account));
  if (accounts.length === 0) return undefined;
  const regions = a.regions.filter((region) => b.regions.includes(region));
  if (regions.length === 0) return undefined;
  const named = accounts.filter((account) => account !== "");
  const where = `${a.provider} ${regions.join(", ")}${named.length === 0 ? "" : ` (account ${named.join(", ")})`}`;
  const ids = a.instanceIds.filter((id) => b.instanceIds.includes(id));
  if (ids.length > 0) {
    const shown = ids.slice(0, 3).join(", ");
    return `instance ${shown}${ids.length > 3 ? ` and ${ids.length - 3} more` : ""} in ${where}`;
  }
  const aTags = Object.entries(a.tags);
  const bTags = Object.entries(b.tags);
  if (aTags.length === 0 || bTags.length === 0) return undefined;
  const compatible = aTags.every(([key, value]) => !Object.hasOwn(b.tags, key) || b.tags[key] === value);
  if (!compatible) return undefined;
  const words = (tags: [string, string][]) => tags.map(([key, value]) => `${key}=${value}`).join(",");
  return `an instance tagged ${words(aTags)} and ${words(bTags)} in ${where}`;
}

/** The minutes (UTC, ms) in the span at which the group's action really fires (skipped occurrences left out). */
function firingMinutes(
  group: ScheduleGroup,
  action: "start" | "stop",
  span: { from: number; to: number },
  config: Pick<ScheduleConfig, "calendars">,
): Set<number> {
  const occurrences = occurrencesBetween(
    group,
    action,
    new Date(span.from),
    new Date(span.to),
    calendarOf(group, config),
  );
  return new Set(occurrences.filter((o) => o.skipped === undefined).map((o) => Math.floor(o.at.getTime() / MINUTE_MS)));
}

export function conflictWarnings(
  config: Pick<ScheduleConfig, "groups" | "calendars">,
  span: { from: number; to: number } = DEFAULT_RULES_SPAN,
): string[] {
  const groups = config.groups.map((group, index) => ({ group, index })).filter(({ group }) => group.enabled);
  const minutes = new Map<string, Set<number>>();
  const firing = (entry: { group: ScheduleGroup; index: number }, action: "start" | "stop") => {
    const key = `${entry.index}:${action}`;
    let set = minutes.get(key);
    if (!set) {
      set = firingMinutes(entry.group, action, span, config);
      minutes.set(key, set);
    }
    return set;
  };
  const warnings: string[] = [];
  for (const [i, a] of groups.entries()) {
    for (const b of groups.slice(i)) {
      const shared = a === b ? "its own instances" : sharedSelection(a.group, b.group);
      if (shared === undefined) continue;
      const clashes = [
        ...[...firing(a, "start")].filter((minute) => firing(b, "stop").has(minute)),
        ...(a === b ? [] : [...firing(a, "stop")].filter((minute) => firing(b, "start").has(minute))),
      ].sort((x, y) => x - y);
      const first = clashes[0];
      if (first === undefined) continue;
      const who =
        a === b
          ? `${configPlace(config.groups, a.index)} (${a.group.name}) starts and stops ${shared}`
          : `${configPlace(config.groups, a.index)} (${a.group.name}) and ${configPlace(config.groups, b.index)} (${b.group.name}) can both select ${shared}, and one starts it while the other stops it`;
      const when = new Date(first * MINUTE_MS).toISOString().slice(0, 16).replace("T", " ");
      const more =
        clashes.length > 1
          ? ` (and ${clashes.length - 1} more minute${clashes.length === 2 ? "" : "s"} by ${new Date(span.to - 1).toISOString().slice(0, 10)})`
          : "";
      warnings.push(
        `${who} in the same minute, first at ${when} UTC${more}: whichever call lands last decides; move one of them by a minute or make the selections disjoint`,
      );
    }
  }
  return warnings;
}
