import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS } from "../../src/domain/types.ts";
import { runPower } from "../../src/engine/run-power.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";

const NOW = Date.parse("2026-12-02T08:00:00Z");

async function stop(tags: Record<string, string>, knownSchedules?: readonly string[]) {
  const instanceId = "ins-sched001";
  const cloud = new FakeProvider("tencent", "ap-shanghai", [{ instanceId, state: "running", tags }]);
  const report = await runPower(
    {
      action: "stop",
      targets: [{ provider: "tencent", region: "ap-shanghai", instanceIds: [], tags: { env: "dev" } }],
      options: DEFAULT_OPTIONS,
      scope: {},
      ...(knownSchedules === undefined ? {} : { knownSchedules }),
    },
    { providers: () => cloud, clock: new FakeClock(NOW), random: () => 0.5, budgetMs: 60_000 },
  );
  return report.instances[0];
}

describe("a schedule tag naming no schedule, seen by a group's run", () => {
  it("is noted on the row, and the run acts as the group says (never guessing the schedule)", async () => {
    const row = await stop({ env: "dev", "powercron:schedule": "ofice-hours" }, ["office-hours"]);
    expect(row?.outcome).toBe("stopped");
    expect(row?.notes).toEqual([
      'powercron:schedule "ofice-hours" names no schedule (schedules: office-hours); it follows no schedule',
    ]);
  });

  it.each<{ case: string; tags: Record<string, string>; known: string[] | undefined }>([
    {
      case: "a tag naming a schedule",
      tags: { env: "dev", "powercron:schedule": "office-hours" },
      known: ["office-hours"],
    },
    { case: "no schedule tag", tags: { env: "dev" }, known: ["office-hours"] },
    {
      case: "a request with no config (an event's own)",
      tags: { env: "dev", "powercron:schedule": "x" },
      known: undefined,
    },
  ])("notes nothing for $case", async ({ tags, known }) => {
    const row = await stop(tags, known);
    expect(row?.outcome).toBe("stopped");
    expect(row?.notes ?? []).toEqual([]);
  });
});
