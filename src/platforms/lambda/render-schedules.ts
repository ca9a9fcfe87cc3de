/** `powercron triggers` for Lambda: the EventBridge Scheduler schedules as a table. */
import { renderTable } from "../../schedule/index.ts";
import type { AwsScheduleTrigger } from "./schedule-trigger.ts";

export function renderAwsTriggers(triggers: readonly AwsScheduleTrigger[]): string[] {
  return renderTable(
    ["schedule", "function", "expression", "timezone", "input"],
    triggers.map((t) => [t.name, t.action, t.expression, t.timezone, t.input]),
  );
}
