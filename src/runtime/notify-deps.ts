/** The seams of the alerts sent after a run (notify-run.ts), and what the schedule config says about alerts. */
import type { ProviderName } from "../domain/index.ts";
import type { Fetch, NotifyConfig, SentAlerts, TopicPublish } from "../notify/channels.ts";
import type { Environment } from "../settings/index.ts";

/** What the schedule config says about alerts: its channels, and each group's cloud (for the default language). */
export interface NotifySettings {
  readonly notify?: NotifyConfig;
  readonly providers: Readonly<Record<string, ProviderName>>;
}

export interface NotifyDeps {
  readonly fetch?: Fetch;
  readonly topic?: TopicPublish;
  /** Wall-clock time for signatures and the alerts' deadline (not the engine's clock). */
  readonly now?: () => number;
  readonly budgetMs?: number;
  readonly sent?: SentAlerts;
  /** The config's alert settings; default: read POWER_CONFIG's file (none when there is no file). */
  readonly loadSettings?: (env: Environment) => Promise<NotifySettings>;
  readonly log?: (line: string) => void;
}
