/** The settings module: every environment variable powercron reads, declared once, and the one reader of process.env. */
export { type Environment, processEnvironment, safetyText, settingText } from "./environment.ts";
export {
  type AwsCredential,
  awsCredential,
  configPath,
  DEFAULT_CONFIG_PATH,
  DEFAULT_MAX_EVENT_AGE_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  endpoints,
  MISSING_TENCENT_CREDENTIAL,
  maxEventAgeMs,
  requestTimeoutMs,
  stsEndpoints,
  type TencentCredential,
  tencentCredential,
  timeBudgetCapMs,
} from "./run-settings.ts";
export { KIND_PRECEDENCE, renderSettingsTable } from "./settings-table.ts";
export {
  OPTION_SETTINGS,
  PROVIDER_REGION_SETTINGS,
  SETTINGS,
  type Setting,
  type SettingKind,
  type SettingName,
} from "./variables.ts";
