/**
 * The variables the functions' alerts read when they send: the `${ENV_NAME}` references of the config's channels
 * (a webhook's key, a signing secret, a topic) and the POWER_NOTIFY_* variables. A deploy copies them from its own
 * environment into the functions' (they are never in the repo), and masks the secret ones where it shows them.
 */
import { SETTINGS } from "../settings/index.ts";
import type { NotifyConfig } from "./notify-config.ts";
import { TOPIC } from "./topic.ts";

export interface NotifyVariable {
  readonly name: string;
  /** A credential: a webhook URL (it carries its robot's key) or a signing secret. */
  readonly secret: boolean;
  /** Where it is named: `notify.channels[0].url`, or the variable itself for POWER_NOTIFY_*. */
  readonly field: string;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The variables the config's channels reference, in order, each once (secret if any of its uses is). */
export function channelVariables(notify: NotifyConfig | undefined): NotifyVariable[] {
  const found = new Map<string, NotifyVariable>();
  (notify?.channels ?? []).forEach((channel, index) => {
    const fields: [string, string | undefined, boolean][] =
      channel.type === TOPIC.type
        ? [[TOPIC.targetKey, channel[TOPIC.targetKey], false]]
        : [
            ["url", channel.url, true],
            ["secret", channel.secret, true],
          ];
    for (const [key, text, secret] of fields) {
      for (const match of (text ?? "").matchAll(REFERENCE)) {
        const name = match[1] ?? "";
        const seen = found.get(name);
        if (seen === undefined) found.set(name, { name, secret, field: `notify.channels[${index}].${key}` });
        else if (secret && !seen.secret) found.set(name, { ...seen, secret });
      }
    }
  });
  return [...found.values()];
}

/** The POWER_NOTIFY_* variables, which add the `env` channels without a config. */
export const NOTIFY_SETTING_VARIABLES: readonly NotifyVariable[] = [
  { name: SETTINGS.notifyWebhookUrl.name, secret: true, field: SETTINGS.notifyWebhookUrl.name },
  { name: SETTINGS.notifySecret.name, secret: true, field: SETTINGS.notifySecret.name },
  { name: SETTINGS.notifyType.name, secret: false, field: SETTINGS.notifyType.name },
  { name: SETTINGS.notifyOn.name, secret: false, field: SETTINGS.notifyOn.name },
  { name: SETTINGS.notifyLocale.name, secret: false, field: SETTINGS.notifyLocale.name },
  { name: TOPIC.setting.name, secret: false, field: TOPIC.setting.name },
];
