/** `powercron triggers` for SCF: the tick timers as a table, with the groups each serves. */
import { renderTable } from "../../schedule/index.ts";
import type { ScfTimerTrigger } from "./tick-trigger.ts";

export function renderScfTriggers(triggers: readonly ScfTimerTrigger[], triggerZone: string): string[] {
  return [
    `SCF tick timers, crons read in ${triggerZone} (deploy.scf.triggerTimezone); each tick acts on the groups due then`,
    ...renderTable(
      ["trigger", "function", "cron", "custom argument", "groups served"],
      triggers.map((t) => [t.name, t.action, t.cron, t.customArgument, t.groups.join(",")]),
    ),
  ];
}
