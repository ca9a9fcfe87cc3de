import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerOptions } from "../../src/domain/index.ts";
import { BatchFiller, chunk, halves } from "../../src/engine/batches.ts";

describe("Function: chunk and halves", () => {
  it.each([
    { n: 0, size: 100, sizes: [] },
    { n: 1, size: 100, sizes: [1] },
    { n: 100, size: 100, sizes: [100] },
    { n: 250, size: 100, sizes: [100, 100, 50] },
  ])("chunks $n items by $size into $sizes", ({ n, size, sizes }) => {
    expect(
      chunk(
        Array.from({ length: n }, (_, i) => i),
        size,
      ).map((c) => c.length),
    ).toEqual(sizes);
  });

  it.each([
    { n: 2, left: 1, right: 1 },
    { n: 5, left: 3, right: 2 },
    { n: 100, left: 50, right: 50 },
  ])("halves $n into $left and $right", ({ n, left, right }) => {
    const [l, r] = halves(Array.from({ length: n }, (_, i) => i));
    expect([l.length, r.length]).toEqual([left, right]);
  });
});

describe("Class: BatchFiller", () => {
  it("sends a batch as soon as it is full, per set of options, and the rest on sendPartial", () => {
    const sent: [number, PowerOptions][] = [];
    const filler = new BatchFiller(3, (ids, options) => sent.push([ids.length, options]));
    const hibernate = { ...DEFAULT_OPTIONS, hibernate: true };
    filler.add(["a", "b"], DEFAULT_OPTIONS);
    filler.add(["c"], hibernate);
    expect(sent).toEqual([]);
    filler.add(["d", "e"], DEFAULT_OPTIONS);
    expect(sent).toEqual([[3, DEFAULT_OPTIONS]]);
    filler.sendPartial();
    expect(sent).toEqual([
      [3, DEFAULT_OPTIONS],
      [1, DEFAULT_OPTIONS],
      [1, hibernate],
    ]);
    filler.sendPartial();
    expect(sent).toHaveLength(3);
  });
});
