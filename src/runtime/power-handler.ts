import type { PowerAction } from "../domain/types.ts";
import { PowercronError } from "../errors.ts";
import type { PowerReport } from "../report/power-report.ts";
import { redact, secretValues } from "../report/redact.ts";
import { failureOf } from "../report/summarize.ts";
import { processEnvironment } from "../settings/index.ts";
import { type InvokeDeps, invokePower } from "./invoke-power.ts";
import { notifyRun } from "./notify-run.ts";
import type { InvocationContext } from "./time-budget.ts";

export type PowerHandler = (event: unknown, context?: InvocationContext) => Promise<PowerReport>;

/**
 * The async handler both platforms call (Lambda `handler`, SCF `main_handler`): run, log the report as one JSON line,
 * return it, and throw when an instance failed, was not found or was refused (after every other instance was
 * processed) so that the platform marks the run failed.
 */
export function powerHandler(
  action: PowerAction,
  deps: () => InvokeDeps = () => ({ env: processEnvironment() }),
): PowerHandler {
  return async function handlePower(event, context) {
    const invokeDeps = deps();
    const secrets = secretValues(invokeDeps.env);
    try {
      const report = await notifyRun(action, event, context, invokeDeps, invokePower);
      // invokePower has masked the report field by field: serialised as is, it stays valid JSON.
      console.log(JSON.stringify(report));
      const failure = failureOf(report);
      if (failure) throw failure;
      return report;
    } catch (error) {
      if (error instanceof Error) error.message = redact(error.message, secrets);
      if (!(error instanceof PowercronError)) console.error(redact(String(error), secrets));
      throw error;
    }
  };
}
