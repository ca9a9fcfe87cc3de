/**
 * `powercron run` on a terminal counts its calls through a provider that delegates: it must keep every capability of
 * the provider it wraps, or a run with the progress line would silently lose them (the stamps' tagging, the describe
 * by tag key of the schedule tag).
 */
import { describe, expect, it } from "vitest";
import { countedProvider } from "../../src/cli/run-progress.ts";
import { DEFAULT_OPTIONS } from "../../src/domain/index.ts";
import type { ProviderTagging } from "../../src/providers/index.ts";
import { FakeProvider } from "../support/fake-provider.ts";

describe("Function: countedProvider", () => {
  it("keeps the tagging of the provider it wraps, the same object", () => {
    const inner = new FakeProvider("aws", "us-east-1");
    const tagging = { limits: { maxIdsPerCall: 1000 } } as unknown as ProviderTagging;
    Object.assign(inner, { tagging });
    const counts = { described: 0, pages: 0, calls: 0 };
    expect(countedProvider(inner, counts).tagging).toBe(tagging);
  });

  it("has no tagging when the provider it wraps has none", () => {
    const inner = new FakeProvider("aws", "us-east-1");
    Object.assign(inner, { tagging: undefined });
    expect(countedProvider(inner, { described: 0, pages: 0, calls: 0 }).tagging).toBeUndefined();
  });

  it("counts start and stop calls and describe pages as it delegates", async () => {
    const inner = new FakeProvider("aws", "us-east-1", [{ instanceId: "i-0123456789abcdef0", state: "running" }]);
    const counts = { described: 0, pages: 0, calls: 0 };
    const provider = countedProvider(inner, counts);
    await provider.describeByIds(["i-0123456789abcdef0"]);
    await provider.stop(["i-0123456789abcdef0"], DEFAULT_OPTIONS);
    expect(counts).toEqual({ described: 1, pages: 1, calls: 1 });
  });
});
