/**
 * The shape of the README command table (readme-skipped.ts, readme-runnable.ts) and the checks its entries share:
 * a local cloud listening and stopped, the calls of a deploy, a report's api-calls line.
 */
import { createServer } from "node:net";
import { expect } from "vitest";
import type { CommandResult, ShellSession } from "./shell-session.ts";

export interface Classified {
  readonly command: string;
  readonly comment?: string;
}

export interface Skipped extends Classified {
  /** Why the spec cannot run it offline. */
  readonly skipped: string;
}

export type Way =
  /** Runs to its end. */
  | { readonly kind: "run" }
  /** `command &`: a background job, looked at once its output matches. */
  | { readonly kind: "background"; readonly ready: RegExp }
  /** A foreground server: looked at once its output matches, then stopped with Ctrl-C. */
  | { readonly kind: "serve"; readonly ready: RegExp }
  /** `kill %N`. */
  | { readonly kind: "kill"; readonly job: number };

export interface Runnable extends Classified {
  /** Words of the README (its comment on the line, or the paragraph before or after the block) this check holds. */
  readonly says: string;
  readonly way: Way;
  /** What the person did first (edited the config, added a file), in the session's copy of the repository. */
  readonly before?: (session: ShellSession) => void;
  readonly check: (result: CommandResult, session: ShellSession) => void | Promise<void>;
}

export const REPORT_TITLE = /^(start|stop): [\d,]+ instances? in \d+ ms$/gm;
export const LISTENING = /local cloud listening on http:\/\/127\.0\.0\.1:\d+ \(\d+ instances\)/;

export function apiCalls(stdout: string): string {
  return /^api calls: (.*)$/m.exec(stdout)?.[1] ?? "";
}

/** Whether the port takes a new listener, within 10 s (the server before it has let it go). */
async function portFree(port: number): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** A local cloud (job or foreground) that stopped on `signal`: its line on stderr, and its port free again. */
export async function stoppedAndFreed(result: CommandResult, session: ShellSession, signal: string): Promise<void> {
  expect(result.stderr).toContain(`local cloud stopped (${signal})`);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(await portFree(session.port)).toBe(true);
}

export function listeningOn(result: CommandResult, session: ShellSession): void {
  expect(result.stdout).toMatch(LISTENING);
  expect(result.stdout).toContain(`http://127.0.0.1:${session.port} `);
}

export function servesThenStopsOnCtrlC(result: CommandResult, session: ShellSession): Promise<void> {
  listeningOn(result, session);
  return stoppedAndFreed(result, session, "SIGINT");
}

/** The calls `deploy scf` made (or, on a dry run, would make): `[verb, FunctionName]`. */
export function deployCalls(stdout: string, prefix: "call" | "would call"): string[][] {
  return [...stdout.matchAll(new RegExp(`^${prefix} (\\w+) \\{"FunctionName":"([^"]+)"`, "gm"))].map((match) => [
    match[1] ?? "",
    match[2] ?? "",
  ]);
}
