/** A crontab in words for `plan`: "last Friday of the month, 18:00 Europe/Berlin", "Mon-Fri, 08:00 Asia/Shanghai". */

import { compressList } from "./cron-fields.ts";
import type { Crontab } from "./cron-match.ts";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const SHORT_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ORDINALS = ["", "first", "second", "third", "fourth", "fifth"];

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

function dayOfMonthWords(cron: Crontab): string {
  if (cron.lastDayOfMonth) return "last day of the month";
  return `day ${compressList(cron.daysOfMonth, 1, 31)} of the month`;
}

function dayOfWeekWords(cron: Crontab): string {
  const rules = [
    ...cron.lastWeekdays.map((day) => `last ${DAYS[day]} of the month`),
    ...cron.nthWeekdays.map((rule) => `${ORDINALS[rule.nth]} ${DAYS[rule.dayOfWeek]} of the month`),
  ];
  if (rules.length > 0) return rules.join(" and ");
  if (cron.daysOfWeek.length === 1) return `every ${DAYS[cron.daysOfWeek[0] ?? 0]}`;
  return compressList(cron.daysOfWeek, 0, 6, (day) => SHORT_DAYS[day] ?? String(day));
}

function dayWords(cron: Crontab): string {
  if (cron.dayOfMonthRestricted && cron.dayOfWeekRestricted)
    return `${dayOfMonthWords(cron)} or ${dayOfWeekWords(cron)}`;
  if (cron.dayOfMonthRestricted) return dayOfMonthWords(cron);
  if (cron.dayOfWeekRestricted) return dayOfWeekWords(cron);
  return "every day";
}

function timeWords(cron: Crontab): string {
  const times = cron.hours.flatMap((hour) => cron.minutes.map((minute) => hour * 60 + minute));
  if (times.length <= 4) return times.map(hhmm).join(", ");
  return `${times.length} times a day, ${hhmm(times[0] ?? 0)} to ${hhmm(times[times.length - 1] ?? 0)}`;
}

export function describeCron(cron: Crontab, zone: string): string {
  const months = cron.monthRestricted
    ? ` in ${compressList(cron.months, 1, 12, (month) => MONTHS[month - 1] ?? String(month))}`
    : "";
  return `${dayWords(cron)}${months}, ${timeWords(cron)} ${zone}`;
}
