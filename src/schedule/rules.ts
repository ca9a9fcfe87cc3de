/**
 * The schedule's light entry: the occurrence rule and the guard over plain data (crontabs as lists of values,
 * calendars, IANA zones through Intl), without the config reader (YAML, zod) or the crontab parser (cron-parser). What
 * the SCF tick front loads; every other importer takes index.ts.
 */
export type { Calendar } from "./calendar.ts";
export { type Crontab, timesOfDay } from "./cron-match.ts";
export { atScheduledTimeOfDay, checkScheduledFire, DEFAULT_TOLERANCE_MS } from "./guard.ts";
export type { OccurrenceRule } from "./occurrences.ts";
export { localTimeAt, withZoneTables, type ZoneTable } from "./zone.ts";
