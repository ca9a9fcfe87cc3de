/**
 * The README's command blocks do what the README says (issue 22): every command of every ```sh block is either run
 * here, offline, in a child process, and checked against the words next to it (exit code, the lines it prints, the
 * files it writes), or skipped for a reason the table states. A block runs as a person would type it, in a fresh
 * copy of the repository with a port of its own (see shell-session.ts); blocks run at the same time.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPO } from "../cli/support/cli-process.ts";
import { type ReadmeBlock, type ReadmeCommand, shellBlocks } from "./readme-blocks.ts";
import type { Runnable, Skipped } from "./readme-checks.ts";
import { RUNNABLE } from "./readme-runnable.ts";
import { SKIPPED } from "./readme-skipped.ts";
import { type CommandResult, NPX_POWERCRON, ShellSession } from "./shell-session.ts";

const README = readFileSync(`${REPO}/README.md`, "utf8");
const BLOCKS = shellBlocks(README);
const collapse = (text: string) => text.replaceAll(/\s+/g, " ");

/** The table's entry for the command: the one of its text, told apart by the exact comment where several share it. */
function classify(command: ReadmeCommand): Runnable | Skipped | undefined {
  const same = [...RUNNABLE, ...SKIPPED].filter((entry) => entry.command === command.command);
  const matching = same.filter((entry) => entry.comment === undefined || entry.comment === command.comment);
  return matching.length === 1 ? matching[0] : undefined;
}

const isRunnable = (entry: Runnable | Skipped): entry is Runnable => "check" in entry;

describe("README: the ```sh blocks", () => {
  it("are found (the first one is the quick start)", () => {
    expect(BLOCKS.length).toBeGreaterThan(5);
    expect(BLOCKS[0]?.commands.map((command) => command.command)).toEqual(["npm ci", "npm start", "npm test"]);
  });

  it("hold no command the table does not classify, each exactly once", () => {
    const unclassified = BLOCKS.flatMap((block) => block.commands)
      .filter((command) => classify(command) === undefined)
      .map((command) => `README line ${command.line}: ${command.command}  # ${command.comment}`);
    expect(unclassified).toEqual([]);
  });

  it("still hold every command the table names", () => {
    const commands = BLOCKS.flatMap((block) => block.commands);
    const stale = [...RUNNABLE, ...SKIPPED].filter(
      (entry) =>
        !commands.some(
          (command) =>
            command.command === entry.command && (entry.comment === undefined || entry.comment === command.comment),
        ),
    );
    expect(stale.map((entry) => entry.command)).toEqual([]);
  });

  it("say next to each runnable command what its check holds it to", () => {
    const unsaid = BLOCKS.flatMap((block) =>
      block.commands.flatMap((command) => {
        const entry = classify(command);
        if (!entry || !isRunnable(entry)) return [];
        const said = collapse(`${command.comment} ${block.context}`).includes(collapse(entry.says));
        return said ? [] : [`README line ${command.line}: "${entry.says}" is not said next to ${command.command}`];
      }),
    );
    expect(unsaid).toEqual([]);
  });

  it("run `npx powercron` as the package's bin, which is what npx finds", () => {
    const bin = (JSON.parse(readFileSync(`${REPO}/package.json`, "utf8")) as { bin: Record<string, string> }).bin;
    expect(bin.powercron).toBe(NPX_POWERCRON);
  });

  it("say what `npm test` runs, as package.json runs it (the spec cannot run it: it is among it)", () => {
    const scripts = (JSON.parse(readFileSync(`${REPO}/package.json`, "utf8")) as { scripts: Record<string, string> })
      .scripts;
    const said = BLOCKS.flatMap((block) => block.commands).find(
      (command) => command.command === "npm test" && command.comment.startsWith("="),
    );
    expect(said?.comment.slice(1).trim()).toBe(scripts.test?.replace(" --silent", ""));
  });

  it("give every skipped command a reason", () => {
    for (const entry of SKIPPED) expect(entry.skipped.length).toBeGreaterThan(10);
  });
});

async function execute(entry: Runnable, session: ShellSession): Promise<CommandResult> {
  switch (entry.way.kind) {
    case "run":
      return session.run(entry.command);
    case "background":
      return session.background(entry.command, entry.way.ready);
    case "kill":
      return session.kill(entry.way.job);
    case "serve":
      return (await session.serveThenInterrupt(entry.command, entry.way.ready)).ended;
  }
}

/** The blocks with a command to run, each named by its line and its commands. */
const RUNNABLE_BLOCKS = BLOCKS.filter((block) =>
  block.commands.some((command) => {
    const entry = classify(command);
    return entry !== undefined && isRunnable(entry);
  }),
).map((block) => ({ block, name: `line ${block.line}: ${block.commands.map((c) => c.command).join("; ")}` }));

describe.concurrent("README: each block, run as a person types it", () => {
  it.each(RUNNABLE_BLOCKS)("$name", { timeout: 120_000 }, async ({ block }: { block: ReadmeBlock }) => {
    const session = await ShellSession.open();
    try {
      for (const command of block.commands) {
        const entry = classify(command);
        if (!entry || !isRunnable(entry)) continue;
        entry.before?.(session);
        const result = await execute(entry, session);
        try {
          await entry.check(result, session);
        } catch (error) {
          const shown = `exit ${result.code ?? result.signal}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
          throw new Error(`README line ${command.line}: ${command.command}\n${String(error)}\n${shown.slice(0, 4000)}`);
        }
      }
    } finally {
      await session.close();
    }
  });
});
