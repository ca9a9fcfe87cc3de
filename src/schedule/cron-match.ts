/**
 * A parsed crontab as plain data (the fields as lists of values) and what the occurrence engine asks of it: does it
 * take in a date, at which times of the day. No parser here (crontab.ts parses with cron-parser): the SCF tick front
 * reads crontabs compiled at build time and never loads cron-parser.
 */

/** The k-th weekday of the month (`1#2`: the second Monday). */
export interface NthWeekday {
  /** 0-6, Sunday first. */
  readonly dayOfWeek: number;
  /** 1-5. */
  readonly nth: number;
}

export interface Crontab {
  readonly source: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  /** Plain days of the month (1-31); `L` is `lastDayOfMonth`. */
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0-6, Sunday first (a 7 in the expression is folded into 0); `nL` and `n#k` are kept apart. */
  readonly daysOfWeek: readonly number[];
  /** `L` in day-of-month. */
  readonly lastDayOfMonth: boolean;
  /** `nL` in day-of-week: the last such weekday of the month (0-6). */
  readonly lastWeekdays: readonly number[];
  /** `n#k` in day-of-week. */
  readonly nthWeekdays: readonly NthWeekday[];
  /** The field does not start with `*`. */
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
  readonly monthRestricted: boolean;
}

/** Whether the expression uses a month-day rule (`L`, `nL`, `n#k`). */
export function hasMonthDayRule(cron: Crontab): boolean {
  return cron.lastDayOfMonth || cron.lastWeekdays.length > 0 || cron.nthWeekdays.length > 0;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether the cron's day fields take in this local date (crond's rule: either day field, when both are restricted). */
export function matchesDay(
  cron: Crontab,
  date: { year: number; month: number; day: number; dayOfWeek: number },
): boolean {
  if (!cron.months.includes(date.month)) return false;
  const last = daysInMonth(date.year, date.month);
  const domMatch = cron.daysOfMonth.includes(date.day) || (cron.lastDayOfMonth && date.day === last);
  const dowMatch =
    cron.daysOfWeek.includes(date.dayOfWeek) ||
    (cron.lastWeekdays.includes(date.dayOfWeek) && date.day + 7 > last) ||
    cron.nthWeekdays.some((rule) => rule.dayOfWeek === date.dayOfWeek && Math.ceil(date.day / 7) === rule.nth);
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted) return domMatch || dowMatch;
  return domMatch && dowMatch;
}

/** Every time of day the cron fires at, in minutes after midnight, in order. */
export function timesOfDay(cron: Crontab): number[] {
  return cron.hours.flatMap((hour) => cron.minutes.map((minute) => hour * 60 + minute)).sort((a, b) => a - b);
}
