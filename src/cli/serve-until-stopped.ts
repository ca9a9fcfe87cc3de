/**
 * How a foreground server (`powercron local-cloud`) ends: on SIGTERM (`kill`, `kill %1`), SIGINT (Ctrl-C) or SIGHUP
 * (the terminal closed), and, when npm started it (`npx powercron local-cloud &`), when the npm process that started
 * it goes away: `kill %1` reaches npm, which ends its `sh -c` child, and the shell does not pass the signal on to the
 * CLI. Without this the server would live on as an orphan, holding its port.
 */
export const STOP_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

export interface StopOptions {
  /** Where the one "stopped" line goes. */
  readonly print: (line: string) => void;
  /** Ends the process once the server is closed. */
  readonly exit: (code: number) => void;
  /** Also stop when the parent process changes (the CLI was orphaned): on when npm or npx started it. */
  readonly watchParent: boolean;
  readonly parentPollMs?: number;
}

export interface ServerStopper {
  /** The server is up: `close` stops it (at once, if a signal came while it was starting). */
  serving(close: () => Promise<void>): void;
}

/**
 * Installs the signal handlers (and the parent watch) before the server starts, so that no signal sent once its
 * "listening" line is out can find the process without them; the server stops once, whichever comes first.
 */
export function stopOnSignals(options: StopOptions): ServerStopper {
  let reason: string | undefined;
  let close: (() => Promise<void>) | undefined;
  const parent = process.ppid;
  const finish = () => {
    if (reason === undefined || close === undefined) return;
    const why = reason;
    close()
      .catch(() => undefined)
      .then(() => {
        options.print(`local cloud stopped (${why})`);
        options.exit(0);
      });
  };
  const stop = (why: string) => {
    if (reason !== undefined) return;
    reason = why;
    clearInterval(watch);
    finish();
  };
  const watch = options.watchParent
    ? setInterval(() => {
        if (process.ppid !== parent) stop("the npm process that started it ended");
      }, options.parentPollMs ?? 500)
    : undefined;
  watch?.unref();
  for (const signal of STOP_SIGNALS) process.once(signal, () => stop(signal));
  return {
    serving(closeServer) {
      close = closeServer;
      finish();
    },
  };
}

/** Whether npm (npm exec / npx, npm run) started this process: npm sets npm_command in its children's environment. */
export function startedByNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_command !== undefined;
}
