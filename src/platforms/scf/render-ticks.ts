/** `powercron triggers` for SCF: the tick timers as a table, with the groups each serves. */
import { renderTable, type ScfTimerTrigger } from "../../schedule/index.ts";

export function renderScfTriggers(triggers: readonly ScfTimerTrigger[], triggerZone: string): string[] {
  return [
    `SCF tick timers, crons read in ${triggerZone} (deploy.scf.triggerTimezone); each tick acts on the groups due then`,
    ...renderTable(
      ["trigger", "function", "cron", "custom argument", "groups served"],
      triggers.map((t) => [t.name, t.action, t.cron, t.customArgument, t.groups.join(",")]),
    ),
  ];
}
