import type { Command } from "commander";
import { runDeployScf } from "../deploy/index.ts";
import { configPath, processEnvironment } from "../settings/index.ts";

interface DeployFlags {
  dryRun?: boolean;
  config?: string;
  stage: string;
}

/** `powercron deploy scf`: the SCF functions and their timer triggers, from the schedule config. */
export function registerDeployCommand(program: Command): void {
  const deploy = program
    .command("deploy")
    .description("deploy the functions and their triggers (AWS Lambda: `npx serverless deploy`)");
  deploy
    .command("scf")
    .description(
      "build the SCF bundles, create or update powercron-<stage>-start and -stop, and sync their timer triggers " +
        "(needs deploy.scf.role; credentials: TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN; endpoint override: " +
        "TENCENTCLOUD_SCF_ENDPOINT)",
    )
    .option("--dry-run", "print the API calls it would make (environment values masked), make none")
    .option("--stage <name>", "in every deployed name, as serverless --stage", "prod")
    .option("--config <file>", "the schedule config (default POWER_CONFIG or config/schedules.yaml)")
    .action(async (flags: DeployFlags) => {
      await runDeployScf({
        configFile: flags.config ?? configPath(processEnvironment()),
        dryRun: flags.dryRun ?? false,
        stage: flags.stage,
        env: processEnvironment(),
      });
    });
}
