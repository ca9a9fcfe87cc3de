/**
 * The light entry of notify/: whether a run alerts and to which channels (the alert of a run, the channels of the
 * config and the environment, the dedupe), without the senders. The senders (deliver.ts and one module a channel,
 * through index.ts) are loaded only when a run has an alert to send: `await import("../notify/index.ts")`.
 */
export { ALERT_BUDGET_MS, type Alert, alertOfError, alertOfReport, type RunFacts } from "./alert.ts";
export {
  configChannels,
  environmentChannels,
  type NotifyChannel,
  type NotifyConfig,
  notifySchema,
} from "./notify-config.ts";
export { channelVariables, NOTIFY_SETTING_VARIABLES, type NotifyVariable } from "./notify-variables.ts";
export type { Fetch } from "./post.ts";
export { SentAlerts } from "./sent-alerts.ts";
export type { TopicMessage, TopicPublish, TopicPublish as SnsPublish } from "./topic.ts";
