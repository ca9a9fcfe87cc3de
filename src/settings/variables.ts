/**
 * Every environment variable powercron reads, named once: its kind (which decides its precedence), the syntax it takes,
 * its default, and what it means. The README's settings table is checked against this list (test/settings/).
 */

/**
 * How a variable ranks against the schedule config and the event:
 * - `target`: the instances to act on when the event names none;
 * - `option`: a run option; config < environment < event (the event's `options` win);
 * - `safety`: the operator's switches; the event can only make the run safer, never lift them;
 * - `run`: how this process runs (time budget, timeouts, config file); the event has no say;
 * - `platform`: set by the platform (the function's region); read when the POWER_* variables leave something out;
 * - `credential`, `endpoint`: how the SDKs reach the clouds; never shown in a log, a report or an error.
 */
export type SettingKind = "target" | "option" | "safety" | "run" | "platform" | "credential" | "endpoint";

/**
 * The clouds, in the words the settings table uses: settings/ names no cloud, so a text that lists them is a function
 * of these, filled in from the provider registry (src/providers/settings-table.ts).
 */
export interface CloudWords {
  /** The provider names as code, `a` or `b`. */
  readonly providerNames: string;
  /** Each cloud's platform region variable and its platform, `X` (P) or `Y` (Q). */
  readonly platformRegions: string;
  /** One `provider:region` example per cloud, comma-separated. */
  readonly regionExamples: string;
  /** The clouds whose alerts default to Chinese, as the locale's default. */
  readonly localeDefaults: string;
}

export type SettingText = string | ((clouds: CloudWords) => string);

export interface Setting {
  readonly name: string;
  readonly kind: SettingKind;
  /** The syntax, as the README shows it. */
  readonly syntax: SettingText;
  /** The default, as the README shows it; `-` when unset means "nothing". */
  readonly default: SettingText;
  readonly meaning: SettingText;
}

/** One variable's declaration: the primitive each cloud's descriptor declares its own variables with, too. */
export function setting(
  name: string,
  kind: SettingKind,
  syntax: SettingText,
  defaultText: SettingText,
  meaning: SettingText,
): Setting {
  return { name, kind, syntax, default: defaultText, meaning };
}

const BOOLEAN = "`true/false`, `1/0`, `yes/no`";

/** The old option words the stop options still take (`stopType`, `stoppedMode`): input maps them onto the intents. */
export const STOP_TYPE_WORDS = ["SOFT", "HARD", "SOFT_FIRST"] as const;
export const STOPPED_MODE_WORDS = ["KEEP_CHARGING", "STOP_CHARGING"] as const;

export const SETTINGS = {
  provider: setting(
    "POWER_PROVIDER",
    "target",
    (clouds) => clouds.providerNames,
    "from the IDs",
    "the cloud of the instances",
  ),
  region: setting(
    "POWER_REGION",
    "target",
    "a region",
    "the function's own",
    (clouds) => `the region; else ${clouds.platformRegions}`,
  ),
  instanceIds: setting(
    "POWER_INSTANCE_IDS",
    "target",
    "IDs, comma- or space-separated, or a JSON array",
    "-",
    "instances to act on",
  ),
  tags: setting(
    "POWER_TAGS",
    "target",
    "`key=value,...` or a JSON object",
    "-",
    "select by tags instead of, or as well as, IDs (at most 10)",
  ),
  dryRun: setting(
    "POWER_DRY_RUN",
    "safety",
    BOOLEAN,
    "`false`",
    '`true` makes every run a dry run: an event\'s `"dryRun": false` cannot turn it off',
  ),
  stopType: setting(
    "POWER_STOP_TYPE",
    "option",
    `${STOP_TYPE_WORDS.map((word) => `\`${word}\``).join(", ")}`,
    "`SOFT_FIRST`",
    "option `stopType`",
  ),
  stoppedMode: setting(
    "POWER_STOPPED_MODE",
    "option",
    `${STOPPED_MODE_WORDS.map((word) => `\`${word}\``).join(", ")}`,
    "`KEEP_CHARGING`",
    "option `stoppedMode`",
  ),
  hibernate: setting("POWER_HIBERNATE", "option", BOOLEAN, "`false`", "option `hibernate`"),
  force: setting("POWER_FORCE", "option", BOOLEAN, "`false`", "option `force`"),
  wait: setting("POWER_WAIT", "option", BOOLEAN, "`false`", "option `wait`"),
  maxCallsPerSecond: setting("POWER_MAX_CALLS_PER_SECOND", "option", "1 to 100", "`10`", "option `maxCallsPerSecond`"),
  allowedTag: setting(
    "POWER_ALLOWED_TAG",
    "safety",
    "one `key=value`",
    "-",
    "scope guard: instances without this tag are refused (outcome `refused`)",
  ),
  allowedIds: setting(
    "POWER_ALLOWED_IDS",
    "safety",
    "IDs, comma- or space-separated, or a JSON array",
    "-",
    "scope guard: only these IDs may be acted on",
  ),
  allowedRegions: setting(
    "POWER_ALLOWED_REGIONS",
    "safety",
    (clouds) => `\`provider:region,...\` (\`${clouds.regionExamples}\`)`,
    "-",
    "scope guard: a target elsewhere is refused before any cloud call (exit 2)",
  ),
  config: setting("POWER_CONFIG", "run", "a file path", "`config/schedules.yaml`", "the schedule config"),
  maxEventAge: setting(
    "POWER_MAX_EVENT_AGE",
    "safety",
    "seconds, or `15m`, `1h`; `0` disables",
    "`15m`",
    "a timer event fired longer ago acts on nothing (outcome `skipped`, reason `stale`)",
  ),
  timeBudgetSeconds: setting(
    "POWER_TIME_BUDGET_SECONDS",
    "run",
    "seconds",
    "remaining time less 1.5 s; `run`: `--timeout`, the config's function timeout, or 900",
    "cap on the run's time",
  ),
  requestTimeoutMs: setting("POWER_REQUEST_TIMEOUT_MS", "run", "100 to 120000", "`10000`", "one API request's timeout"),
  configDigest: setting(
    "POWERCRON_CONFIG_DIGEST",
    "run",
    "16 hex characters",
    "set by the deploy",
    "the config the deployed triggers come from; the handler refuses to run when its bundle carries another",
  ),
  stamps: setting(
    "POWER_STAMPS",
    "run",
    "`on`, `off`",
    "`on`",
    "`off`: write no `powercron:last-action` / `powercron:last-error` tags on the instances acted on (see [Stamps](#stamps))",
  ),
  stage: setting(
    "POWERCRON_STAGE",
    "run",
    "a stage name",
    "set by the deploy; else `manual`",
    "the deploy's stage, as the stamps name it (`stopped ... by <group> (<stage>)`)",
  ),
  logDetail: setting(
    "POWER_LOG_DETAIL",
    "run",
    "`all`, `notable`, `none`",
    "`all`",
    "the functions' per-instance log lines after the summary line: every instance, only those that matter (failed, refused, not found, kept running, with notes), or none",
  ),
  partitionsPerWorker: setting(
    "POWER_PARTITIONS_PER_WORKER",
    "run",
    "1 to 1000; `0` = never fan out",
    "`25`",
    "a fire over more (account, region) partitions fans out to workers of this many ([Fan-out](#fan-out-through-the-platform))",
  ),
  workerConcurrency: setting("POWER_WORKER_CONCURRENCY", "run", "1 to 1000", "`10`", "workers a fire runs at once"),
  workerFunction: setting(
    "POWER_WORKER_FUNCTION",
    "run",
    "a function name",
    "set by the deploy: the function itself",
    "the workers' function; unset: no fan-out",
  ),
  workerSecret: setting(
    "POWER_WORKER_SECRET",
    "credential",
    "16 characters or more",
    "-",
    "signs worker events: workers refuse the others; unscheduled fires fan out only with it",
  ),
  notifyWebhookUrl: setting(
    "POWER_NOTIFY_WEBHOOK_URL",
    "credential",
    "an https URL",
    "-",
    "alerts without a config's `notify` section: the chat robot's or webhook's URL (see [Alerts](#alerts))",
  ),
  notifySecret: setting(
    "POWER_NOTIFY_SECRET",
    "credential",
    "key",
    "-",
    "its signing secret (DingTalk, Feishu, the generic webhook's HMAC)",
  ),
  notifyType: setting(
    "POWER_NOTIFY_TYPE",
    "run",
    "`wecom`, `dingtalk`, `feishu`, `slack`, `webhook`",
    "from the URL's host",
    "the kind of `POWER_NOTIFY_WEBHOOK_URL`",
  ),
  notifyOn: setting(
    "POWER_NOTIFY_ON",
    "run",
    "`failure`, `misfire`, `drift`, `success`, comma-separated",
    "`failure,misfire,drift`",
    "when the environment's channels alert",
  ),
  notifyLocale: setting(
    "POWER_NOTIFY_LOCALE",
    "run",
    "`zh` or `en`",
    (clouds) => clouds.localeDefaults,
    "the language of the environment's alerts",
  ),
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

/** The POWER_* variables behind the run options, by option name. */
export const OPTION_SETTINGS = {
  dryRun: SETTINGS.dryRun,
  stopType: SETTINGS.stopType,
  stoppedMode: SETTINGS.stoppedMode,
  hibernate: SETTINGS.hibernate,
  force: SETTINGS.force,
  wait: SETTINGS.wait,
  maxCallsPerSecond: SETTINGS.maxCallsPerSecond,
} as const;
