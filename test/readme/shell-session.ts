/**
 * A person's terminal for one README block: a fresh copy of the repository to run in (so a command that writes, or a
 * build, touches no file of the checkout and no other spec's), a port of its own for the local cloud the README puts
 * on 9000, and a shell's job table. `npx powercron` runs the package's bin directly (see NPX_POWERCRON). Each command runs in `bash -c` in its own process group, as an interactive shell
 * runs a job: `&` leaves it running, `kill %N` sends SIGTERM to job N's group, Ctrl-C sends SIGINT to the
 * foreground's.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { REPO } from "../cli/support/cli-process.ts";

/** What a command did: its exit (null while it still runs), and everything it printed. */
export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Left out of the copy: what `npm ci` and the builds make (node_modules is linked), the git store, the specs. */
const NOT_COPIED = new Set(["node_modules", ".git", "dist", ".serverless", "bench-results", "coverage", "test"]);

/**
 * What `npx powercron` runs in this repository (its package.json `bin`), started directly: npm's own start-up would
 * cost each command about a second of CPU, and test/cli/local-cloud-lifecycle.test.ts runs the CLI through npx.
 */
export const NPX_POWERCRON = "bin/powercron.mjs";

/** The variables a person's shell may hold that would make a run reach a real cloud, or paint its output. */
const CLEARED =
  /^(TENCENTCLOUD_|AWS_ACCESS_KEY_ID$|AWS_SECRET_ACCESS_KEY$|AWS_SESSION_TOKEN$|AWS_PROFILE$|ALIBABA_CLOUD_|POWER_|POWERCRON_|FORCE_COLOR$|NO_COLOR$)/;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

class Job {
  stdout = "";
  stderr = "";
  readonly exited: Promise<CommandResult>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on("data", (chunk: Buffer) => {
      this.stdout += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) =>
      child.once("close", (code, signal) => resolve({ code, signal, stdout: this.stdout, stderr: this.stderr })),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends the signal to the job's process group (npx, its shell and the CLI), as a terminal's shell does. */
  signal(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // the group is gone already
    }
  }

  /** Resolves with what it printed so far once its output matches, or rejects when it ends or the time is up. */
  async ready(pattern: RegExp, timeoutMs = 30_000): Promise<CommandResult> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stdout + this.stderr)) {
      if (!this.running) throw new Error(`ended before ${pattern}; stdout: ${this.stdout}; stderr: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} in ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { code: null, signal: null, stdout: this.stdout, stderr: this.stderr };
  }
}

export class ShellSession {
  private readonly jobs: Job[] = [];

  private constructor(
    /** The copy of the repository the commands run in. */
    readonly dir: string,
    /** The port that stands for the README's 9000. */
    readonly port: number,
  ) {}

  static async open(): Promise<ShellSession> {
    const dir = await mkdtemp(join(tmpdir(), "powercron-readme-"));
    await cp(REPO, dir, {
      recursive: true,
      filter: (source) => !NOT_COPIED.has(relative(REPO, source).split("/")[0] ?? ""),
    });
    await symlink(await realpath(join(REPO, "node_modules")), join(dir, "node_modules"));
    return new ShellSession(dir, await freePort());
  }

  /**
   * The command as this session runs it: the README's port 9000 becomes the session's, and a `local-cloud` that
   * names no port is given it (9000 is its default), so that specs running at once never share a port.
   */
  localised(command: string): string {
    let ported = command.replaceAll(/\b9000\b/g, String(this.port));
    if (/\bpowercron local-cloud\b/.test(ported) && !/--port\b/.test(ported))
      ported = ported.replace(/\bpowercron local-cloud\b/, `powercron local-cloud --port ${this.port}`);
    return ported.replaceAll(/\bnpx powercron\b/g, `node ${NPX_POWERCRON}`);
  }

  private spawn(command: string): Job {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CLEARED.test(name)));
    const child = spawn("/bin/bash", ["-c", this.localised(command)], {
      cwd: this.dir,
      env: { ...env, npm_config_update_notifier: "false", npm_config_fund: "false" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new Job(child);
  }

  /** A command run to its end (killed after the timeout). */
  async run(command: string, timeoutMs = 60_000): Promise<CommandResult> {
    const job = this.spawn(command);
    const timer = setTimeout(() => job.signal("SIGKILL"), timeoutMs);
    try {
      return await job.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** `command &`: a background job, numbered from 1 as the shell does; resolves once its output matches `ready`. */
  async background(command: string, ready: RegExp): Promise<CommandResult> {
    const job = this.spawn(command.replace(/&\s*$/, ""));
    this.jobs.push(job);
    return job.ready(ready);
  }

  /** `kill %N`: SIGTERM to job N; resolves with everything it printed once it ended. */
  async kill(jobNumber: number): Promise<CommandResult> {
    const job = this.jobs[jobNumber - 1];
    if (!job) throw new Error(`kill %${jobNumber}: no such job`);
    job.signal("SIGTERM");
    return job.exited;
  }

  /** A foreground server: started, looked at once its output matches `ready`, then stopped with Ctrl-C. */
  async serveThenInterrupt(command: string, ready: RegExp): Promise<{ ready: CommandResult; ended: CommandResult }> {
    const job = this.spawn(command);
    try {
      const shown = await job.ready(ready);
      job.signal("SIGINT");
      return { ready: shown, ended: await job.exited };
    } finally {
      job.signal("SIGKILL");
    }
  }

  /** Ends every job still running (a person closing the terminal) and removes the copy. */
  async close(): Promise<void> {
    for (const job of this.jobs) job.signal("SIGKILL");
    await Promise.all(this.jobs.map((job) => job.exited));
    await rm(this.dir, { recursive: true, force: true });
  }
}
