/**
 * The README's settings table, rendered from the declarations: the test keeps the README equal to it. The clouds'
 * own variables come from the provider registry (src/providers/settings-table.ts composes the whole table).
 */
import { type CloudWords, SETTINGS, type Setting, type SettingKind, type SettingText } from "./variables.ts";

/** Each kind's place in the one precedence rule, as the table's second column says it. */
export const KIND_PRECEDENCE: Readonly<Record<SettingKind, string>> = {
  target: "target: used when the event names no instances",
  option: "option: config < this < event",
  safety: "safety: the event cannot lift it",
  run: "run: the event has no say",
  platform: "platform: after `POWER_REGION`",
  credential: "credential: never shown",
  endpoint: "endpoint",
};

/** The clouds' variables, by where the table shows them. */
export interface SettingsTableSections {
  /** After the run settings: each cloud's platform region, credentials and compute endpoints, by kind. */
  readonly compute: readonly Setting[];
  /** Among the alert settings, after the webhook's: the alert channels a cloud offers. */
  readonly alertChannels: readonly Setting[];
  /** After the alert settings: the endpoints of the clouds' alert channels, then of their role assumption. */
  readonly alertEndpoints: readonly Setting[];
  readonly accountEndpoints: readonly Setting[];
}

/** The core variables in table order, with the clouds' sections in their places. */
function rowsInOrder(sections: SettingsTableSections): Setting[] {
  const core = Object.values(SETTINGS) as Setting[];
  const alertsAt = core.indexOf(SETTINGS.notifyWebhookUrl);
  const rulesAt = core.indexOf(SETTINGS.notifyOn);
  return [
    ...core.slice(0, alertsAt),
    ...sections.compute,
    ...core.slice(alertsAt, rulesAt),
    ...sections.alertChannels,
    ...core.slice(rulesAt),
    ...sections.alertEndpoints,
    ...sections.accountEndpoints,
  ];
}

function text(value: SettingText, clouds: CloudWords): string {
  return typeof value === "function" ? value(clouds) : value;
}

/** Every declared variable in table order: the core ones and the clouds'. */
export function orderedSettings(sections: SettingsTableSections): Setting[] {
  return rowsInOrder(sections);
}

export function renderSettingRows(sections: SettingsTableSections, clouds: CloudWords): string {
  const rows = rowsInOrder(sections).map((setting) =>
    [
      `\`${setting.name}\``,
      KIND_PRECEDENCE[setting.kind],
      text(setting.syntax, clouds),
      text(setting.default, clouds),
      text(setting.meaning, clouds),
    ].join(" | "),
  );
  return ["| variable | kind and precedence | value | default | meaning |", "|---|---|---|---|---|"]
    .concat(rows.map((row) => `| ${row} |`))
    .join("\n");
}
