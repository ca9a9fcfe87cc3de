import type { Command } from "commander";
import { InvalidInputError } from "../errors.ts";
import { allPlatforms, isPlatform, PLATFORMS, platformOf } from "../platforms/index.ts";
import { conflictWarnings, loadScheduleConfig, organizationWords } from "../schedule/index.ts";
import { configPath, processEnvironment } from "../settings/index.ts";
import { triggersSummary } from "./cloud-words.ts";
import { printWarnings } from "./print-warnings.ts";
import { stageOption } from "./stage-option.ts";

interface TriggersFlags {
  platform?: string;
  json?: boolean;
  config?: string;
  stage: string;
}

/** `powercron triggers`: the triggers each platform's functions get from the config, as its descriptor names them. */
export function registerTriggersCommand(program: Command): void {
  program
    .command("triggers")
    .description(triggersSummary())
    .option("--platform <name>", `${[...PLATFORMS].reverse().join(" or ")} (default both)`)
    .option("--json", "print JSON")
    .option("--config <file>", "the schedule config (default POWER_CONFIG or config/schedules.yaml)")
    .option("--stage <name>", "the stage whose deployed names to show", "prod")
    .action(async (flags: TriggersFlags) => {
      const only = flags.platform;
      stageOption(flags.stage);
      if (only !== undefined && !isPlatform(only)) {
        throw new InvalidInputError(`--platform: "${only}" is not ${[...PLATFORMS].reverse().join(" or ")}`);
      }
      const config = await loadScheduleConfig(flags.config ?? configPath(processEnvironment()));
      printWarnings([...config.warnings, ...conflictWarnings(config)]);
      const platforms = only === undefined ? allPlatforms() : [platformOf(only)];
      const shown = platforms.map((platform) => ({ name: platform.name, ...platform.triggers(config, flags.stage) }));
      if (flags.json) {
        const output =
          only === undefined ? Object.fromEntries(shown.map((one) => [one.name, one.json])) : shown[0]?.json;
        console.log(JSON.stringify(output, null, 2));
        return;
      }
      // Groups whose accounts come from their organisation: no call is made here; their fires list the accounts.
      const found = config.groups.flatMap((group) =>
        group.organization === undefined
          ? []
          : [`group ${group.name}: ${organizationWords(group.provider, group.organization)}`],
      );
      const lines = shown.flatMap((one, index) => [...(index > 0 ? [""] : []), ...one.lines]);
      console.log([...lines, ...(found.length > 0 ? ["", ...found] : [])].join("\n"));
    });
}
