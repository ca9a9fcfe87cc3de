/**
 * The settings module: every environment variable powercron reads, declared once, and the one reader of process.env.
 * It names no cloud: each cloud's descriptor declares its own variables with these primitives.
 */
export { type Environment, processEnvironment, safetyText, settingText } from "./environment.ts";
export {
  configPath,
  DEFAULT_CONFIG_PATH,
  DEFAULT_MAX_EVENT_AGE_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_STAGE,
  deployStage,
  endpointUrl,
  type KeyPair,
  type KeyPairSettings,
  keyPair,
  maxEventAgeMs,
  requestTimeoutMs,
  stampsEnabled,
  timeBudgetCapMs,
} from "./run-settings.ts";
export { KIND_PRECEDENCE, orderedSettings, renderSettingRows, type SettingsTableSections } from "./settings-table.ts";
export {
  type CloudWords,
  OPTION_SETTINGS,
  SETTINGS,
  type Setting,
  type SettingKind,
  type SettingName,
  type SettingText,
  STOP_TYPE_WORDS,
  STOPPED_MODE_WORDS,
  setting,
} from "./variables.ts";
