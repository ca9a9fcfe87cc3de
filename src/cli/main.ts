import { Command, CommanderError } from "commander";
import { InvalidInputError, PowercronError } from "../errors.ts";
import { redact, secretValues } from "../report/redact.ts";
import { processEnvironment } from "../settings/index.ts";
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

/**
 * What is printed for an error. Our own errors name the bad value, secrets masked. A parser's SyntaxError (JSON.parse
 * quotes a stretch of its input, which may hold a secret no variable names) is shown by its position only, and so is
 * its stack.
 */
export function errorText(error: unknown, secrets: readonly string[]): { message: string; stack?: string } {
  if (error instanceof SyntaxError || (error instanceof Error && error.cause instanceof SyntaxError)) {
    const syntax = error instanceof SyntaxError ? error : (error.cause as SyntaxError);
    const position = /position (\d+)/.exec(syntax.message)?.[1];
    return { message: `input is not valid JSON${position === undefined ? "" : ` (error at position ${position})`}` };
  }
  const message = redact(error instanceof Error ? error.message : String(error), secrets);
  if (error instanceof PowercronError || !(error instanceof Error)) return { message };
  return { message, stack: redact(error.stack ?? "", secrets) };
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
      return;
    }
    const { message, stack } = errorText(error, secretValues(processEnvironment()));
    console.error(`powercron: ${message}`);
    if (stack !== undefined) console.error(stack);
    if (error instanceof InvalidInputError) process.exitCode = EXIT.badInput;
    else process.exitCode = EXIT.failed;
  }
}
