/**
 * Five-field crontab expressions (`minute hour day-of-month month day-of-week`), parsed and validated by cron-parser,
 * whose parsed fields give the sets. On top of crontab: `L` in day-of-month (the month's last day), `nL` in
 * day-of-week (the last weekday n of the month, `5L` = last Friday) and `n#k` (the k-th weekday n, `1#2` = second
 * Monday), which EventBridge Scheduler and SCF timers both accept. When both day fields are restricted (neither
 * starts with `*`), a day matches when either does (crond's rule). Refused: `W` (nearest weekday), `?`, a sixth field.
 *
 * cron-parser is used for the sets only, never for occurrences: it moves a missing local time forward, where
 * powercron's DST rule (occurrences.ts) skips it.
 */
import { CronExpressionParser } from "cron-parser";
import type { Crontab, NthWeekday } from "./cron-match.ts";

/** Thrown by parseCrontab with the reason; callers put the config path in front. */
export class CrontabSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CrontabSyntaxError";
  }
}

const FIELD_NAMES = ["minute", "hour", "day-of-month", "month", "day-of-week"] as const;

/** What cron-parser would accept but powercron does not translate, each with the reason. */
function refuseUnsupported(fields: readonly string[]): void {
  fields.forEach((field, index) => {
    const name = FIELD_NAMES[index] ?? "field";
    const bare = field.replace(
      /\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT)\b/gi,
      "",
    );
    if (/W/i.test(bare)) {
      throw new CrontabSyntaxError(
        `"W" (nearest weekday) is not supported: in ${name} "${field}"; name the days, or use L (last day of the month)`,
      );
    }
    if (bare.includes("?")) {
      throw new CrontabSyntaxError(`"?" is not crontab syntax: in ${name} "${field}"; write * instead`);
    }
    if (/L/i.test(bare) && index !== 2 && index !== 4) {
      throw new CrontabSyntaxError(`"L" is only for day-of-month and day-of-week: in ${name} "${field}"`);
    }
    if (bare.includes("#") && index !== 4) {
      throw new CrontabSyntaxError(`"#" is only for day-of-week: in ${name} "${field}"`);
    }
  });
  const dayOfMonth = fields[2] ?? "";
  if (/L/i.test(dayOfMonth) && dayOfMonth.toUpperCase() !== "L") {
    throw new CrontabSyntaxError(`day-of-month "${dayOfMonth}": L stands alone (the last day of the month)`);
  }
  const dayOfWeek = (fields[4] ?? "").toUpperCase();
  if (dayOfWeek === "L") {
    throw new CrontabSyntaxError(`day-of-week "L" is ambiguous: write 5L for the last Friday, or 6 for Saturdays`);
  }
  if (/[L#]/.test(dayOfWeek) && dayOfWeek.includes(",")) {
    throw new CrontabSyntaxError(
      `day-of-week "${fields[4]}": nL and n#k stand alone (one per expression, as both platforms' schedulers read them)`,
    );
  }
}

const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function dayNumber(text: string): number {
  const named = DAY_NAMES.indexOf(text.toUpperCase());
  return (named >= 0 ? named : Number(text)) % 7;
}

/** `hour field "25": ` for the first field cron-parser refuses on its own, to name it in the message. */
function failingField(fields: readonly string[]): string {
  for (const [index, field] of fields.entries()) {
    const alone = ["0", "0", "*", "*", "*"];
    alone[index] = field;
    try {
      CronExpressionParser.parse(alone.join(" "), { strict: false });
    } catch {
      return `${FIELD_NAMES[index]} field "${field}": `;
    }
  }
  return "";
}

/** Parses a 5-field crontab expression; throws CrontabSyntaxError with the reason. */
export function parseCrontab(expression: string): Crontab {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new CrontabSyntaxError(
      `has ${fields.length} fields; a crontab expression has 5 (minute hour day-of-month month day-of-week), such as "0 8 * * 1-5"`,
    );
  }
  refuseUnsupported(fields);
  let parsed: ReturnType<typeof CronExpressionParser.parse>;
  try {
    parsed = CronExpressionParser.parse(fields.join(" "), { strict: false });
  } catch (error) {
    throw new CrontabSyntaxError(`${failingField(fields)}${(error as Error).message}`);
  }
  const { minute, hour, dayOfMonth, month, dayOfWeek } = parsed.fields;
  const numbers = (values: readonly (number | string)[]) =>
    values.filter((value): value is number => typeof value === "number");
  const weekField = (fields[4] ?? "").toUpperCase();
  const lastWeekdays = (dayOfWeek.values as readonly (number | string)[])
    .filter((value): value is string => typeof value === "string" && value.endsWith("L"))
    .map((value) => dayNumber(value.slice(0, -1)));
  const nth = dayOfWeek.nthDay;
  const nthWeekdays: NthWeekday[] =
    nth > 0 ? numbers(dayOfWeek.values).map((day) => ({ dayOfWeek: day % 7, nth })) : [];
  if (nth > 5) throw new CrontabSyntaxError(`day-of-week "${fields[4]}": #${nth}, a month has at most 5 of a weekday`);
  return {
    source: fields.join(" "),
    minutes: numbers(minute.values),
    hours: numbers(hour.values),
    daysOfMonth: numbers(dayOfMonth.values),
    months: numbers(month.values),
    daysOfWeek:
      nth > 0 || weekField.includes("L")
        ? []
        : [...new Set(numbers(dayOfWeek.values).map((day) => day % 7))].sort((a, b) => a - b),
    lastDayOfMonth: dayOfMonth.values.includes("L"),
    lastWeekdays,
    nthWeekdays,
    dayOfMonthRestricted: !fields[2]?.startsWith("*"),
    dayOfWeekRestricted: !fields[4]?.startsWith("*"),
    monthRestricted: !fields[3]?.startsWith("*"),
  };
}
