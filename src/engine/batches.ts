import type { PowerOptions } from "../domain/index.ts";

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function halves<T>(items: readonly T[]): [T[], T[]] {
  const middle = Math.ceil(items.length / 2);
  return [items.slice(0, middle), items.slice(middle)];
}

/**
 * Fills action batches per set of options (hibernating stops apart from plain ones, say) and hands each batch over as
 * soon as it holds `size` IDs, so a run makes the fewest calls while batches still go out early.
 */
export class BatchFiller {
  private readonly filling = new Map<string, { options: PowerOptions; ids: string[] }>();

  constructor(
    private readonly size: number,
    private readonly send: (ids: string[], options: PowerOptions) => void,
  ) {}

  add(ids: readonly string[], options: PowerOptions): void {
    if (ids.length === 0) return;
    const key = JSON.stringify(options);
    const batch = this.filling.get(key) ?? { options, ids: [] };
    this.filling.set(key, batch);
    batch.ids.push(...ids);
    while (batch.ids.length >= this.size) this.send(batch.ids.splice(0, this.size), options);
  }

  /** Hands over what is left in the batches being filled. */
  sendPartial(): void {
    for (const batch of this.filling.values()) {
      if (batch.ids.length > 0) this.send(batch.ids.splice(0), batch.options);
    }
  }
}
