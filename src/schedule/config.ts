/**
 * The schedule config (`config/schedules.yaml`): groups of instances with a start and/or stop crontab in a time zone,
 * holiday calendars, and deploy settings. Validated with zod; every problem is reported with its path
 * (`groups[2].stop: ...`).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import type { CloudAccount } from "../domain/index.ts";
import { type PowerOptions, PROVIDERS, type ProviderName, type Tags } from "../domain/index.ts";
import { InvalidInputError } from "../errors.ts";
import { groupNameSchema, optionsSchema, PROVIDER_FORMATS, Problems, tagsSchema } from "../input/index.ts";
import { type NotifyConfig, notifySchema } from "../notify/index.ts";
import { accountIssues, accountNameSchema, accountSchema } from "./accounts.ts";
import type { Calendar, Holiday } from "./calendar.ts";
import { type Crontab, CrontabSyntaxError, parseCrontab } from "./crontab.ts";
import { DEFAULT_ENFORCE_EVERY_MINUTES, DEFAULT_ENFORCE_GRACE_MINUTES } from "./desired-state.ts";
import { dstGapWarnings } from "./dst-warnings.ts";
import { isValidZone } from "./zone.ts";

export { DEFAULT_CONFIG_PATH } from "../settings/index.ts";

/** Where a group's triggers are deployed: SCF timers (default for Tencent groups) or EventBridge Scheduler (AWS). */
export const PLATFORMS = ["scf", "aws"] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface ScheduleGroup {
  readonly name: string;
  readonly description?: string;
  readonly provider: ProviderName;
  readonly regions: readonly string[];
  readonly instanceIds: readonly string[];
  readonly tags: Tags;
  readonly start?: Crontab;
  readonly stop?: Crontab;
  /** IANA zone the crons and the calendar's dates are read in. */
  readonly timezone: string;
  readonly calendar?: string;
  readonly options: Partial<PowerOptions>;
  readonly enabled: boolean;
  /** Price of one instance-hour (or of one group-hour when the instance count is unknown), for savings figures. */
  readonly hourlyPrice?: number;
  readonly currency?: string;
  /** Instances in the group, for savings: the IDs' count when the group names only IDs, else this estimate. */
  readonly instanceCount?: number;
  readonly platform: Platform;
  /** Enforce mode: `stop` keeps the instances off when the schedule says stopped; `both` also on when it says running. */
  readonly enforce?: EnforceMode;
  /** Minutes between enforce checks (divides 60); set when `enforce` is. */
  readonly enforceEvery?: number;
  /** Minutes after a scheduled transition during which enforcement does nothing; set when `enforce` is. */
  readonly enforceGrace?: number;
  /** The config's account whose role reaches the instances (`accounts[].name`); absent = the function's own. */
  readonly account?: string;
}

export const ENFORCE_MODES = ["stop", "both"] as const;
export type EnforceMode = (typeof ENFORCE_MODES)[number];
/** The enforce intervals, in minutes: each divides the hour, so a tick's minutes are the same every hour. */
export const ENFORCE_EVERY_MINUTES = [5, 10, 15, 20, 30, 60] as const;

export interface ScfDeploySettings {
  readonly region: string;
  readonly namespace: string;
  readonly runtime: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly role?: string;
  /** The zone SCF timer crons are read in (the platform's is unconfirmed; widely reported as UTC+8). */
  readonly triggerTimezone: string;
  readonly environment: Readonly<Record<string, string>>;
}

export interface AwsDeploySettings {
  readonly region: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly managementTag: { readonly key: string; readonly value: string };
  readonly kmsKeyArns: readonly string[];
  readonly logRetentionDays: number;
  readonly environment: Readonly<Record<string, string>>;
}

export interface ScheduleConfig {
  readonly groups: readonly ScheduleGroup[];
  /** Other accounts, reached by assuming their role (`accounts:`); empty when the config has none. */
  readonly accounts: readonly CloudAccount[];
  readonly calendars: Readonly<Record<string, Calendar>>;
  readonly deploy: { readonly scf: ScfDeploySettings; readonly aws: AwsDeploySettings };
  /** Alert channels (src/notify/): where a failed run, a misfire or (if asked) a success is told. */
  readonly notify?: NotifyConfig;
  /** Things that load but deserve a look: a start or stop that can fall into a DST gap. */
  readonly warnings: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Schema

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const dateSchema = z.string().refine(isRealDate, { error: "is not a date (YYYY-MM-DD)" });

const holidaySchema = z.union(
  [
    dateSchema.transform((date): Holiday => ({ from: date, to: date })),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/)
      .transform((text, ctx): Holiday => {
        const [from = "", to = ""] = text.split("..");
        if (!isRealDate(from) || !isRealDate(to) || to < from) {
          ctx.addIssue({
            code: "custom",
            message: "is not a date range (YYYY-MM-DD..YYYY-MM-DD, in order)",
            input: text,
          });
          return z.NEVER;
        }
        return { from, to };
      }),
    z
      .strictObject({ from: dateSchema, to: dateSchema.optional(), name: z.string().optional() })
      .transform((value, ctx): Holiday => {
        const to = value.to ?? value.from;
        if (to < value.from) {
          ctx.addIssue({ code: "custom", message: "ends before it begins", input: value });
          return z.NEVER;
        }
        return { from: value.from, to, ...(value.name === undefined ? {} : { name: value.name }) };
      }),
  ],
  { error: "is not a date, a range YYYY-MM-DD..YYYY-MM-DD, or {from, to, name}" },
);

const calendarSchema = z.strictObject({
  description: z.string().optional(),
  holidays: z.array(holidaySchema).default([]),
  workdays: z.array(dateSchema).default([]),
});

const zoneSchema = z.string().refine(isValidZone, { error: "is not an IANA time zone (such as Asia/Shanghai)" });

const crontabSchema = z.string().transform((text, ctx) => {
  try {
    return parseCrontab(text);
  } catch (error) {
    if (!(error instanceof CrontabSyntaxError)) throw error;
    ctx.addIssue({ code: "custom", message: `is not a crontab expression: ${error.message}`, input: text });
    return z.NEVER;
  }
});

const groupSchema = z
  .strictObject({
    name: groupNameSchema,
    description: z.string().optional(),
    provider: z.enum(PROVIDERS),
    region: z.string().optional(),
    regions: z.array(z.string()).min(1).optional(),
    instanceIds: z.array(z.string()).optional(),
    tags: tagsSchema.optional(),
    start: crontabSchema.optional(),
    stop: crontabSchema.optional(),
    timezone: zoneSchema,
    calendar: z.string().optional(),
    options: optionsSchema.optional(),
    enabled: z.boolean().default(true),
    hourlyPrice: z.number().nonnegative().optional(),
    currency: z.string().optional(),
    instanceCount: z.int().positive().optional(),
    platform: z.enum(PLATFORMS).optional(),
    enforce: z
      .union([z.literal(false), z.enum(ENFORCE_MODES)], { error: 'is not false, "stop" or "both"' })
      .default(false),
    enforceEvery: z
      .int()
      .refine((minutes) => (ENFORCE_EVERY_MINUTES as readonly number[]).includes(minutes), {
        error: `is not an enforce interval in minutes (${ENFORCE_EVERY_MINUTES.join(", ")})`,
      })
      .optional(),
    enforceGrace: z.int().min(0).max(120).optional(),
    account: accountNameSchema.optional(),
  })
  .superRefine((group, ctx) => {
    const issue = (path: PropertyKey[], message: string, input?: unknown) =>
      ctx.addIssue({ code: "custom", path, message, input });
    const format = PROVIDER_FORMATS[group.provider];
    const regions = group.region !== undefined ? [["region"], group.region] : undefined;
    for (const [path, value] of regions
      ? [regions as [PropertyKey[], string]]
      : (group.regions ?? []).map((region, index) => [["regions", index], region] as [PropertyKey[], string])) {
      const result = format.region.safeParse(value);
      if (!result.success) issue(path, result.error.issues[0]?.message ?? "is not a region", value);
    }
    (group.instanceIds ?? []).forEach((id, index) => {
      const result = format.instanceId.safeParse(id);
      if (!result.success) issue(["instanceIds", index], result.error.issues[0]?.message ?? "bad ID", id);
    });
    if ((group.instanceIds ?? []).length > 0 && (group.regions?.length ?? 1) > 1) {
      issue(["regions"], "lists several regions, but instance IDs belong to one: give region", group.regions);
    }
    for (const key of ["enforceEvery", "enforceGrace"] as const) {
      if (group[key] !== undefined && group.enforce === false) {
        issue([key], 'is set, but enforce is false: set enforce to "stop" or "both", or remove it', group[key]);
      }
    }
  });

const scfDeploySchema = z.strictObject({
  region: z
    .string()
    .regex(/^(ap|na|eu|sa|me)-[a-z]+(-[a-z]+)?$/, { error: "is not a Tencent region" })
    .default("ap-guangzhou"),
  namespace: z.string().min(1).default("default"),
  runtime: z.string().min(1).default("Nodejs18.15"),
  memoryMb: z.int().min(64).max(3072).default(128),
  timeoutSeconds: z.int().min(1).max(900).default(300),
  role: z.string().min(1).optional(),
  triggerTimezone: zoneSchema.default("Asia/Shanghai"),
  environment: z.record(z.string(), z.string()).default({}),
});

const awsDeploySchema = z.strictObject({
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/, { error: "is not an AWS region" })
    .default("us-east-1"),
  memoryMb: z.int().min(128).max(10240).default(256),
  timeoutSeconds: z.int().min(1).max(900).default(300),
  managementTag: z
    .strictObject({ key: z.string().min(1), value: z.string() })
    .default({ key: "powercron:managed", value: "true" }),
  kmsKeyArns: z.array(z.string().startsWith("arn:", { error: "is not an ARN" })).default([]),
  logRetentionDays: z.int().positive().default(14),
  environment: z.record(z.string(), z.string()).default({}),
});

const configSchema = z
  .strictObject({
    groups: z.array(groupSchema).min(1),
    accounts: z.array(accountSchema).default([]),
    calendars: z.record(z.string(), calendarSchema).default({}),
    deploy: z.strictObject({ scf: scfDeploySchema.prefault({}), aws: awsDeploySchema.prefault({}) }).prefault({}),
    notify: notifySchema.optional(),
  })
  .superRefine((config, ctx) => {
    for (const issue of accountIssues(config.accounts, config.groups)) ctx.addIssue({ code: "custom", ...issue });
    const firstIndex = new Map<string, number>();
    config.groups.forEach((group, index) => {
      const first = firstIndex.get(group.name);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["groups", index, "name"],
          message: `is also the name of groups[${first}]`,
          input: group.name,
        });
      } else firstIndex.set(group.name, index);
      if (group.calendar !== undefined && !Object.hasOwn(config.calendars, group.calendar)) {
        const known = Object.keys(config.calendars);
        ctx.addIssue({
          code: "custom",
          path: ["groups", index, "calendar"],
          message: `names no calendar (${known.length ? `known: ${known.join(", ")}` : "calendars is empty"})`,
          input: group.calendar,
        });
      }
    });
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

type ParsedConfig = z.output<typeof configSchema>;

/** What a group lacks as a whole (no value to show): checked once the schema holds. */
function checkGroupShapes(parsed: ParsedConfig, problems: Problems): void {
  parsed.groups.forEach((group, index) => {
    const path = `groups[${index}]`;
    if (group.region !== undefined && group.regions !== undefined)
      problems.add(path, "give region or regions, not both");
    if (group.region === undefined && group.regions === undefined)
      problems.add(`${path}.region`, "missing (or give regions)");
    const hasTags = group.tags !== undefined && Object.keys(group.tags).length > 0;
    if ((group.instanceIds ?? []).length === 0 && !hasTags) {
      problems.add(path, "names no instances: give instanceIds and/or tags");
    }
    if (group.start === undefined && group.stop === undefined) {
      problems.add(path, "has neither start nor stop: give at least one crontab expression");
    }
  });
}

function toGroup(group: ParsedConfig["groups"][number]): ScheduleGroup {
  const instanceIds = group.instanceIds ?? [];
  const tags = group.tags ?? {};
  const idsOnly = instanceIds.length > 0 && Object.keys(tags).length === 0;
  const instanceCount = group.instanceCount ?? (idsOnly ? instanceIds.length : undefined);
  return {
    name: group.name,
    ...(group.description === undefined ? {} : { description: group.description }),
    provider: group.provider,
    regions: group.regions ?? (group.region === undefined ? [] : [group.region]),
    instanceIds,
    tags,
    ...(group.start === undefined ? {} : { start: group.start }),
    ...(group.stop === undefined ? {} : { stop: group.stop }),
    timezone: group.timezone,
    ...(group.calendar === undefined ? {} : { calendar: group.calendar }),
    options: Object.fromEntries(Object.entries(group.options ?? {}).filter(([, value]) => value !== undefined)),
    enabled: group.enabled,
    ...(group.hourlyPrice === undefined ? {} : { hourlyPrice: group.hourlyPrice }),
    ...(group.currency === undefined ? {} : { currency: group.currency }),
    ...(instanceCount === undefined ? {} : { instanceCount }),
    platform: group.platform ?? (group.provider === "tencent" ? "scf" : "aws"),
    ...(group.enforce === false
      ? {}
      : {
          enforce: group.enforce,
          enforceEvery: group.enforceEvery ?? DEFAULT_ENFORCE_EVERY_MINUTES,
          enforceGrace: group.enforceGrace ?? DEFAULT_ENFORCE_GRACE_MINUTES,
        }),
    ...(group.account === undefined ? {} : { account: group.account }),
  };
}

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
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => yamlError(error as never, source));
    throw new InvalidInputError(`Invalid schedule config ${source}: not YAML:\n  - ${issues.join("\n  - ")}`, issues);
  }
  const problems = new Problems({});
  const parsed = problems.check(configSchema, document.toJS() ?? {}, "");
  if (parsed !== undefined) checkGroupShapes(parsed, problems);
  problems.throwIfAny(`schedule config ${source}`);
  if (parsed === undefined) throw new Error("parseScheduleConfig: no config and no problem recorded");
  const groups = parsed.groups.map(toGroup);
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

/** The group of that name, or an InvalidInputError listing the known ones. */
export function findGroup(config: ScheduleConfig, name: string): ScheduleGroup {
  const group = config.groups.find((candidate) => candidate.name === name);
  if (group === undefined) {
    const known = config.groups.map((candidate) => candidate.name).join(", ");
    throw new InvalidInputError(`group: "${name}" is not in the schedule config (groups: ${known})`);
  }
  return group;
}
