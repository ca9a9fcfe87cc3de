/**
 * The schedule config as the code reads it, once loaded and checked (config.ts): groups of instances with a start
 * and/or stop crontab in a time zone, holiday calendars, other accounts, deploy settings and alert channels. Types and
 * the enforce settings' allowed values only: every schedule file may import this one, and it imports none back.
 */
import type { CloudAccount, OrganizationSource, PowerOptions, ProviderName, Tags } from "../domain/index.ts";
import type { NotifyConfig } from "../notify/channels.ts";
import type { Calendar } from "./calendar.ts";
import type { Crontab } from "./cron-match.ts";
import type { DeploySettings, Platform } from "./deploy-section.ts";

export const ENFORCE_MODES = ["stop", "both"] as const;
export type EnforceMode = (typeof ENFORCE_MODES)[number];
/** The enforce intervals, in minutes: each divides the hour, so a tick's minutes are the same every hour. */
export const ENFORCE_EVERY_MINUTES = [5, 10, 15, 20, 30, 60] as const;

export interface ScheduleGroup {
  readonly name: string;
  readonly description?: string;
  readonly provider: ProviderName;
  readonly regions: readonly string[];
  readonly instanceIds: readonly string[];
  readonly tags: Tags;
  readonly start?: Crontab;
  readonly stop?: Crontab;
  /** IANA zone the crons and the calendar's dates are read in. */
  readonly timezone: string;
  readonly calendar?: string;
  readonly options: Partial<PowerOptions>;
  readonly enabled: boolean;
  /** Price of one instance-hour (or of one group-hour when the instance count is unknown), for savings figures. */
  readonly hourlyPrice?: number;
  readonly currency?: string;
  /** Instances in the group, for savings: the IDs' count when the group names only IDs, else this estimate. */
  readonly instanceCount?: number;
  readonly platform: Platform;
  /** Enforce mode: `stop` keeps the instances off when the schedule says stopped; `both` also on when it says running. */
  readonly enforce?: EnforceMode;
  /** Minutes between enforce checks (divides 60); set when `enforce` is. */
  readonly enforceEvery?: number;
  /** Minutes after a scheduled transition during which enforcement does nothing; set when `enforce` is. */
  readonly enforceGrace?: number;
  /**
   * The config's accounts whose roles reach the instances (`accounts[].name`), one target per account and region;
   * absent = the function's own. From `account: a`, `accounts: [a, b]` or `accounts: "*"` (every declared account of
   * the group's cloud, read when the config is loaded).
   */
  readonly accounts?: readonly string[];
  /**
   * `accounts: {organization: ...}`: the accounts are the organisation's members, listed at fire time (never at load
   * or deploy time, so a new member is reached without a redeploy); `accounts` is then absent.
   */
  readonly organization?: OrganizationSource;
  /**
   * Set on the group a named schedule became (`schedules:`): its instances are the ones tagged
   * `powercron:schedule=<name>` (its `tags`), and plan and status say so.
   */
  readonly namedSchedule?: true;
}

export interface ScheduleConfig {
  /** The config's groups, then the groups its named schedules became (`namedSchedule` set). */
  readonly groups: readonly ScheduleGroup[];
  /** Other accounts, reached by assuming their role (`accounts:`); empty when the config has none. */
  readonly accounts: readonly CloudAccount[];
  readonly calendars: Readonly<Record<string, Calendar>>;
  readonly deploy: DeploySettings;
  /** Alert channels (src/notify/): where a failed run, a misfire or (if asked) a success is told. */
  readonly notify?: NotifyConfig;
  /** Things that load but deserve a look: a start or stop that can fall into a DST gap. */
  readonly warnings: readonly string[];
}
