/**
 * Where a group is written in the config, for warnings and errors: `groups[2]`, or `schedules[0]` for the group a
 * named schedule became (those follow the config's own groups in ScheduleConfig.groups, in the file's order).
 */
import type { ScheduleGroup } from "./schedule-config.ts";

export function configPlace(groups: readonly Pick<ScheduleGroup, "namedSchedule">[], index: number): string {
  if (groups[index]?.namedSchedule !== true) return `groups[${index}]`;
  const earlier = groups.slice(0, index).filter((group) => group.namedSchedule === true).length;
  return `schedules[${earlier}]`;
}
