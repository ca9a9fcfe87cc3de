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
 * - `platform`: set by SCF or Lambda; read when the POWER_* variables leave something out;
 * - `credential`, `endpoint`: how the SDKs reach the clouds; never shown in a log, a report or an error.
 */
export type SettingKind = "target" | "option" | "safety" | "run" | "platform" | "credential" | "endpoint";

export interface Setting {
  readonly name: string;
  readonly kind: SettingKind;
  /** The syntax, as the README shows it. */
  readonly syntax: string;
  /** The default, as the README shows it; `-` when unset means "nothing". */
  readonly default: string;
  readonly meaning: string;
}

function setting(name: string, kind: SettingKind, syntax: string, defaultText: string, meaning: string): Setting {
  return { name, kind, syntax, default: defaultText, meaning };
}

const BOOLEAN = "`true/false`, `1/0`, `yes/no`";

export const SETTINGS = {
  provider: setting("POWER_PROVIDER", "target", "`tencent` or `aws`", "from the IDs", "the cloud of the instances"),
  region: setting(
    "POWER_REGION",
    "target",
    "a region",
    "the function's own",
    "the region; else `TENCENTCLOUD_REGION` (SCF) or `AWS_REGION` (Lambda)",
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
  stopType: setting("POWER_STOP_TYPE", "option", "`SOFT`, `HARD`, `SOFT_FIRST`", "`SOFT_FIRST`", "option `stopType`"),
  stoppedMode: setting(
    "POWER_STOPPED_MODE",
    "option",
    "`KEEP_CHARGING`, `STOP_CHARGING`",
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
    "`provider:region,...` (`tencent:ap-shanghai,aws:us-east-1`)",
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
  logDetail: setting(
    "POWER_LOG_DETAIL",
    "run",
    "`all`, `notable`, `none`",
    "`all`",
    "the functions' per-instance log lines after the summary line: every instance, only those that matter (failed, refused, not found, kept running, with notes), or none",
  ),
  tencentRegion: setting("TENCENTCLOUD_REGION", "platform", "a region", "set by SCF", "the SCF function's region"),
  awsRegion: setting("AWS_REGION", "platform", "a region", "set by Lambda", "the Lambda function's region"),
  awsDefaultRegion: setting("AWS_DEFAULT_REGION", "platform", "a region", "-", "read after `AWS_REGION`"),
  tencentRoleSecretId: setting(
    "TENCENTCLOUD_SECRETID",
    "credential",
    "key",
    "set by SCF",
    "the execution role's temporary key pair; read first, at every invocation (it rotates)",
  ),
  tencentRoleSecretKey: setting("TENCENTCLOUD_SECRETKEY", "credential", "key", "set by SCF", "as above"),
  tencentRoleSessionToken: setting("TENCENTCLOUD_SESSIONTOKEN", "credential", "token", "set by SCF", "as above"),
  tencentSecretId: setting(
    "TENCENTCLOUD_SECRET_ID",
    "credential",
    "key",
    "-",
    "the Tencent SDK's names, read when the role's are unset (the CLI, the deploy)",
  ),
  tencentSecretKey: setting("TENCENTCLOUD_SECRET_KEY", "credential", "key", "-", "as above"),
  tencentSessionToken: setting("TENCENTCLOUD_SESSION_TOKEN", "credential", "token", "-", "as above"),
  awsAccessKeyId: setting(
    "AWS_ACCESS_KEY_ID",
    "credential",
    "key",
    "the SDK's default chain",
    "AWS keys; unset on Lambda, where the role's keys come through the SDK's chain",
  ),
  awsSecretAccessKey: setting("AWS_SECRET_ACCESS_KEY", "credential", "key", "the SDK's default chain", "as above"),
  awsSessionToken: setting("AWS_SESSION_TOKEN", "credential", "token", "the SDK's default chain", "as above"),
  tencentCvmEndpoint: setting(
    "TENCENTCLOUD_CVM_ENDPOINT",
    "endpoint",
    "a full URL",
    "the real CVM API",
    "for the local cloud",
  ),
  tencentScfEndpoint: setting(
    "TENCENTCLOUD_SCF_ENDPOINT",
    "endpoint",
    "a full URL",
    "the real SCF API",
    "for the local cloud (deploy)",
  ),
  awsEc2Endpoint: setting("AWS_ENDPOINT_URL_EC2", "endpoint", "a full URL", "the real EC2 API", "for the local cloud"),
  awsEndpoint: setting("AWS_ENDPOINT_URL", "endpoint", "a full URL", "-", "read after `AWS_ENDPOINT_URL_EC2`"),
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
  notifySnsTopicArn: setting(
    "POWER_NOTIFY_SNS_TOPIC_ARN",
    "run",
    "an SNS topic ARN",
    "-",
    "alerts to this SNS topic as well (AWS bundle only)",
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
    "`zh` for Tencent groups, else `en`",
    "the language of the environment's alerts",
  ),
  awsSnsEndpoint: setting("AWS_ENDPOINT_URL_SNS", "endpoint", "a full URL", "the real SNS API", "for a local SNS"),
  tencentStsEndpoint: setting(
    "TENCENTCLOUD_STS_ENDPOINT",
    "endpoint",
    "a full URL",
    "the real STS API",
    "for the local cloud (config `accounts`: assuming roles)",
  ),
  awsStsEndpoint: setting(
    "AWS_ENDPOINT_URL_STS",
    "endpoint",
    "a full URL",
    "the real STS API",
    "for the local cloud (config `accounts`); else `AWS_ENDPOINT_URL`",
  ),
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

/** Where each provider's region comes from when neither the event nor POWER_REGION names one, in order. */
export const PROVIDER_REGION_SETTINGS = {
  tencent: [SETTINGS.tencentRegion],
  aws: [SETTINGS.awsRegion, SETTINGS.awsDefaultRegion],
} as const satisfies Record<string, readonly Setting[]>;

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
