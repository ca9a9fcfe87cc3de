import { InvalidInputError } from "../errors.ts";
import type { ScheduleConfig, ScheduleGroup } from "../schedule/index.ts";

/** The groups `--group NAME` selects (every group without it); an unknown name is refused naming the flag. */
export function groupsOption(config: ScheduleConfig, name: string | undefined): readonly ScheduleGroup[] {
  if (name === undefined) return config.groups;
  const group = config.groups.find((candidate) => candidate.name === name);
  if (group === undefined) {
    const known = config.groups.map((candidate) => candidate.name).join(", ");
    throw new InvalidInputError(`--group: "${name}" is not a group of the schedule config (groups: ${known})`);
  }
  return [group];
}
