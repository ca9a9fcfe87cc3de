import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerAction } from "../../src/domain/types.ts";
import { runPower } from "../../src/engine/run-power.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";

const TAG = "powercron:keep-running-until";
const NOW = Date.parse("2026-11-23T12:00:00Z");

async function run(action: PowerAction, tagValue: string | undefined, state: "running" | "stopped" = "running") {
  const instanceId = "ins-keep0001";
  const cloud = new FakeProvider("tencent", "ap-shanghai", [
    { instanceId, state, tags: tagValue === undefined ? {} : { [TAG]: tagValue } },
  ]);
  const clock = new FakeClock(NOW);
  const report = await runPower(
    {
      action,
      targets: [{ provider: "tencent", region: "ap-shanghai", instanceIds: [instanceId], tags: {} }],
      options: DEFAULT_OPTIONS,
      scope: {},
    },
    { providers: () => cloud, clock, random: () => 0.5, budgetMs: 60_000 },
  );
  const [result] = report.instances;
  return { result, actionCalls: cloud.actionCalls().length };
}

describe("the keep-running override tag", () => {
  it.each([
    { tag: "2026-11-23T21:00:00+08:00", outcome: "kept-running", calls: 0, note: undefined },
    { tag: "2026-11-23T12:00:01Z", outcome: "kept-running", calls: 0, note: undefined },
    { tag: "2026-11-23T19:59:59+08:00", outcome: "stopped", calls: 1, note: /has passed; ignored/ },
    { tag: "tomorrow evening", outcome: "stopped", calls: 1, note: /"tomorrow evening" is not an ISO 8601/ },
    { tag: "2026-11-23T21:00:00", outcome: "stopped", calls: 1, note: /not an ISO 8601 date-time with offset/ },
    { tag: undefined, outcome: "stopped", calls: 1, note: undefined },
  ])("stop with $tag → $outcome", async ({ tag, outcome, calls, note }) => {
    const { result, actionCalls } = await run("stop", tag);
    expect(result?.outcome).toBe(outcome);
    expect(actionCalls).toBe(calls);
    if (note) expect(result?.notes).toEqual([expect.stringMatching(note)]);
    else expect(result?.notes ?? []).toEqual([]);
    if (outcome === "kept-running") expect(result?.message).toMatch(/until 2026-11-23T1[23]:00/);
  });

  it("does not stop start: a tagged stopped instance is started as usual", async () => {
    const { result, actionCalls } = await run("start", "2026-11-30T00:00:00Z", "stopped");
    expect([result?.outcome, actionCalls]).toEqual(["started", 1]);
  });

  it("an already stopped instance stays already-stopped, whatever its tag says", async () => {
    const { result, actionCalls } = await run("stop", "2026-11-30T00:00:00Z", "stopped");
    expect([result?.outcome, actionCalls]).toEqual(["already-stopped", 0]);
  });
});
