/** Alerts where the team talks: the alert of a run, its message per locale, one sender per channel, the dedupe. */
export { type Alert, alertOfError, alertOfReport, type RunFacts } from "./alert.ts";
export { ALERT_BUDGET_MS, deliverAlert, type Notification } from "./deliver.ts";
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
