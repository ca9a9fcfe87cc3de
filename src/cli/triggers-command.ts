import type { Command } from "commander";
import { scfTimerName, scheduleName } from "../deploy/index.ts";
import { InvalidInputError } from "../errors.ts";
import {
  awsEnforceTriggers,
  awsScheduleTriggers,
  conflictWarnings,
  loadScheduleConfig,
  renderAwsTriggers,
  renderScfTriggers,
  scfTimerTriggers,
} from "../schedule/index.ts";
import { configPath, processEnvironment } from "../settings/index.ts";
import { printWarnings } from "./print-warnings.ts";
import { stageOption } from "./stage-option.ts";

interface TriggersFlags {
  platform?: string;
  json?: boolean;
  config?: string;
  stage: string;
}

/** `powercron triggers`: the SCF timers and EventBridge schedules the config turns into. */
export function registerTriggersCommand(program: Command): void {
  program
    .command("triggers")
    .description(
      "print the SCF tick timers (with the groups each serves) and EventBridge Scheduler schedules of the schedule config",
    )
    .option("--platform <name>", "aws or scf (default both)")
    .option("--json", "print JSON")
    .option("--config <file>", "the schedule config (default POWER_CONFIG or config/schedules.yaml)")
    .option("--stage <name>", "the stage whose deployed names to show", "prod")
    .action(async (flags: TriggersFlags) => {
      const platform = flags.platform;
      stageOption(flags.stage);
      if (platform !== undefined && platform !== "aws" && platform !== "scf") {
        throw new InvalidInputError(`--platform: "${platform}" is not aws or scf`);
      }
      const config = await loadScheduleConfig(flags.config ?? configPath(processEnvironment()));
      printWarnings([...config.warnings, ...conflictWarnings(config)]);
      // The same span as the deploy and the handler (DEFAULT_RULES_SPAN), so that these are the ticks deployed; the
      // names as deployed: with the stage (and, on SCF, the hash of what the trigger does).
      const scf =
        platform === "aws"
          ? undefined
          : scfTimerTriggers(config).map((trigger) => ({ ...trigger, name: scfTimerName(flags.stage, trigger) }));
      const aws =
        platform === "scf"
          ? undefined
          : [...awsScheduleTriggers(config), ...awsEnforceTriggers(config)].map((trigger) => ({
              ...trigger,
              name: scheduleName(flags.stage, trigger),
            }));
      if (flags.json) {
        const output = platform === "aws" ? aws : platform === "scf" ? scf : { scf, aws };
        console.log(JSON.stringify(output, null, 2));
        return;
      }
      const lines: string[] = [];
      if (scf) lines.push(...renderScfTriggers(scf, config.deploy.scf.triggerTimezone));
      if (scf && aws) lines.push("");
      if (aws) lines.push("EventBridge Scheduler schedules", ...renderAwsTriggers(aws));
      console.log(lines.join("\n"));
    });
}
