import { describe, expect, it } from "vitest";
import { PowerRunFailedError } from "../../src/errors.ts";
import type { InstanceResult, Outcome, PowerReport } from "../../src/report/power-report.ts";
import { countOutcomes, failureOf } from "../../src/report/summarize.ts";

function result(instanceId: string, outcome: Outcome, code?: string): InstanceResult {
  return {
    provider: "tencent",
    region: "ap-shanghai",
    instanceId,
    before: "running",
    after: null,
    outcome,
    ...(code ? { code } : {}),
  };
}

function report(instances: InstanceResult[]): PowerReport {
  return {
    action: "stop",
    dryRun: false,
    startedAt: "2026-11-23T13:00:00.000Z",
    durationMs: 1,
    totals: countOutcomes(instances),
    apiCalls: {},
    instances,
  };
}

describe("Function: failureOf", () => {
  it.each<{ outcome: Outcome; fails: boolean }>([
    { outcome: "started", fails: false },
    { outcome: "stopped", fails: false },
    { outcome: "already-running", fails: false },
    { outcome: "already-stopped", fails: false },
    { outcome: "would-start", fails: false },
    { outcome: "would-stop", fails: false },
    { outcome: "kept-running", fails: false },
    { outcome: "refused", fails: true },
    { outcome: "not-found", fails: true },
    { outcome: "failed", fails: true },
  ])("$outcome makes the run fail: $fails", ({ outcome, fails }) => {
    const failure = failureOf(report([result("ins-aaaaaaaa", "stopped"), result("ins-bbbbbbbb", outcome)]));
    expect(failure !== undefined).toBe(fails);
  });

  it("names every failing instance with its outcome and code", () => {
    const failure = failureOf(
      report([
        result("ins-aaaaaaaa", "stopped"),
        result("ins-bbbbbbbb", "refused"),
        result("ins-cccccccc", "not-found", "InvalidInstanceId.NotFound"),
      ]),
    );
    expect(failure).toBeInstanceOf(PowerRunFailedError);
    expect(failure?.message).toBe(
      "stop failed for 2 of 3 instances: ins-bbbbbbbb (refused), ins-cccccccc (not-found: InvalidInstanceId.NotFound)",
    );
    expect(failure?.failures).toEqual([
      { instanceId: "ins-bbbbbbbb", outcome: "refused" },
      { instanceId: "ins-cccccccc", outcome: "not-found", code: "InvalidInstanceId.NotFound" },
    ]);
  });
});
