/**
 * How a foreground server (`powercron local-cloud`) ends: on SIGTERM (`kill`, `kill %1`), SIGINT (Ctrl-C) or SIGHUP
 * (the terminal closed), and, when npm started it (`npx powercron local-cloud &`), when the npm process that started
 * it goes away: `kill %1` reaches npm, which ends its `sh -c` child, and the shell does not pass the signal on to the
 * CLI. Without this the server would live on as an orphan, holding its port.
 */
export const STOP_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

export interface ServeUntilStoppedOptions {
  /** Stops the server; resolves once its port is free. */
  readonly close: () => Promise<void>;
  /** Where the one "stopped" line goes. */
  readonly print: (line: string) => void;
  /** Ends the process once the server is closed. */
  readonly exit: (code: number) => void;
  /** Also stop when the parent process changes (the CLI was orphaned): on when npm or npx started it. */
  readonly watchParent: boolean;
  readonly parentPollMs?: number;
}

/** Installs the signal handlers (and the parent watch); the server stops once, whichever comes first. */
export function serveUntilStopped(options: ServeUntilStoppedOptions): void {
  let stopping = false;
  const parent = process.ppid;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(watch);
    options
      .close()
      .catch(() => undefined)
      .then(() => {
        options.print(`local cloud stopped (${why})`);
        options.exit(0);
      });
  };
  const watch = options.watchParent
    ? setInterval(() => {
        if (process.ppid !== parent) stop(`the npm process that started it ended`);
      }, options.parentPollMs ?? 500)
    : undefined;
  watch?.unref();
  for (const signal of STOP_SIGNALS) process.once(signal, () => stop(signal));
}

/** Whether npm (npm exec / npx, npm run) started this process: npm sets npm_command in its children's environment. */
export function startedByNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_command !== undefined;
}
