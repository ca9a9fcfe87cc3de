/** Time, injected: the engine never reads the global clock itself, so tests can run hours of backoff in microseconds. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A random source in [0, 1), injected for reproducible jitter. */
export type Random = () => number;
