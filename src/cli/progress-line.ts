/**
 * A progress line for long work on a terminal: on stderr, rewritten in place at most once an interval (a second by
 * default; the first after one interval, so short work shows none), cleared at the end so that what follows prints
 * on a clean line. The commands create one only where stderr gets colour (a TTY, or FORCE_COLOR): piped, there is
 * none. What it says comes from the command (`run-progress.ts`, `status-progress.ts`).
 */
export interface ProgressLineOptions {
  readonly write: (text: string) => void;
  readonly now: () => number;
  /** The line's text after so many whole seconds. */
  readonly text: (seconds: number) => string;
  readonly intervalMs?: number;
}

export class ProgressLine {
  private readonly started: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private shown = false;

  constructor(private readonly options: ProgressLineOptions) {
    this.started = options.now();
    this.timer = setInterval(() => this.show(), options.intervalMs ?? 1000);
    this.timer.unref();
  }

  text(): string {
    return this.options.text(Math.round((this.options.now() - this.started) / 1000));
  }

  private show(): void {
    this.shown = true;
    this.options.write(`\r\u001b[K${this.text()}`);
  }

  /** Stops the updates and clears the line, if one was shown. */
  end(): void {
    clearInterval(this.timer);
    if (this.shown) this.options.write("\r\u001b[K");
  }
}

/** `1 instance`, `12,000 instances`. */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : plural}`;
}
