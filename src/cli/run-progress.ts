/**
 * What the progress lines count: the calls of the run's (or the status's) providers, through a provider that counts
 * as it delegates. `powercron run` says `stop: 12,000 instances described, 120 start/stop calls sent, 14 s`.
 */
import type { ComputeProvider, ProviderFactory } from "../providers/index.ts";
import { counted, ProgressLine } from "./progress-line.ts";

export interface ProgressCounts {
  /** Instances the describe calls answered with. */
  described: number;
  /** Describe calls answered (pages read). */
  pages: number;
  /** Start/stop calls sent. */
  calls: number;
}

/** The provider, its calls counted. Every member delegates, so the provider's own `this` is kept. */
export function countedProvider(inner: ComputeProvider, counts: ProgressCounts): ComputeProvider {
  const byTagKey = inner.describeByTagKey?.bind(inner);
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
    // The stamps' tagging calls go through as they are (the progress line counts start/stop calls only).
    ...(inner.tagging === undefined ? {} : { tagging: inner.tagging }),
    async describeByIds(ids, call) {
      const views = await inner.describeByIds(ids, call);
      counts.pages += 1;
      counts.described += views.length;
      return views;
    },
    async describeByTags(tags, cursor, call) {
      const page = await inner.describeByTags(tags, cursor, call);
      counts.pages += 1;
      counts.described += page.instances.length;
      return page;
    },
    ...(byTagKey === undefined
      ? {}
      : {
          async describeByTagKey(key, cursor, call) {
            const page = await byTagKey(key, cursor, call);
            counts.pages += 1;
            counts.described += page.instances.length;
            return page;
          },
        }),
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

export interface CountedProgressOptions {
  readonly write: (text: string) => void;
  readonly now: () => number;
  readonly text: (counts: Readonly<ProgressCounts>, seconds: number) => string;
  readonly intervalMs?: number;
}

/** A progress line over counted providers. */
export class CountedProgress {
  readonly counts: ProgressCounts = { described: 0, pages: 0, calls: 0 };
  private readonly line: ProgressLine;

  constructor(options: CountedProgressOptions) {
    this.line = new ProgressLine({
      write: options.write,
      now: options.now,
      text: (seconds) => options.text(this.counts, seconds),
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    });
  }

  /** The providers, counted for this line. */
  readonly observe = (providers: ProviderFactory): ProviderFactory => {
    return async (provider, region, account) =>
      countedProvider(await providers(provider, region, account), this.counts);
  };

  text(): string {
    return this.line.text();
  }

  end(): void {
    this.line.end();
  }
}

/** `stop: 12,000 instances described, 120 start/stop calls sent, 14 s`. */
export function runProgressText(action: string) {
  return ({ described, calls }: Readonly<ProgressCounts>, seconds: number): string =>
    `${action}: ${counted(described, "instance")} described, ${counted(calls, "start/stop call")} sent, ${seconds} s`;
}
