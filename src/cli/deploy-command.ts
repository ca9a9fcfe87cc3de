import type { Command } from "commander";
import { runDeploy } from "../deploy/index.ts";
import { allPlatforms } from "../platforms/index.ts";
import { configPath, processEnvironment } from "../settings/index.ts";
import { deploySummary } from "./cloud-words.ts";

interface DeployFlags {
  dryRun?: boolean;
  config?: string;
  stage: string;
}

/**
 * `powercron deploy <platform>`: a subcommand per platform powercron deploys itself; the help names the command that
 * deploys each other platform. Both as the platforms' descriptors tell.
 */
export function registerDeployCommand(program: Command): void {
  const deploy = program.command("deploy").description(deploySummary());
  for (const platform of allPlatforms()) {
    if (!("run" in platform.deploy)) continue;
    deploy
      .command(platform.name)
      .description(platform.deploy.description)
      .option("--dry-run", "print the API calls it would make (secret environment values masked), make none")
      .option("--stage <name>", "in every deployed name, as serverless --stage", "prod")
      .option("--config <file>", "the schedule config (default POWER_CONFIG or config/schedules.yaml)")
      .action(async (flags: DeployFlags) => {
        await runDeploy(platform.name, {
          configFile: flags.config ?? configPath(processEnvironment()),
          dryRun: flags.dryRun ?? false,
          stage: flags.stage,
          env: processEnvironment(),
        });
      });
  }
}
