/** The README's settings table, rendered from the declarations: the test keeps the README equal to it. */
import { SETTINGS, type SettingKind } from "./variables.ts";

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

export function renderSettingsTable(): string {
  const rows = Object.values(SETTINGS).map((setting) =>
    [`\`${setting.name}\``, KIND_PRECEDENCE[setting.kind], setting.syntax, setting.default, setting.meaning].join(
      " | ",
    ),
  );
  return ["| variable | kind and precedence | value | default | meaning |", "|---|---|---|---|---|"]
    .concat(rows.map((row) => `| ${row} |`))
    .join("\n");
}
