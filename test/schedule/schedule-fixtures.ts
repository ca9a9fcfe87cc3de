import { parseScheduleConfig, type ScheduleConfig, type ScheduleGroup } from "../../src/schedule/config.ts";

/** A config with one group built from the given YAML lines of the group (indentation of a list entry's body). */
export function configWith(groupYaml: string, extra = ""): ScheduleConfig {
  return parseScheduleConfig(`groups:\n  - ${groupYaml.trim().split("\n").join("\n    ")}\n${extra}`, "test.yaml");
}

/** A Tencent group by tags in `zone` with the given crons. */
export function groupIn(zone: string, crons: { start?: string; stop?: string }, more = ""): ScheduleConfig {
  const lines = [
    "name: g",
    "provider: tencent",
    "region: ap-shanghai",
    "tags: { env: test }",
    `timezone: ${zone}`,
    ...(crons.start ? [`start: "${crons.start}"`] : []),
    ...(crons.stop ? [`stop: "${crons.stop}"`] : []),
    ...(more ? more.trim().split("\n") : []),
  ];
  return configWith(lines.join("\n"));
}

export function onlyGroup(config: ScheduleConfig): ScheduleGroup {
  const group = config.groups[0];
  if (group === undefined) throw new Error("no group");
  return group;
}

export const utc = (iso: string) => new Date(iso);
