import { describe, expect, it } from "vitest";
import { ScheduleMisfireError } from "../../src/errors.ts";
import { alertOfError, alertOfReport } from "../../src/notify/alert.ts";
import { alertMessage, defaultLocale, markdownOf, plainTextOf } from "../../src/notify/message.ts";
import { stopReport } from "./support/alerts.ts";

const FACTS = { action: "stop" as const, groups: ["payments-test"], requestId: "r-9" };

describe("Function: alertMessage", () => {
  it("lists the first 20 failures with their codes, then counts the rest (English)", () => {
    const alert = alertOfReport(stopReport(2, 25, "aws"), FACTS);
    if (alert === undefined) throw new Error("no alert");
    const message = alertMessage(alert, defaultLocale(alert.provider));
    expect(message.title).toBe("powercron stop failed for 25 of 27 instances");
    expect(message.failures).toHaveLength(20);
    expect(message.failures[0]).toBe("i-000000000000003e8 (failed: LimitExceeded)");
    expect(message.more).toBe("and 5 more");
    const text = plainTextOf(message);
    expect(text).toContain("Outcomes: stopped 2, failed 25");
    expect(text).toContain("Duration: 12.3 s");
    expect(text).toContain("Request ID: r-9");
    expect(markdownOf(message)).toContain("**Group**: payments-test");
  });

  it.each([
    [stopReport(3, 0), undefined, "success", "powercron 关机完成:3 台"],
    [stopReport(0, 1), undefined, "failure", "powercron 关机失败:1 台中 1 台失败"],
  ])("says the run's kind in Chinese for Tencent runs", (report, _x, kind, title) => {
    const alert = alertOfReport(report, FACTS);
    expect(alert?.kind).toBe(kind);
    if (alert) expect(alertMessage(alert, "zh").title).toBe(title);
  });

  it("sends nothing for a skipped run", () => {
    expect(alertOfReport({ ...stopReport(0, 0), skipped: { reason: "stale" } }, FACTS)).toBeUndefined();
  });

  it("a misfire takes its trigger and fire time from the error", () => {
    const error = new ScheduleMisfireError('misfire: trigger "t": 05:17 is no scheduled time', {
      trigger: "office-stop",
      firedAt: "2026-11-23T05:17:00Z",
    });
    const alert = alertOfError(error, { action: "stop", groups: ["office"] }, 40, error.message);
    expect(alert).toMatchObject({ kind: "misfire", trigger: "office-stop", firedAt: "2026-11-23T05:17:00Z" });
    const message = alertMessage(alert, "en");
    expect(message.title).toBe("powercron misfire: stop fired at no scheduled time");
    expect(message.color).toBe("orange");
    expect(plainTextOf(message)).toContain("Error: misfire: trigger");
  });
});

/** An enforce run's report: `drifted` instances corrected (reason drift), `clean` already stopped, `failed` failed. */
function enforceReport(drifted: number, clean: number, failed = 0) {
  const base = stopReport(drifted, failed);
  const instances = base.instances.map((row) =>
    row.outcome === "stopped" ? { ...row, reason: "drift" as const, dueAt: "2026-11-23T12:00:00.000Z" } : row,
  );
  const already = Array.from({ length: clean }, (_, n) => ({
    provider: "tencent" as const,
    region: "ap-shanghai",
    instanceId: `ins-c${String(n).padStart(7, "0")}`,
    before: "stopped",
    after: "stopped",
    outcome: "already-stopped" as const,
  }));
  return {
    ...base,
    totals: { ...base.totals, instances: drifted + clean + failed, ...(clean ? { "already-stopped": clean } : {}) },
    instances: [...instances, ...already],
  };
}

describe("Drift alerts (an enforce run corrected instances)", () => {
  it.each([
    { case: "two corrected among 50", drifted: 2, clean: 48, failed: 0, kind: "drift", listed: 2 },
    { case: "nothing drifted", drifted: 0, clean: 50, failed: 0, kind: "success", listed: 0 },
    { case: "a correction that failed too", drifted: 2, clean: 47, failed: 1, kind: "failure", listed: 1 },
  ])("$case: a $kind alert listing $listed instance(s)", ({ drifted, clean, failed, kind, listed }) => {
    const alert = alertOfReport(enforceReport(drifted, clean, failed), { ...FACTS, trigger: "enforce-tick" });
    expect(alert?.kind).toBe(kind);
    expect(alert?.failures).toHaveLength(listed);
  });

  it("names the corrected instances and when each was due, in English and Chinese", () => {
    const alert = alertOfReport(enforceReport(2, 48), FACTS);
    if (alert === undefined) throw new Error("no alert");
    const en = alertMessage(alert, "en");
    expect(en.title).toBe("powercron enforce: stop corrected 2 instances that drifted from the schedule");
    expect(en.failuresTitle).toBe("Corrected instances");
    expect(en.failures[0]).toBe("ins-00000000 (stopped, due 2026-11-23T12:00:00.000Z)");
    expect(en.color).toBe("orange");
    expect(plainTextOf(en)).toContain("Outcomes: stopped 2, already-stopped 48");
    expect(alertMessage(alert, "zh").title).toBe("powercron 纠偏:关机了 2 台偏离计划的实例");
  });
});
