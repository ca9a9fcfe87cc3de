import type { PowerReport } from "../../../src/report/power-report.ts";

/** A stop report of `ok` stopped instances and `failed` failed ones (codes cycle through two). */
export function stopReport(ok: number, failed: number, provider: "tencent" | "aws" = "tencent"): PowerReport {
  const id = (n: number) =>
    provider === "tencent" ? `ins-${n.toString(36).padStart(8, "0")}` : `i-${n.toString(16).padStart(17, "0")}`;
  const instances = [
    ...Array.from({ length: ok }, (_, n) => ({
      provider,
      region: "ap-shanghai",
      instanceId: id(n),
      before: "running",
      after: "stopping",
      outcome: "stopped" as const,
    })),
    ...Array.from({ length: failed }, (_, n) => ({
      provider,
      region: "ap-shanghai",
      instanceId: id(1000 + n),
      before: "running",
      after: "running",
      outcome: "failed" as const,
      code: n % 2 === 0 ? "LimitExceeded" : "InternalError",
    })),
  ];
  return {
    action: "stop",
    dryRun: false,
    startedAt: "2026-11-23T13:00:01.000Z",
    durationMs: 12_345,
    totals: { instances: ok + failed, ...(ok ? { stopped: ok } : {}), ...(failed ? { failed } : {}) },
    apiCalls: { DescribeInstances: 1, StopInstances: 1 },
    instances,
  };
}
