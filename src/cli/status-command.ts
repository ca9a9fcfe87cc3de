import type { Command } from "commander";
import { type Clock, systemClock } from "../engine/index.ts";
import type { ProviderFactory } from "../providers/index.ts";
import { cloudProviders } from "../providers/index.ts";
import { redact, secretValues } from "../report/index.ts";
import { describeGroupRegion } from "../runtime/index.ts";
import {
  type DesiredState,
  desiredStateAt,
  formatLocalIso,
  groupLabel,
  type InstanceStatus,
  instanceStatus,
  loadScheduleConfig,
  missingStatus,
  type ScheduleConfig,
  type ScheduleGroup,
  scheduleNames,
  summarizeStatuses,
} from "../schedule/index.ts";
import { configPath, processEnvironment } from "../settings/index.ts";
import { EXIT } from "./exit-codes.ts";
import { groupsOption } from "./group-option.ts";
import { localCloudUrl } from "./local-cloud-url.ts";
import { localCloudEnv } from "./local-env.ts";
import { printWarnings } from "./print-warnings.ts";
import { CountedProgress } from "./run-progress.ts";
import { findUnknownScheduleTags, renderUnknownScheduleTags, type UnknownScheduleTag } from "./schedule-tag-scan.ts";
import { withOrganizationAccounts } from "./status-organization.ts";
import { type StatusPosition, statusProgressText } from "./status-progress.ts";
import { highlight, paintFor, wantsColour } from "./terminal-style.ts";

interface StatusFlags {
  group?: string;
  json?: boolean;
  config?: string;
  localCloud?: string;
}

export interface GroupStatus {
  readonly group: string;
  /** The group is a named schedule (`schedules:`): its instances are the ones tagged with its name. */
  readonly schedule: boolean;
  readonly provider: string;
  readonly timezone: string;
  readonly enforce: "stop" | "both" | false;
  readonly desired: DesiredState["state"];
  /** The transition that set the desired state: action, UTC and local time. */
  readonly since?: { readonly action: string; readonly at: string; readonly local: string };
  readonly next?: { readonly action: string; readonly at: string; readonly local: string };
  /** Enforcement waits until then (the grace period after `since`). */
  readonly graceUntil?: string;
  readonly instances: readonly InstanceStatus[];
  readonly summary: string;
}

function transitionJson(transition: DesiredState["since"]) {
  return transition && { action: transition.action, at: transition.at.toISOString(), local: transition.local };
}

/** One group's status: every managed instance described in each of its regions, read-only. */
export async function groupStatus(
  group: ScheduleGroup,
  config: Pick<ScheduleConfig, "calendars">,
  providers: ProviderFactory,
  now: Date,
  clock: Clock = systemClock,
): Promise<GroupStatus> {
  if (group.organization !== undefined && group.accounts === undefined) {
    throw new Error(`status: group "${group.name}": its accounts come from the organisation and were not listed`);
  }
  const desired = desiredStateAt(group, now, config);
  // Each account of a group across accounts is described through its own role, as its fires reach it.
  const accounts: readonly (string | undefined)[] = group.accounts ?? [undefined];
  const inAccount = (account: string | undefined) => (status: InstanceStatus) =>
    account === undefined ? status : { ...status, account };
  const regions = await Promise.all(
    accounts.flatMap((account) =>
      group.regions.map(async (region) => {
        const provider = await providers(group.provider, region, account);
        const described = await describeGroupRegion(provider, group, clock);
        return [
          ...described.views.map((view) => instanceStatus(view, region, desired, now)),
          ...described.missing.map((id) => missingStatus(id, region, desired)),
        ].map(inAccount(account));
      }),
    ),
  );
  const instances = regions.flat();
  const since = transitionJson(desired.since);
  const next = transitionJson(desired.next);
  return {
    group: group.name,
    schedule: group.namedSchedule === true,
    provider: group.provider,
    timezone: group.timezone,
    enforce: group.enforce ?? false,
    desired: desired.state,
    ...(since === undefined ? {} : { since }),
    ...(next === undefined ? {} : { next }),
    ...(desired.graceUntil === undefined ? {} : { graceUntil: desired.graceUntil.toISOString() }),
    instances,
    summary: summarizeStatuses(instances),
  };
}

/**
 * `--json`: every key the README lists, `null` where it is unset (as `plan --json` writes them), so that a reader can
 * rely on the shape.
 */
export function statusJson(statuses: readonly GroupStatus[]) {
  return statuses.map((status) => ({
    group: status.group,
    schedule: status.schedule,
    provider: status.provider,
    timezone: status.timezone,
    enforce: status.enforce,
    desired: status.desired,
    since: status.since ?? null,
    next: status.next ?? null,
    graceUntil: status.graceUntil ?? null,
    instances: status.instances.map((instance) => ({
      instanceId: instance.instanceId,
      region: instance.region,
      account: instance.account ?? null,
      state: instance.state,
      rawState: instance.cloudState ?? null,
      desired: instance.desired,
      keepRunningUntil: instance.keepRunningUntil ?? null,
      overrideNote: instance.overrideNote ?? null,
      skippedBy: instance.skippedBy ?? null,
      drift: instance.drift,
    })),
    summary: status.summary,
  }));
}

/**
 * 3 when an instance drifted, a listed one was not found or one carries a schedule tag naming no schedule (a cron job
 * can alarm on it), else 0.
 */
export function statusExitCode(
  statuses: readonly GroupStatus[],
  unknownSchedules: readonly UnknownScheduleTag[] = [],
): number {
  const wrong =
    unknownSchedules.length > 0 ||
    statuses.some((status) => status.instances.some((instance) => instance.drift || instance.state === "not-found"));
  return wrong ? EXIT.drift : EXIT.ok;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

/** The terminal rendering: per group a header, a table of its instances and a one-line summary. */
export function renderStatus(statuses: readonly GroupStatus[]): string {
  const lines: string[] = [];
  for (const status of statuses) {
    const enforce = status.enforce === false ? "enforce off" : `enforce ${status.enforce}`;
    const should =
      status.desired === "unknown"
        ? "no scheduled transition in the last 400 days"
        : `should be ${status.desired} since the ${status.since?.action} at ${status.since?.local}`;
    const next = status.next ? `; next: ${status.next.action} at ${status.next.local}` : "; no next change";
    const grace = status.graceUntil
      ? ` (grace until ${formatLocalIso(status.timezone, Date.parse(status.graceUntil))})`
      : "";
    const name = groupLabel({ name: status.group, ...(status.schedule ? { namedSchedule: true } : {}) });
    lines.push(`${name} (${status.provider}, ${status.timezone}, ${enforce}): ${should}${grace}${next}`);
    // A group across accounts shows each instance's account; the function's own is left unsaid.
    const byAccount = status.instances.some((instance) => instance.account !== undefined);
    const rows = [
      [
        "instance",
        "region",
        ...(byAccount ? ["account"] : []),
        "state",
        "should be",
        "next",
        "keep-running until",
        "drift",
      ],
    ];
    for (const instance of status.instances) {
      rows.push([
        instance.instanceId,
        instance.region,
        ...(byAccount ? [instance.account ?? "-"] : []),
        instance.state,
        instance.desired,
        status.next ? `${status.next.action} ${status.next.local}` : "-",
        instance.keepRunningUntil
          ? formatLocalIso(status.timezone, Date.parse(instance.keepRunningUntil))
          : (instance.overrideNote ?? "-"),
        instance.drift ? "DRIFT" : instance.skippedBy ? "skipped by tag" : "-",
      ]);
    }
    lines.push(...table(rows).map((line) => `  ${line}`));
    lines.push(`  ${status.summary}`, "");
  }
  return lines.join("\n").trimEnd();
}

/**
 * `powercron status`: every managed instance, the state it is in and the state it should be in, then the instances
 * whose schedule tag names no schedule. Exits 3 when one has drifted or was not found, or such a tag was found.
 */
export function registerStatusCommand(program: Command): void {
  program
    .command("status")
    .description("show every managed instance: its state, the state it should be in now, overrides and drift")
    .option("--group <name>", "only this group")
    .option("--json", "print the status of each group as JSON")
    .option("--config <file>", "the schedule config (default POWER_CONFIG or config/schedules.yaml)")
    .option("--local-cloud <url>", "talk to a local cloud (powercron local-cloud) instead of the real clouds")
    .action(async (flags: StatusFlags) => {
      const env = {
        ...processEnvironment(),
        ...(flags.localCloud ? localCloudEnv(localCloudUrl(flags.localCloud)) : {}),
      };
      const config = await loadScheduleConfig(flags.config ?? configPath(env));
      // Groups whose accounts come from their organisation: listed now, as a fire lists them.
      const found = await withOrganizationAccounts(groupsOption(config, flags.group), config, env);
      const groups = found.groups;
      const now = new Date(); // the CLI's edge: the only place status reads the wall clock
      const position: StatusPosition = { group: 0, groups: groups.length };
      const progress = wantsColour(process.stderr, env)
        ? new CountedProgress({
            write: (text) => process.stderr.write(text),
            now: Date.now,
            text: statusProgressText(position),
          })
        : undefined;
      // Another account's instances are described through its role, as its fires reach them (read-only).
      const real = cloudProviders(env, { accounts: found.accounts, sessionSubject: "status" });
      const providers = progress ? progress.observe(real) : real;
      const statuses: GroupStatus[] = [];
      const known = scheduleNames(config);
      let unknown: UnknownScheduleTag[];
      try {
        for (const group of groups) {
          position.group += 1;
          statuses.push(await groupStatus(group, config, providers, now));
        }
        unknown = await findUnknownScheduleTags(groups, known, providers);
      } finally {
        progress?.end();
      }
      const secrets = secretValues(env);
      // Schedule tags naming no schedule: after the groups on a terminal; on stderr beside --json's array.
      const strays = renderUnknownScheduleTags(unknown, known).map((line) => redact(line, secrets));
      const text = redact(
        flags.json
          ? JSON.stringify(statusJson(statuses), null, 2)
          : [renderStatus(statuses), ...(strays.length > 0 ? ["", ...strays] : [])].join("\n"),
        secrets,
      );
      console.log(flags.json ? text : highlight(text, paintFor(process.stdout, env)));
      if (flags.json) printWarnings(strays);
      process.exitCode = statusExitCode(statuses, unknown);
    });
}
