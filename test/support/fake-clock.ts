import type { Clock } from "../../src/engine/clock.ts";

/**
 * Virtual time: sleep() resolves at once and moves the clock to the sleeper's wake-up time (never backwards), so
 * concurrent sleeps overlap as they would in real time, and tests can read how long a run would have taken.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private current = Date.UTC(2026, 10, 23, 12, 0, 0)) {}

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    const wake = this.current + Math.max(0, ms);
    await Promise.resolve();
    this.current = Math.max(this.current, wake);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
