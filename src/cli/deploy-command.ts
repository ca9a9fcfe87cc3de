import type { Command } from "commander";
import { runDeploy, runRemove } from "../deploy/index.ts";
import { allPlatforms } from "../platforms/index.ts";
import { configPath, processEnvironment } from "../settings/index.ts";
import { deploySummary } from "./cloud-words.ts";

interface DeployFlags {
  dryRun?: boolean;
  remove?: boolean;
  config?: string;
  stage: string;
}

/**
 * `powercron deploy <platform> [--remove]`: a subcommand per platform. One powercron deploys itself builds, deploys
 * or (`--remove`) deletes the stage's functions and triggers; one another tool deploys (Lambda) answers with that
 * tool's commands and exit 2. Both as the platforms' descriptors tell.
 */
export function registerDeployCommand(program: Command): void {
  const deploy = program.command("deploy").description(deploySummary());
  for (const platform of allPlatforms()) {
    const own = "run" in platform.deploy;
    const command = deploy
      .command(platform.name)
      .description(
        "run" in platform.deploy
          ? platform.deploy.description
          : `${platform.title} is deployed by ${platform.deploy.tool}: \`${platform.deploy.command}\`, \`${platform.deploy.removeCommand}\` (this command says so, exit 2)`,
      )
      .option("--dry-run", "print the API calls it would make (secret environment values masked), make none")
      .option("--remove", "delete the stage's functions and their triggers (with --dry-run: list them)")
      .option("--stage <name>", "in every deployed name, as serverless --stage", "prod")
      .option("--config <file>", "the schedule config (default POWER_CONFIG or config/schedules.yaml)");
    // What a person types for the other tool (`--region`, `--aws-profile`) still gets the answer naming its commands.
    if (!own) command.allowUnknownOption().allowExcessArguments();
    command.action(async (flags: DeployFlags) => {
      const args = {
        configFile: flags.config ?? configPath(processEnvironment()),
        dryRun: flags.dryRun ?? false,
        stage: flags.stage,
        env: processEnvironment(),
      };
      await (flags.remove ? runRemove(platform.name, args) : runDeploy(platform.name, args));
    });
  }
}
