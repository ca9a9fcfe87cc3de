import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerAction } from "../../src/domain/types.ts";
import { runPower } from "../../src/engine/run-power.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";

const NOW = Date.parse("2026-12-02T08:00:00Z");

async function run(action: PowerAction, tags: Record<string, string>, state: "running" | "stopped") {
  const instanceId = "ins-skip0001";
  const cloud = new FakeProvider("tencent", "ap-shanghai", [{ instanceId, state, tags }]);
  const report = await runPower(
    {
      action,
      targets: [{ provider: "tencent", region: "ap-shanghai", instanceIds: [instanceId], tags: {} }],
      options: DEFAULT_OPTIONS,
      scope: {},
    },
    { providers: () => cloud, clock: new FakeClock(NOW), random: () => 0.5, budgetMs: 60_000 },
  );
  return { result: report.instances[0], actionCalls: cloud.actionCalls().length, report };
}

describe("the powercron:skip opt-out tag, for start and stop alike", () => {
  it.each([
    { action: "stop", state: "running", skip: "true", outcome: "skipped-by-tag", calls: 0 },
    { action: "start", state: "stopped", skip: "true", outcome: "skipped-by-tag", calls: 0 },
    { action: "stop", state: "running", skip: "2026-12-03T00:00:00Z", outcome: "skipped-by-tag", calls: 0 },
    { action: "start", state: "stopped", skip: "2026-12-03T00:00:00Z", outcome: "skipped-by-tag", calls: 0 },
    { action: "stop", state: "running", skip: "2026-12-01T00:00:00Z", outcome: "stopped", calls: 1 },
    { action: "start", state: "stopped", skip: "soon", outcome: "started", calls: 1 },
    { action: "stop", state: "running", skip: "false", outcome: "stopped", calls: 1 },
  ] as const)(
    "$action of a $state instance with skip=$skip → $outcome",
    async ({ action, state, skip, outcome, calls }) => {
      const { result, actionCalls } = await run(action, { "powercron:skip": skip }, state);
      expect(result?.outcome).toBe(outcome);
      expect(actionCalls).toBe(calls);
      if (outcome === "skipped-by-tag") expect(result?.message).toMatch(/^powercron:skip(=true| until 2026-12-03T00)/);
    },
  );

  it("notes an unreadable or expired value on the row, and acts as if there were no tag", async () => {
    const unreadable = await run("start", { "powercron:skip": "soon" }, "stopped");
    expect(unreadable.result?.notes).toEqual([expect.stringMatching(/powercron:skip "soon" is neither/)]);
    const expired = await run("stop", { "powercron:skip": "2026-12-01T00:00:00Z" }, "running");
    expect(expired.result?.notes).toEqual([expect.stringMatching(/has passed; ignored/)]);
  });

  it("holds over the keep-running tag, and the totals count it as skipped-by-tag", async () => {
    const { result, report } = await run(
      "stop",
      { "powercron:skip": "true", "powercron:keep-running-until": "2026-12-01T00:00:00Z" },
      "running",
    );
    expect(result?.outcome).toBe("skipped-by-tag");
    expect(report.totals).toEqual({ instances: 1, "skipped-by-tag": 1 });
  });
});
