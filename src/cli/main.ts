/**
 * The `powercron` entry: answers `--version` and the top-level help (`--help`, `-h`, `help`) without loading
 * commander, the registries or any command (the help as the build rendered it, bin/cli/help.txt: see
 * scripts/build-cli.mjs), so they start in about node's own time; everything else goes to the program (program.ts).
 */
import { readFile } from "node:fs/promises";
import { cliVersion } from "./version.ts";

export { cliVersion };

const HELP_WORDS = new Set(["--help", "-h", "help"]);
const VERSION_WORDS = new Set(["--version", "-V"]);

/** The top-level help the build rendered beside the built entry; undefined from the sources or a terminal under 80. */
async function builtHelp(): Promise<string | undefined> {
  if (process.stdout.isTTY && (process.stdout.columns || 80) < 80) return undefined;
  try {
    return await readFile(new URL("./help.txt", import.meta.url), "utf8");
  } catch {
    return undefined;
  }
}

/** What the arguments ask that needs no program: the version, or the built top-level help. */
export async function quickAnswer(argv: readonly string[]): Promise<string | undefined> {
  const [only, ...rest] = argv;
  if (only === undefined || rest.length > 0) return undefined;
  if (VERSION_WORDS.has(only)) return `${cliVersion()}\n`;
  if (HELP_WORDS.has(only)) return builtHelp();
  return undefined;
}

export async function main(argv: readonly string[]): Promise<void> {
  const answer = await quickAnswer(argv);
  if (answer !== undefined) {
    process.stdout.write(answer);
    return;
  }
  const { runProgram } = await import("./program.ts");
  await runProgram(argv);
}
