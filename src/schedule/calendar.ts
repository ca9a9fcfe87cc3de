/**
 * Holiday calendars: dates and date ranges on which a group's start is skipped, and extra working dates (China's
 * make-up Saturdays, 调休) on which its start and stop run although the cron's weekdays leave the day out. Dates are
 * plain `YYYY-MM-DD` local dates, read in each group's own time zone.
 */

export interface Holiday {
  /** First and last local date, inclusive (`YYYY-MM-DD`; they compare as strings). */
  readonly from: string;
  readonly to: string;
  readonly name?: string;
}

export interface Calendar {
  readonly name: string;
  readonly holidays: readonly Holiday[];
  readonly workdays: readonly string[];
}

/** The holiday that takes in this local date, if any. */
export function holidayOn(calendar: Calendar | undefined, date: string): Holiday | undefined {
  return calendar?.holidays.find((holiday) => holiday.from <= date && date <= holiday.to);
}

export function isExtraWorkday(calendar: Calendar | undefined, date: string): boolean {
  return calendar?.workdays.includes(date) ?? false;
}

/** `2026-10-01..2026-10-07 (National Day)`, for messages. */
export function describeHoliday(holiday: Holiday): string {
  const dates = holiday.from === holiday.to ? holiday.from : `${holiday.from}..${holiday.to}`;
  return holiday.name === undefined ? dates : `${dates} (${holiday.name})`;
}
