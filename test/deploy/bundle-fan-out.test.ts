/**
 * A function bundle carries the fan-out only when its platform has a group across accounts: otherwise its fires run in
 * one invocation, and the orchestration and the worker side are stubs (a worker event is refused, nothing done).
 */
import { describe, expect, it } from "vitest";
import { leftOutFanOut, usesFanOut } from "../../src/deploy/bundle-fan-out.ts";
import type { ScheduleConfig } from "../../src/schedule/index.ts";

function configOf(...groups: Record<string, unknown>[]): ScheduleConfig {
  return { groups, accounts: [], calendars: {} } as unknown as ScheduleConfig;
}

describe("Function: usesFanOut / leftOutFanOut", () => {
  it.each([
    { what: "no group spans accounts", groups: [{ platform: "scf" }], scf: false },
    { what: "a group with declared accounts", groups: [{ platform: "scf", accounts: ["a", "b"] }], scf: true },
    { what: "a group with an organisation", groups: [{ platform: "scf", organization: { role: "r" } }], scf: true },
    { what: "accounts only on the other platform", groups: [{ platform: "aws", accounts: ["a"] }], scf: false },
  ])("$what: the scf bundle carries the fan-out = $scf", ({ groups, scf }) => {
    const config = configOf(...groups);
    expect(usesFanOut("scf", config)).toBe(scf);
    const stubs = leftOutFanOut("scf", config).map((module) => module.file);
    expect(stubs).toEqual(scf ? [] : ["src/runtime/fan-out.ts", "src/runtime/run-worker.ts"]);
  });

  it("the stubs never fan out and refuse a worker event, naming why", async () => {
    const [fanOut, worker] = leftOutFanOut("scf", configOf({ platform: "scf" }));
    expect(fanOut?.contents).toContain("export const fanOutSlices = () => undefined;");
    expect(worker?.message).toMatch(/^worker event refused: this scf bundle carries no fan-out .*nothing was done$/);
  });
});
