/**
 * Five-field crontab expressions as Linux crond reads them: `minute hour day-of-month month day-of-week`, with `*`,
 * lists, ranges, steps and English names; day-of-week 0-7 with both 0 and 7 meaning Sunday. When both day fields
 * are restricted (neither starts with `*`), a day matches when either does. No `L`, `W`, `#` or `?`: those are not
 * crontab, and not every platform has them.
 */

export interface Crontab {
  readonly source: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0-6, Sunday first (a 7 in the expression is folded into 0). */
  readonly daysOfWeek: readonly number[];
  /** The field does not start with `*`. */
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
  readonly monthRestricted: boolean;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly nameBase?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
    nameBase: 1,
  },
  { name: "day-of-week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], nameBase: 0 },
];

/** Thrown by parseCrontab with the reason; callers put the config path in front. */
export class CrontabSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CrontabSyntaxError";
  }
}

function parseValue(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(text)) throw new CrontabSyntaxError(`${spec.name} field: "${text}" is not a number or a name`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new CrontabSyntaxError(`${spec.name} field: ${value} is out of range (${spec.min}-${spec.max})`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec): number[] {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    if (item === "") throw new CrontabSyntaxError(`${spec.name} field: empty list entry in "${text}"`);
    const [rangeText = "", stepText, extra] = item.split("/");
    if (extra !== undefined) throw new CrontabSyntaxError(`${spec.name} field: "${item}" has two steps`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        throw new CrontabSyntaxError(`${spec.name} field: step "${stepText}" is not a positive whole number`);
      }
      step = Number(stepText);
    }
    let low: number;
    let high: number;
    if (rangeText === "*") {
      low = spec.min;
      high = spec.name === "day-of-week" ? 6 : spec.max;
    } else if (rangeText.includes("-")) {
      const [lowText = "", highText = "", more] = rangeText.split("-");
      if (more !== undefined) throw new CrontabSyntaxError(`${spec.name} field: "${rangeText}" is not a range`);
      low = parseValue(lowText, spec);
      high = parseValue(highText, spec);
      if (high < low) throw new CrontabSyntaxError(`${spec.name} field: range "${rangeText}" runs backwards`);
    } else {
      low = parseValue(rangeText, spec);
      high = stepText === undefined ? low : spec.name === "day-of-week" ? 6 : spec.max;
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

/** Parses a 5-field crontab expression; throws CrontabSyntaxError with the reason. */
export function parseCrontab(expression: string): Crontab {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new CrontabSyntaxError(
      `has ${fields.length} fields; a crontab expression has 5 (minute hour day-of-month month day-of-week), such as "0 8 * * 1-5"`,
    );
  }
  for (const field of fields) {
    const odd = /[?LW#]/i.exec(field.replace(/[A-Z]{3}/gi, ""));
    if (odd) throw new CrontabSyntaxError(`"${odd[0]}" is not crontab syntax (no ? L W #): in "${field}"`);
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.map((field, index) =>
    parseField(field, FIELDS[index] as FieldSpec),
  ) as [number[], number[], number[], number[], number[]];
  return {
    source: fields.join(" "),
    minutes: minute,
    hours: hour,
    daysOfMonth: dayOfMonth,
    months: month,
    daysOfWeek: [...new Set(dayOfWeek.map((day) => day % 7))].sort((a, b) => a - b),
    dayOfMonthRestricted: !fields[2]?.startsWith("*"),
    dayOfWeekRestricted: !fields[4]?.startsWith("*"),
    monthRestricted: !fields[3]?.startsWith("*"),
  };
}

/** Whether the cron's day fields take in this local date (crond's rule: either day field, when both are restricted). */
export function matchesDay(cron: Crontab, date: { month: number; day: number; dayOfWeek: number }): boolean {
  if (!cron.months.includes(date.month)) return false;
  const domMatch = cron.daysOfMonth.includes(date.day);
  const dowMatch = cron.daysOfWeek.includes(date.dayOfWeek);
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) return domMatch || dowMatch;
  return domMatch && dowMatch;
}

/** Every time of day the cron fires at, in minutes after midnight, in order. */
export function timesOfDay(cron: Crontab): number[] {
  return cron.hours.flatMap((hour) => cron.minutes.map((minute) => hour * 60 + minute));
}
