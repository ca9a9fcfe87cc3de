/**
 * The progress line of a long `powercron run` on a terminal: on stderr, rewritten in place at most once a second
 * (the first after a second, so a short run shows none), counting what the run's providers did; cleared at the end so
 * the report prints on a clean line. Only where stderr gets colour (a TTY, or FORCE_COLOR): piped, there is none.
 */
import type { ComputeProvider, ProviderFactory } from "../providers/index.ts";

export interface ProgressCounts {
  described: number;
  calls: number;
}

/** The provider, its calls counted. Every member delegates, so the provider's own `this` is kept. */
export function countedProvider(inner: ComputeProvider, counts: ProgressCounts): ComputeProvider {
  return {
    provider: inner.provider,
    region: inner.region,
    maxIdsPerCall: inner.maxIdsPerCall,
    supportsDryRun: inner.supportsDryRun,
    describeCallsPerSecond: inner.describeCallsPerSecond,
    actionNames: inner.actionNames,
    notFoundCode: inner.notFoundCode,
    classify: (error, action, options) => inner.classify(error, action, options),
    optionsFor: (view, action, options) => inner.optionsFor(view, action, options),
    fallback: (error, action, options) => inner.fallback(error, action, options),
    checkCredentials: async () => inner.checkCredentials?.(),
    async describeByIds(ids, call) {
      const views = await inner.describeByIds(ids, call);
      counts.described += views.length;
      return views;
    },
    async describeByTags(tags, cursor, call) {
      const page = await inner.describeByTags(tags, cursor, call);
      counts.described += page.instances.length;
      return page;
    },
    start(ids, options, call) {
      counts.calls += 1;
      return inner.start(ids, options, call);
    },
    stop(ids, options, call) {
      counts.calls += 1;
      return inner.stop(ids, options, call);
    },
  };
}

export interface ProgressLineOptions {
  readonly action: string;
  readonly write: (text: string) => void;
  readonly now: () => number;
  readonly intervalMs?: number;
}

export class ProgressLine {
  readonly counts: ProgressCounts = { described: 0, calls: 0 };
  private readonly started: number;
  private readonly timer: ReturnType<typeof setInterval>;
  private shown = false;

  constructor(private readonly options: ProgressLineOptions) {
    this.started = options.now();
    this.timer = setInterval(() => this.show(), options.intervalMs ?? 1000);
    this.timer.unref();
  }

  /** The run's providers, counted for this line. */
  readonly observe = (providers: ProviderFactory): ProviderFactory => {
    return async (provider, region, account) =>
      countedProvider(await providers(provider, region, account), this.counts);
  };

  /** `stop: 12,000 instances described, 120 start/stop calls sent, 14 s`. */
  text(): string {
    const seconds = Math.round((this.options.now() - this.started) / 1000);
    const { described, calls } = this.counts;
    return (
      `${this.options.action}: ${described.toLocaleString("en-US")} instance${described === 1 ? "" : "s"} described, ` +
      `${calls.toLocaleString("en-US")} start/stop call${calls === 1 ? "" : "s"} sent, ${seconds} s`
    );
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
