/**
 * The real `powercron` command in a child process: bin/powercron.mjs over the CLI prebuilt into bin/cli/ (`npm run
 * build:cli`, which `npm test` runs first).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../..", import.meta.url));
export const BIN = join(REPO, "bin/powercron.mjs");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `powercron ARGS` to its end, with this environment over the test's (no colour unless asked). */
export function runCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO, env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** A running `powercron local-cloud` (or npx …) child and the URL it printed. */
export interface ServingCli {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Spawns the command and waits for its `local cloud listening on URL` line. */
export async function serveCli(command: string, args: readonly string[]): Promise<ServingCli> {
  const child = spawn(command, [...args], { cwd: REPO, env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${stderr}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", () => reject(new Error(`exited before listening; stderr: ${stderr}`)));
  });
  return { child, url, exited };
}
