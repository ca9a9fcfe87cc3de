import { parseScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";

/** 12 zones: whole, half and quarter hours; DST north and south; none. */
const ZONES = [
  "Asia/Shanghai",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Sydney",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Europe/London",
  "America/Los_Angeles",
  "Pacific/Auckland",
  "Australia/Adelaide",
  "America/St_Johns",
];
/** Office hours, DST-gap and repeated times, month-day rules, a calendar. */
const SCHEDULES = [
  { start: "0 8 * * 1-5", stop: "0 19 * * 1-5" },
  { start: "30 7 * * 1-5", stop: "30 2 * * *" },
  { start: "0 9 * * 1#1", stop: "0 18 * * 5L" },
  { start: "15 6 * * *", stop: "0 20 L * *" },
  { start: "0 9 * * 1-5", stop: "45 21 * * 1-5", calendar: "office" },
];

/** 40 groups on SCF in 12 zones, five schedules (office hours, DST-gap and repeated times, month-day rules, a calendar). */
export function fleetConfig(): ScheduleConfig {
  const groups = Array.from({ length: 40 }, (_, index) => {
    const schedule = SCHEDULES[index % SCHEDULES.length] ?? { start: "0 8 * * *", stop: "0 20 * * *" };
    const calendar = "calendar" in schedule ? `, calendar: ${schedule.calendar}` : "";
    return `  - { name: g${index}, provider: tencent, region: ap-shanghai, instanceIds: [ins-${String(index).padStart(8, "0")}], timezone: ${ZONES[index % ZONES.length]}, start: "${schedule.start}", stop: "${schedule.stop}"${calendar} }`;
  });
  return parseScheduleConfig(
    `groups:\n${groups.join("\n")}\ncalendars:\n  office:\n    holidays: [2026-01-01, 2026-10-01..2026-10-07, 2026-12-25]\n    workdays: [2026-10-10]\n`,
    "fleet.yaml",
  );
}
