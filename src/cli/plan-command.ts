import type { Command } from "commander";
import { InvalidInputError } from "../errors.ts";
import {
  conflictWarnings,
  dstGapWarnings,
  enforceCoverage,
  groupOccurrences,
  loadScheduleConfig,
  occurrenceJson,
  organizationWords,
  renderEnforceCoverage,
  renderGroupHeader,
  renderOccurrences,
  renderWeek,
  weekPlan,
} from "../schedule/index.ts";
import { configPath, processEnvironment } from "../settings/index.ts";
import { groupsOption } from "./group-option.ts";
import { printWarnings } from "./print-warnings.ts";

interface PlanFlags {
  from?: string;
  days: string;
  group?: string;
  json?: boolean;
  config?: string;
}

const MAX_DAYS = 366;

function parseFrom(text: string | undefined): Date {
  if (text === undefined) return new Date(); // the CLI's edge: the only place plan reads the wall clock
  const from = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(from.getTime())) {
    throw new InvalidInputError(
      `--from: "${text}" is not an ISO 8601 date or date-time (such as 2026-11-23T00:00:00Z)`,
    );
  }
  return from;
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new InvalidInputError(`--days: "${text}" is not a whole number of days from 1 to ${MAX_DAYS}`);
  }
  return days;
}

/** `powercron plan`: what the schedule will do, before it does it. */
export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description("show every upcoming start and stop, skips and why, a weekly on/off grid and the savings")
    .option("--from <iso>", "start of the window (ISO 8601; default now)")
    .option("--days <n>", "length of the window in days", "7")
    .option("--group <name>", "only this group")
    .option("--json", 'print an array of {"group","action","at","local","reason","skipped"}')
    .option("--config <file>", "the schedule config (default POWER_CONFIG or config/schedules.yaml)")
    .action(async (flags: PlanFlags) => {
      const from = parseFrom(flags.from);
      const to = new Date(from.getTime() + parseDays(flags.days) * 86_400_000);
      const config = await loadScheduleConfig(flags.config ?? configPath(processEnvironment()));
      // Groups that fight: looked for over the year from the window's start; DST gaps over the two years from it
      // (the config's own warnings name the gaps from its fixed span, which may be past).
      const year = { from: from.getTime(), to: from.getTime() + 366 * 86_400_000 };
      const fixedSpan = new Set(dstGapWarnings(config.groups));
      const dst = dstGapWarnings(config.groups, { from: from.getTime(), to: from.getTime() + 2 * 366 * 86_400_000 });
      const warnings = [...config.warnings.filter((warning) => !fixedSpan.has(warning)), ...dst];
      printWarnings([...warnings, ...conflictWarnings(config, year)]);
      const groups = groupsOption(config, flags.group);
      if (flags.json) {
        const all = groups.flatMap((group) => groupOccurrences(group, from, to, config));
        all.sort((a, b) => a.at.getTime() - b.at.getTime());
        const accountsOf = new Map(groups.map((group) => [group.name, group.accounts ?? []]));
        const foundOf = new Map(
          groups.flatMap((group) =>
            group.organization === undefined
              ? []
              : [[group.name, organizationWords(group.provider, group.organization)]],
          ),
        );
        const rows = all.map((occurrence) => {
          const accounts = accountsOf.get(occurrence.group) ?? [];
          // `account`: the one account of a group in one other account (null: the function's own, or several).
          return {
            ...occurrenceJson(occurrence),
            account: accounts.length === 1 ? (accounts[0] ?? null) : null,
            accounts: accounts.length === 0 ? null : accounts,
            // A group whose accounts come from its organisation: listed at fire time, never here.
            organization: foundOf.get(occurrence.group) ?? null,
          };
        });
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      const lines = [`plan from ${from.toISOString()} to ${to.toISOString()}`];
      for (const group of groups) {
        lines.push("", renderGroupHeader(group));
        if (!group.enabled) continue;
        lines.push(...renderOccurrences(groupOccurrences(group, from, to, config)));
        lines.push(...renderWeek(weekPlan(group, from, config), group.timezone));
        const coverage = enforceCoverage(group, from, to, config);
        if (coverage !== undefined) lines.push(renderEnforceCoverage(coverage));
      }
      console.log(lines.join("\n"));
    });
}
