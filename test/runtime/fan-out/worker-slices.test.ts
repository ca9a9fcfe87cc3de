import { describe, expect, it } from "vitest";
import type { Partition } from "../../../src/runtime/worker-event.ts";
import { partitionLabel, slicePartitions } from "../../../src/runtime/worker-slices.ts";

const p = (text: string): Partition => {
  const [account, region = ""] = text.includes("/") ? text.split("/") : [undefined, text];
  return { region, ...(account ? { account } : {}) };
};
const labels = (slices: Partition[][]) => slices.map((slice) => slice.map(partitionLabel).join(" "));

describe("Function: slicePartitions", () => {
  it.each([
    {
      name: "whole accounts packed up to N partitions",
      partitions: ["a/r1", "a/r2", "b/r1", "b/r2", "c/r1"],
      perSlice: 4,
      slices: ["a/r1 a/r2 b/r1 b/r2", "c/r1"],
    },
    {
      name: "an account that does not fit starts the next slice (its role is assumed by one worker)",
      partitions: ["a/r1", "a/r2", "b/r1", "b/r2", "b/r3"],
      perSlice: 4,
      slices: ["a/r1 a/r2", "b/r1 b/r2 b/r3"],
    },
    {
      name: "an account with more regions than N is split in full slices",
      partitions: ["a/r1", "a/r2", "a/r3", "b/r1"],
      perSlice: 2,
      slices: ["a/r1 a/r2", "a/r3 b/r1"],
    },
    {
      name: "one region per account: N accounts a slice",
      partitions: ["a/r1", "b/r1", "c/r1", "d/r1", "e/r1"],
      perSlice: 2,
      slices: ["a/r1 b/r1", "c/r1 d/r1", "e/r1"],
    },
    { name: "the function's own account", partitions: ["r1", "r2", "r3"], perSlice: 2, slices: ["r1 r2", "r3"] },
  ])("$name", ({ partitions, perSlice, slices }) => {
    const sliced = slicePartitions(partitions.map(p), perSlice);
    expect(labels(sliced)).toEqual(slices);
    expect(sliced.flat().map(partitionLabel).sort()).toEqual([...partitions].sort());
    for (const slice of sliced) expect(slice.length).toBeLessThanOrEqual(perSlice);
  });

  it("refuses a slice size below 1", () => {
    expect(() => slicePartitions([p("a/r1")], 0)).toThrow(RangeError);
  });
});
