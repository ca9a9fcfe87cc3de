/**
 * The program: commander and the table of commands, loaded by main.ts for every invocation it does not answer from
 * the build (`--version`, the top-level help).
 */
import { Command, CommanderError } from "commander";
import { deploySummary, localCloudSummary, programDescription, triggersSummary } from "./cloud-words.ts";
import { EXIT } from "./exit-codes.ts";

import { cliVersion } from "./version.ts";

type Register = (program: Command) => void;

/**
 * The commands, by name, with what `powercron --help` shows of them. A command's module (and the SDKs, engine and
 * emulator it imports) is loaded only when that command runs: `--help` and `--version` load none of them.
 * test/cli/main.test.ts checks that these summaries are the commands' own descriptions.
 */
export const COMMANDS: readonly { name: string; usage: string; summary: string; load: () => Promise<Register> }[] = [
  {
    name: "run",
    usage: "[options] <action>",
    summary: "run the start or stop function here, with an event file and this environment",
    load: async () => (await import("./run-command.ts")).registerRunCommand,
  },
  {
    name: "local-cloud",
    usage: "[options]",
    summary: localCloudSummary(),
    load: async () => (await import("./local-cloud-command.ts")).registerLocalCloudCommand,
  },
  {
    name: "demo",
    usage: "[options]",
    summary: "run the stop then the start function over the sample events against an embedded local cloud",
    load: async () => (await import("./demo-command.ts")).registerDemoCommand,
  },
  {
    name: "plan",
    usage: "[options]",
    summary: "show every upcoming start and stop, skips and why, a weekly on/off grid and the savings",
    load: async () => (await import("./plan-command.ts")).registerPlanCommand,
  },
  {
    name: "status",
    usage: "[options]",
    summary: "show every managed instance: its state, the state it should be in now, overrides and drift",
    load: async () => (await import("./status-command.ts")).registerStatusCommand,
  },
  {
    name: "triggers",
    usage: "[options]",
    summary: triggersSummary(),
    load: async () => (await import("./triggers-command.ts")).registerTriggersCommand,
  },
  {
    name: "notify",
    usage: "[command]",
    summary: "alert channels: try them before a run needs them",
    load: async () => (await import("./notify-command.ts")).registerNotifyCommand,
  },
  {
    name: "deploy",
    usage: "[command]",
    summary: deploySummary(),
    load: async () => (await import("./deploy-command.ts")).registerDeployCommand,
  },
];

/** The command the arguments name (`help <command>` included), if any. */
function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

/** Help is laid out for at most this many columns (a wider terminal gets the same text as a pipe). */
export const HELP_COLUMNS = 80;

/** The program with the named command (every command for `all`, none for undefined) loaded, the others as summaries. */
export async function buildProgram(load: string | undefined): Promise<Command> {
  const program = new Command("powercron")
    .description(programDescription())
    .version(cliVersion(), "-V, --version", "print the version")
    .showHelpAfterError()
    .configureOutput({
      getOutHelpWidth: () => Math.min(process.stdout.columns || HELP_COLUMNS, HELP_COLUMNS),
      getErrHelpWidth: () => Math.min(process.stderr.columns || HELP_COLUMNS, HELP_COLUMNS),
    })
    .exitOverride();
  for (const command of COMMANDS) {
    if (load === "all" || load === command.name) (await command.load())(program);
    else program.command(`${command.name} ${command.usage}`).description(command.summary);
  }
  return program;
}

/** Parses the arguments and runs the command they name; the exit code goes to process.exitCode. */
export async function runProgram(argv: readonly string[]): Promise<void> {
  try {
    const program = await buildProgram(commandNamed(argv));
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
      return;
    }
    const { reportError } = await import("./report-error.ts");
    process.exitCode = reportError(error);
  }
}
