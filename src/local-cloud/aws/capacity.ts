/**
 * EC2 capacity per Availability Zone: how many more instances each listed zone can start. A start of a stopped
 * instance uses one, an accepted stop of a running one gives one back. Zones not listed have no limit.
 */
export class ZoneCapacity {
  private readonly free: Map<string, number>;

  constructor(capacity: Readonly<Record<string, number>>) {
    this.free = new Map(Object.entries(capacity));
  }

  /** The zones, among those asked for, that have fewer free slots than the count needed there. */
  short(needed: ReadonlyMap<string, number>): string[] {
    return [...needed]
      .filter(([zone, count]) => count > (this.free.get(zone) ?? Number.POSITIVE_INFINITY))
      .map(([zone]) => zone);
  }

  use(zone: string): void {
    const free = this.free.get(zone);
    if (free !== undefined) this.free.set(zone, free - 1);
  }

  giveBack(zone: string): void {
    const free = this.free.get(zone);
    if (free !== undefined) this.free.set(zone, free + 1);
  }
}
