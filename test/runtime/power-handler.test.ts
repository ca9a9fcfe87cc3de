import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProviderName } from "../../src/domain/types.ts";
import { PowerRunFailedError } from "../../src/errors.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";

const GUARDED = "ins-guard001";
const UNGUARDED = "ins-other001";

function fleet(provider: ProviderName, region: string) {
  return new FakeProvider(provider, region, [
    { instanceId: GUARDED, state: "running", tags: { "powercron:managed": "true" } },
    { instanceId: UNGUARDED, state: "running", tags: {} },
  ]);
}

function captureLog(): string[] {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  vi.spyOn(console, "error").mockImplementation(() => {});
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Function: powerHandler", () => {
  it("throws when an instance is refused, after acting on the others and logging a summary and every row", async () => {
    const lines = captureLog();
    const cloud = fleet("tencent", "ap-shanghai");
    const handler = powerHandler("stop", () => ({
      env: { POWER_ALLOWED_TAG: "powercron:managed=true" },
      providers: () => cloud,
      clock: new FakeClock(),
    }));
    const error = await handler({ region: "ap-shanghai", instanceIds: [GUARDED, UNGUARDED] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerRunFailedError);
    expect((error as PowerRunFailedError).failures).toEqual([
      { instanceId: UNGUARDED, outcome: "refused", code: "OutOfScope" },
    ]);
    expect(cloud.actionCalls().map((call) => call.instanceIds)).toEqual([[GUARDED]]);
    expect(lines).toHaveLength(2);
    const summary = JSON.parse(lines[0] ?? "{}") as PowerReport & { failure: string; detailLines: number };
    expect(summary.totals).toEqual({ instances: 2, stopped: 1, refused: 1 });
    expect(summary.failure).toBe(`stop failed for 1 of 2 instances: ${UNGUARDED} (refused: OutOfScope)`);
    expect(summary.detailLines).toBe(1);
    const detail = JSON.parse(lines[1] ?? "{}") as PowerReport & { part: number; of: number };
    expect([detail.part, detail.of]).toEqual([1, 1]);
    expect(detail.instances.map((r) => [r.instanceId, r.outcome])).toEqual([
      [GUARDED, "stopped"],
      [UNGUARDED, "refused"],
    ]);
  });

  it.each([
    { case: "JSON punctuation", secret: '", "' },
    { case: "a long secret with quotes", secret: '"},{"outcome":"x' },
    { case: "a common word", secret: "stop" },
  ])("logs valid JSON with the action intact whatever the secret: $case", async ({ secret }) => {
    const lines = captureLog();
    const cloud = fleet("tencent", "ap-shanghai");
    cloud.failNext.push(secret, secret, secret, secret, secret, secret, secret, secret);
    const handler = powerHandler("stop", () => ({
      env: { TENCENTCLOUD_SECRET_KEY: secret, POWER_TIME_BUDGET_SECONDS: "2" },
      providers: () => cloud,
      clock: new FakeClock(),
      random: () => 0,
    }));
    await handler({ region: "ap-shanghai", instanceIds: [GUARDED] }).catch(() => undefined);
    const line = lines.at(-1) ?? "";
    const logged = JSON.parse(line) as PowerReport;
    expect(logged.action).toBe("stop");
    expect(logged.instances.map((r) => r.instanceId)).toEqual([GUARDED]);
    if (secret.length >= 8) expect(line).not.toContain(secret);
  });
});
