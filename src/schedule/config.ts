/**
 * The schedule config (`config/schedules.yaml`) read and checked: its sections (groups, named schedules, accounts,
 * calendars, deploy, notify) validated with zod, every problem reported with its line and path (`schedules.yaml:12:5: groups[2] (web).stop:
 * ...`, an unknown key with the closest known one), then the checks across
 * sections (a calendar a group names, a name given twice). The shape it comes to is in schedule-config.ts.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { InvalidInputError } from "../errors.ts";
import { Problems } from "../input/index.ts";
import { notifySchema } from "../notify/channels.ts";
import { accountIssues, accountSchema } from "./accounts.ts";
import { calendarSchema } from "./calendar-schema.ts";
import { deploySectionSchema } from "./deploy-section.ts";
import { dstGapWarnings } from "./dst-warnings.ts";
import { checkGroupShapes, groupSchema, toGroup } from "./group-schema.ts";
import type { ScheduleConfig, ScheduleGroup } from "./schedule-config.ts";
import {
  checkScheduleShapes,
  nameIssues,
  scheduleAccountIssues,
  scheduleSchema,
  scheduleToGroup,
} from "./schedule-section.ts";
import { yamlSource } from "./yaml-source.ts";

export { DEFAULT_CONFIG_PATH } from "../settings/index.ts";
/** Also named here, where the trigger and tick files (leaving for src/platforms/) still import them from. */
export type { ScheduleConfig, ScheduleGroup } from "./schedule-config.ts";

const configSchema = z
  .strictObject({
    groups: z.array(groupSchema).default([]),
    schedules: z.array(scheduleSchema).default([]),
    accounts: z.array(accountSchema).default([]),
    calendars: z.record(z.string(), calendarSchema).default({}),
    deploy: deploySectionSchema,
    notify: notifySchema.optional(),
  })
  .superRefine((config, ctx) => {
    const issues = [
      ...accountIssues(config.accounts, config.groups),
      ...scheduleAccountIssues(config.accounts, config.schedules),
      ...nameIssues(config.groups, config.schedules),
    ];
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
    if (config.groups.length === 0 && config.schedules.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["groups"],
        message: "is empty, and so is schedules: give at least one group or named schedule",
        input: config.groups,
      });
    }
    const known = Object.keys(config.calendars);
    const sections = [
      ["groups", config.groups],
      ["schedules", config.schedules],
    ] as const;
    for (const [section, entries] of sections) {
      entries.forEach((entry, index) => {
        if (entry.calendar !== undefined && !Object.hasOwn(config.calendars, entry.calendar)) {
          ctx.addIssue({
            code: "custom",
            path: [section, index, "calendar"],
            message: `names no calendar (${known.length ? `known: ${known.join(", ")}` : "calendars is empty"})`,
            input: entry.calendar,
          });
        }
      });
    }
    for (const [name, calendar] of Object.entries(config.calendars)) {
      calendar.workdays.forEach((date, index) => {
        const holiday = calendar.holidays.find((h) => h.from <= date && date <= h.to);
        if (holiday) {
          ctx.addIssue({
            code: "custom",
            path: ["calendars", name, "workdays", index],
            message: `is also a holiday (${holiday.from}..${holiday.to})`,
            input: date,
          });
        }
      });
    }
  });

function yamlError(
  error: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] },
  source: string,
) {
  const position = error.linePos?.[0];
  const where = position ? `${source}:${position.line}:${position.col}` : source;
  return `${where}: ${error.message.split("\n")[0]}`;
}

/** Parses and validates a config's YAML (or JSON) text. Throws InvalidInputError listing every problem by path. */
export function parseScheduleConfig(text: string, source: string): ScheduleConfig {
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => yamlError(error as never, source));
    throw new InvalidInputError(`Invalid schedule config ${source}: not YAML:\n  - ${issues.join("\n  - ")}`, issues);
  }
  const problems = new Problems({}, yamlSource(document, lines, source));
  const parsed = problems.check(configSchema, document.toJS() ?? {}, "");
  if (parsed !== undefined) {
    checkGroupShapes(parsed.groups, problems);
    checkScheduleShapes(parsed.schedules, problems);
  }
  problems.throwIfAny(`schedule config ${source}`);
  if (parsed === undefined) throw new Error("parseScheduleConfig: no config and no problem recorded");
  const groups = [
    ...parsed.groups.map((group) => toGroup(group, parsed.accounts)),
    ...parsed.schedules.map((schedule) => scheduleToGroup(schedule, parsed.accounts)),
  ];
  const calendars = Object.fromEntries(
    Object.entries(parsed.calendars).map(([name, calendar]) => [
      name,
      { name, holidays: calendar.holidays, workdays: calendar.workdays },
    ]),
  );
  return {
    groups,
    calendars,
    deploy: parsed.deploy,
    ...(parsed.notify === undefined ? {} : { notify: parsed.notify }),
    accounts: parsed.accounts,
    warnings: dstGapWarnings(groups),
  };
}

/** Reads a config file; a relative path is taken from the process's working directory. */
export async function loadScheduleConfig(path: string): Promise<ScheduleConfig> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : String(code ?? error);
    throw new InvalidInputError(
      `schedule config ${path}: ${reason} (looked at ${absolute}; set POWER_CONFIG or --config to its path)`,
      [`${path}: ${reason}`],
      { cause: error },
    );
  }
  return parseScheduleConfig(text, path);
}

/** The group (or the group a named schedule became) of that name, or an InvalidInputError listing the known ones. */
export function findGroup(config: ScheduleConfig, name: string): ScheduleGroup {
  const group = config.groups.find((candidate) => candidate.name === name);
  if (group === undefined) {
    const known = config.groups.map((candidate) => candidate.name).join(", ");
    throw new InvalidInputError(`group: "${name}" is not in the schedule config (groups: ${known})`);
  }
  return group;
}
