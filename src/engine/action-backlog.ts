/**
 * The instances handed to start/stop calls that have not been answered yet. Describe pages wait while it is full:
 * the action calls (10 a second per region) are a large run's bottleneck, so reading further ahead only piles pages
 * up in memory and parses them while the action calls wait for the event loop (measured at 2 × 50,000 EC2: the stop
 * calls fell to 6.6 a second while 100 pages of 1,000 were parsed back to back).
 *
 * Only batches already handed over count, never a batch still filling: those complete whatever the describes do, so a
 * page waiting for room always gets it.
 */
export class ActionBacklog {
  private queued = 0;
  private waiting: { wake: () => void; regardless: () => boolean }[] = [];

  constructor(readonly limit: number) {}

  get size(): number {
    return this.queued;
  }

  add(count: number): void {
    this.queued += count;
  }

  done(count: number): void {
    this.queued = Math.max(0, this.queued - count);
    const still: typeof this.waiting = [];
    for (const waiter of this.waiting) {
      if (this.queued < this.limit || waiter.regardless()) waiter.wake();
      else still.push(waiter);
    }
    this.waiting = still;
  }

  /**
   * Resolves at once while the backlog is under its limit or `regardless()` holds, else as soon as one of them does
   * (looked at again each time a call is answered).
   */
  room(regardless: () => boolean = () => false): Promise<void> {
    if (this.queued < this.limit || regardless()) return Promise.resolve();
    return new Promise((wake) => this.waiting.push({ wake, regardless }));
  }
}
