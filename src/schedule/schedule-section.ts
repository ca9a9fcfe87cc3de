/**
 * The config's `schedules:`: named schedules an owner opts an instance into by tagging it `powercron:schedule=<name>`.
 * A schedule takes every key of a group (group-schema.ts) but the instances' IDs and tags: it selects its instances by
 * its tag alone. Once checked, each becomes a ScheduleGroup of its own name that selects by that tag and knows it came
 * from a schedule, so triggers, ticks, plan, status, enforce mode and alerts treat it as a group with no second path.
 */
import { z } from "zod";
import { type CloudAccount, SCHEDULE_TAG, scheduleSelection } from "../domain/index.ts";
import type { Problems } from "../input/index.ts";
import { accountIssues } from "./accounts.ts";
import { checkGroupShapes, checkGroupValues, groupSchema, type ParsedGroup, toGroup } from "./group-schema.ts";
import type { ScheduleConfig, ScheduleGroup } from "./schedule-config.ts";

/** The group's keys a schedule has no use for: its instances are the ones tagged with its name. */
const GROUP_ONLY_KEYS = ["instanceIds", "tags"] as const;
type GroupOnlyKey = (typeof GROUP_ONLY_KEYS)[number];

function scheduleKeys(): Omit<typeof groupSchema.shape, GroupOnlyKey> {
  const { instanceIds: _instanceIds, tags: _tags, ...keys } = groupSchema.shape;
  return keys;
}

/** A group's key given to a schedule: refused with what a schedule selects by instead. */
const groupOnlyKey = z
  .undefined({
    error: `is a group's key, not a schedule's: a schedule's instances are the ones tagged ${SCHEDULE_TAG}=<its name> (select by other tags or IDs in a group)`,
  })
  .optional();

export const scheduleSchema = z
  .strictObject({ ...scheduleKeys(), ...Object.fromEntries(GROUP_ONLY_KEYS.map((key) => [key, groupOnlyKey])) })
  .superRefine(checkGroupValues);

export type ParsedSchedule = z.output<typeof scheduleSchema>;

/** The schedule as the group entry it stands for: selecting by `powercron:schedule=<name>`. */
function asGroupEntry(schedule: ParsedSchedule): ParsedGroup {
  return { ...schedule, tags: { ...scheduleSelection(schedule.name) } };
}

/** What a schedule lacks as a whole (a region, a start or stop), checked as a group's once the schema holds. */
export function checkScheduleShapes(schedules: readonly ParsedSchedule[], problems: Problems): void {
  checkGroupShapes(schedules.map(asGroupEntry), problems, "schedules");
}

/** The group a named schedule becomes, defaults filled in. */
export function scheduleToGroup(schedule: ParsedSchedule, declared: readonly CloudAccount[] = []): ScheduleGroup {
  return { ...toGroup(asGroupEntry(schedule), declared), namedSchedule: true };
}

type SectionIssue = { path: PropertyKey[]; message: string; input: unknown };

/**
 * Names are unique across groups and schedules (a fire, a trigger and a report name one or the other): a name given
 * twice is reported at its second place, naming the first (`schedules[0].name: is also the name of groups[2]`).
 */
export function nameIssues(
  groups: readonly { readonly name: string }[],
  schedules: readonly { readonly name: string }[],
): SectionIssue[] {
  const first = new Map<string, string>();
  const issues: SectionIssue[] = [];
  const entries = [
    ...groups.map((entry, index) => ({ section: "groups", index, name: entry.name })),
    ...schedules.map((entry, index) => ({ section: "schedules", index, name: entry.name })),
  ];
  for (const { section, index, name } of entries) {
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, `${section}[${index}]`);
    else issues.push({ path: [section, index, "name"], message: `is also the name of ${earlier}`, input: name });
  }
  return issues;
}

/**
 * Each schedule's `account`/`accounts` checked as a group's are (accounts.ts): only the issues of the schedules, at
 * their own paths (the accounts section's own issues are reported once, with the groups').
 */
export function scheduleAccountIssues(
  accounts: readonly CloudAccount[],
  schedules: readonly ParsedSchedule[],
): SectionIssue[] {
  return accountIssues(accounts, schedules)
    .filter((issue) => issue.path[0] === "groups")
    .map((issue) => ({
      ...issue,
      path: ["schedules", ...issue.path.slice(1)],
      message: issue.message.replace("the group's provider", "the schedule's provider"),
    }));
}

/** How plan and status name the group a schedule became: `schedule office-hours (by tag powercron:schedule)`. */
export function groupLabel(group: Pick<ScheduleGroup, "name" | "namedSchedule">): string {
  return group.namedSchedule ? `schedule ${group.name} (by tag ${SCHEDULE_TAG})` : group.name;
}

/** The names of the config's named schedules (a group's run notes a schedule tag naming none of them). */
export function scheduleNames(config: Pick<ScheduleConfig, "groups">): string[] {
  return config.groups.filter((group) => group.namedSchedule).map((group) => group.name);
}
