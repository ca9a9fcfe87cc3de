/** `powercron plan` as text: occurrence lists, the weekly on/off grid; the table the platforms print triggers in. */
import type { ScheduleGroup } from "./config.ts";
import { describeCron } from "./cron-words.ts";
import type { Occurrence } from "./occurrences.ts";
import { organizationWords } from "./organization-source.ts";
import { groupLabel } from "./schedule-section.ts";
import type { Cell, WeekPlan } from "./week-plan.ts";

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const CELL: Record<Cell, string> = { on: "█", off: "·", partial: "▌", none: " " };

/** The JSON form of an occurrence: `at` in UTC, `local` with the group's offset, `skipped` null or why. */
export function occurrenceJson(occurrence: Occurrence) {
  return {
    group: occurrence.group,
    action: occurrence.action,
    at: occurrence.at.toISOString(),
    local: occurrence.local,
    reason: occurrence.reason,
    skipped: occurrence.skipped ?? null,
  };
}

function weekday(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  return DAY_NAMES[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? "";
}

function money(amount: number): string {
  return amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function renderGroupHeader(group: ScheduleGroup): string {
  // Another account's group names it; the function's own account is left unsaid.
  const accounts = group.accounts ?? [];
  const account = accounts.length === 0 ? "" : ` account${accounts.length === 1 ? "" : "s"} ${accounts.join(",")}`;
  const found = group.organization === undefined ? "" : ` ${organizationWords(group.provider, group.organization)}`;
  const where = `${group.provider} ${group.regions.join(",")}${account}${found}`;
  const label = (action: string, cron: NonNullable<ScheduleGroup["start"]>) =>
    `${action} "${cron.source}" (${describeCron(cron, group.timezone)})`;
  const crons = [group.start && label("start", group.start), group.stop && label("stop", group.stop)]
    .filter(Boolean)
    .join(", ");
  const calendar = group.calendar ? `, calendar ${group.calendar}` : "";
  const disabled = group.enabled ? "" : "  [disabled]";
  return `${groupLabel(group)}  ${where}  ${group.timezone}  ${crons}${calendar}${disabled}`;
}

export function renderOccurrences(occurrences: readonly Occurrence[]): string[] {
  if (occurrences.length === 0) return ["  (no start or stop in this window)"];
  return occurrences.map((occurrence) => {
    const local = occurrence.local.replace("T", " ").replace(/:00([+-]\d{2}:\d{2})$/, " $1");
    const utc = `${occurrence.at.toISOString().slice(11, 16)}Z`;
    const action = occurrence.action.padEnd(5);
    const line = `  ${weekday(occurrence.date)} ${local}  (${utc})  ${action}`;
    if (occurrence.skipped) return `${line}  skipped (${occurrence.skipped}): ${occurrence.note ?? ""}`;
    return `${line}  ${occurrence.reason === "extra-workday" ? "extra workday" : "cron"}`;
  });
}

export function renderWeek(plan: WeekPlan, zone: string): string[] {
  const tens = Array.from({ length: 24 }, (_, hour) => (hour % 10 === 0 ? String(hour / 10) : " "))
    .join("")
    .trimEnd();
  const units = Array.from({ length: 24 }, (_, hour) => String(hour % 10)).join("");
  const lines = [
    `  week from ${plan.days[0]?.date ?? "?"}, local hours in ${zone} (${CELL.on} on, ${CELL.off} off, ${CELL.partial} part of the hour)`,
    `                  ${tens}`,
    `                  ${units}`,
    ...plan.days.map(
      (day) => `  ${DAY_NAMES[day.dayOfWeek]} ${day.date}  ${day.cells.map((cell) => CELL[cell]).join("")}`,
    ),
  ];
  const share = `${Math.round(plan.offShare * 100)}%`;
  let summary = `  off ${share} of the week (${money(plan.offHours)} of ${money(plan.totalHours)} h)`;
  if (plan.savings) {
    const currency = plan.savings.currency ? ` ${plan.savings.currency}` : "";
    summary += `; saves ${money(plan.savings.perWeek)}${currency}/week, ${money(plan.savings.perMonth)}${currency}/month (${plan.savings.basis})`;
  } else {
    summary += "; set hourlyPrice to see the savings";
  }
  lines.push(summary);
  if (plan.assumption) lines.push(`  note: ${plan.assumption}`);
  return lines;
}

/** Columns padded to their widest cell, two spaces apart. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => (row[index] ?? "").length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
