import { describe, expect, it } from "vitest";
import type { InstanceView } from "../../src/domain/types.ts";
import { Mark } from "../../src/engine/instance-ledger.ts";
import { readTagPages } from "../../src/engine/tag-pages.ts";
import { fakeIds } from "../support/fake-provider.ts";
import { outcomes, targetParts } from "./target-parts.ts";

function tagged(count: number) {
  return fakeIds("ins", count).map((instanceId) => ({ instanceId, state: "running" as const, tags: { env: "dev" } }));
}

describe("readTagPages: the instances a target's tags select, page by page", () => {
  it.each([
    { pagination: "sequential" as const, count: 250, pages: 3 },
    { pagination: "all-cursors" as const, count: 250, pages: 3 },
    { pagination: "sequential" as const, count: 40, pages: 1 },
  ])("reads $count selected instances in $pages $pagination pages", async ({ pagination, count, pages }) => {
    const { provider, calls, ledger } = targetParts({
      fleet: [...tagged(count), { instanceId: "x", state: "running" }],
    });
    provider.pagination = pagination;
    const kept: InstanceView[] = [];
    let rooms = 0;
    await readTagPages(provider, calls, ledger, {
      tags: { env: "dev" },
      room: async () => {
        rooms++;
      },
      keep: (views) => kept.push(...views),
    });
    expect(kept).toHaveLength(count);
    expect(provider.calls).toHaveLength(pages);
    expect(rooms).toBe(pages - 1); // the first page never waits
    expect(ledger.marked(Mark.selectedByTags)).toHaveLength(count);
  });

  it("waits for room before each further page", async () => {
    const { provider, calls, ledger } = targetParts({ fleet: tagged(250) });
    let open: () => void = () => {};
    const room = new Promise<void>((resolve) => {
      open = resolve;
    });
    const reading = readTagPages(provider, calls, ledger, { tags: { env: "dev" }, room: () => room, keep: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(provider.calls).toHaveLength(1);
    open();
    await reading;
    expect(provider.calls).toHaveLength(3);
  });

  it("keeps the pages read before a page failed, and settles the failure under the selection's tags", async () => {
    const { provider, calls, ledger } = targetParts({ fleet: tagged(250), policy: { maxAttempts: 1 } });
    const kept: InstanceView[] = [];
    const reading = readTagPages(provider, calls, ledger, {
      tags: { env: "dev" },
      room: async () => {
        provider.failNext.push("AuthFailure");
      },
      keep: (views) => kept.push(...views),
    });
    await reading;
    expect(kept).toHaveLength(100);
    expect(outcomes(ledger)["tags:env=dev"]).toBe("failed AuthFailure");
  });
});
