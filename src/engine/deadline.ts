import type { Clock } from "./clock.ts";

/** The time the run may still spend, fixed when it starts: every wait and retry is bounded by it. */
export class Deadline {
  constructor(
    private readonly clock: Clock,
    readonly at: number,
  ) {}

  static after(clock: Clock, budgetMs: number): Deadline {
    return new Deadline(clock, clock.now() + budgetMs);
  }

  remainingMs(): number {
    return this.at - this.clock.now();
  }

  /** True when sleeping `ms` now would still leave time for one more call. */
  allowsWait(ms: number, callAllowanceMs: number): boolean {
    return this.remainingMs() - ms > callAllowanceMs;
  }
}
