import { Command, CommanderError } from "commander";
import { InvalidInputError, PowercronError } from "../errors.ts";
import { redact, secretValues } from "../report/redact.ts";
import { registerDemoCommand } from "./demo-command.ts";
import { registerDeployCommand } from "./deploy-command.ts";
import { EXIT } from "./exit-codes.ts";
import { registerLocalCloudCommand } from "./local-cloud-command.ts";
import { registerPlanCommand } from "./plan-command.ts";
import { registerRunCommand } from "./run-command.ts";
import { registerTriggersCommand } from "./triggers-command.ts";

export function buildProgram(): Command {
  const program = new Command("powercron")
    .description("Start and stop Tencent CVM and AWS EC2 instances on a schedule")
    .showHelpAfterError()
    .exitOverride();
  registerRunCommand(program);
  registerLocalCloudCommand(program);
  registerDemoCommand(program);
  registerPlanCommand(program);
  registerTriggersCommand(program);
  registerDeployCommand(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
      return;
    }
    const message = redact(error instanceof Error ? error.message : String(error), secretValues(process.env));
    console.error(`powercron: ${message}`);
    if (error instanceof InvalidInputError) process.exitCode = EXIT.badInput;
    else if (error instanceof PowercronError) process.exitCode = EXIT.failed;
    else {
      console.error(error instanceof Error ? redact(error.stack ?? "", secretValues(process.env)) : "");
      process.exitCode = EXIT.failed;
    }
  }
}
