import type { Command } from "commander";
import { POWER_ACTIONS, type PowerAction } from "../domain/types.ts";
import { InvalidInputError } from "../errors.ts";
import { redact, secretValues } from "../report/redact.ts";
import { renderReport } from "../report/render-table.ts";
import { failureOf } from "../report/summarize.ts";
import { invokePower } from "../runtime/invoke-power.ts";
import { EXIT } from "./exit-codes.ts";
import { localCloudEnv } from "./local-env.ts";
import { readEvent } from "./read-event.ts";

interface RunFlags {
  event?: string;
  dryRun?: boolean;
  json?: boolean;
  localCloud?: string;
}

/** `powercron run <start|stop>`: exactly the functions' code path, on this machine. */
export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("run the start or stop function here, with an event file and this environment")
    .argument("<action>", "start or stop")
    .option("--event <file>", "the event JSON (a file, or - for standard input); none = use the environment")
    .option("--dry-run", "decide and report, change nothing")
    .option("--json", "print the report as JSON")
    .option("--local-cloud <url>", "talk to a local cloud (powercron local-cloud) instead of the real clouds")
    .action(async (action: string, flags: RunFlags) => {
      const env = { ...process.env, ...(flags.localCloud ? localCloudEnv(flags.localCloud) : {}) };
      const secrets = secretValues(env);
      if (!(POWER_ACTIONS as readonly string[]).includes(action)) {
        throw new InvalidInputError(`action: "${action}" is not start or stop`);
      }
      const event = await readEvent(flags.event);
      const report = await invokePower(action as PowerAction, event, undefined, {
        env,
        ...(flags.dryRun ? { overrides: { dryRun: true } } : {}),
      });
      console.log(redact(flags.json ? JSON.stringify(report, null, 2) : renderReport(report), secrets));
      const failure = failureOf(report);
      if (failure) {
        console.error(redact(failure.message, secrets));
        process.exitCode = EXIT.failed;
      }
    });
}
