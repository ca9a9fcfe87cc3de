import { describe, expect, it } from "vitest";
import { LOG_CHUNK_BYTES, RETURNED_ROWS, reportLogLines, returnedReport, runOf } from "../../src/report/log-lines.ts";
import type { InstanceResult, Outcome, PowerReport } from "../../src/report/power-report.ts";
import { countOutcomes } from "../../src/report/summarize.ts";

function row(i: number, outcome: Outcome, extra: Partial<InstanceResult> = {}): InstanceResult {
  return {
    provider: "tencent",
    region: "ap-shanghai",
    instanceId: `ins-${i.toString(36).padStart(8, "0")}`,
    before: "running",
    after: outcome === "stopped" ? "stopping" : "running",
    outcome,
    ...extra,
  };
}

function report(instances: InstanceResult[]): PowerReport {
  return {
    action: "stop",
    dryRun: false,
    startedAt: "2026-11-23T13:00:00.000Z",
    durationMs: 1000,
    totals: countOutcomes(instances),
    apiCalls: { DescribeInstances: 1, StopInstances: 1 },
    instances,
  };
}

const LONG = "x".repeat(200_000);

describe("Module: log lines", () => {
  it.each([
    { case: "a small run", rows: [row(1, "stopped"), row(2, "already-stopped")], lines: 2 },
    { case: "no instances", rows: [], lines: 1 },
    {
      case: "rows with 200 KB messages and many notes",
      rows: Array.from({ length: 50 }, (_, i) =>
        row(i, "failed", { code: LONG, message: LONG, notes: Array.from({ length: 40 }, () => LONG) }),
      ),
      lines: undefined,
    },
  ])("writes lines of at most 64 KB, each JSON on its own: $case", ({ rows, lines }) => {
    const written = [...reportLogLines(runOf(report(rows)))];
    if (lines !== undefined) expect(written).toHaveLength(lines);
    for (const line of written) {
      expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(64 * 1024);
      expect(() => JSON.parse(line)).not.toThrow();
    }
    const logged = written.slice(1).flatMap((line) => (JSON.parse(line) as PowerReport).instances);
    expect(logged.map((r) => r.instanceId)).toEqual(rows.map((r) => r.instanceId));
  });

  it("fills detail lines close to the chunk size, not one row a line", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(i, "stopped"));
    const written = [...reportLogLines(runOf(report(rows)))];
    const detail = written.slice(1).map((line) => Buffer.byteLength(line, "utf8"));
    expect(detail.slice(0, -1).every((size) => size > LOG_CHUNK_BYTES * 0.9 && size <= LOG_CHUNK_BYTES + 200)).toBe(
      true,
    );
  });

  it("names no failures in the summary of a run without any", () => {
    const [summary] = [...reportLogLines(runOf(report([row(1, "stopped")])))];
    const parsed = JSON.parse(summary ?? "{}") as Record<string, unknown>;
    expect(parsed).toMatchObject({ powercron: "summary", totals: { instances: 1, stopped: 1 }, detailLines: 1 });
    expect(parsed).not.toHaveProperty("failure");
    expect(parsed).not.toHaveProperty("failures");
  });
});

describe("Module: the value a function returns", () => {
  it("is the whole report up to the cap", () => {
    const rows = Array.from({ length: RETURNED_ROWS }, (_, i) => row(i, "stopped"));
    const returned = returnedReport(runOf(report(rows)));
    expect(returned.instances).toHaveLength(RETURNED_ROWS);
    expect(returned.omitted).toBeUndefined();
  });

  it("beyond the cap holds only the rows that matter (drift corrections too), and counts the others", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => row(i, "stopped"));
    rows[10] = row(10, "not-found", { code: "InvalidInstanceId.NotFound" });
    rows[20] = row(20, "kept-running", { message: "until 2026-11-24T08:00:00.000Z" });
    rows[30] = row(30, "stopped", { notes: ["STOP_CHARGING refused; stopped with KEEP_CHARGING instead"] });
    rows[40] = row(40, "refused", { code: "OutOfScope" });
    rows[50] = row(50, "stopped", { reason: "drift", dueAt: "2026-11-23T12:00:00.000Z" });
    const returned = returnedReport(runOf(report(rows)));
    expect(returned.instances.map((r) => r.instanceId)).toEqual([10, 20, 30, 40, 50].map((i) => rows[i]?.instanceId));
    expect(returned.omitted?.instances).toBe(100_000 - 5);
    expect(returned.totals.instances).toBe(100_000);
  });

  it("stays far within the platforms' 6 MB when 100,000 instances fail with long messages", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      row(i, "failed", { code: "InternalError", message: LONG, notes: [LONG, LONG] }),
    );
    const returned = returnedReport(runOf(report(rows)));
    expect(returned.instances).toHaveLength(RETURNED_ROWS);
    expect(Buffer.byteLength(JSON.stringify(returned), "utf8")).toBeLessThan(6 * 1024 * 1024);
  });
});
