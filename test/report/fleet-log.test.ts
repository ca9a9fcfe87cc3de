import { afterEach, describe, expect, it, vi } from "vitest";
import type { InstanceView, PowerAction, PowerOptions, Tags } from "../../src/domain/types.ts";
import { CloudApiError, PowerRunFailedError } from "../../src/errors.ts";
import { classifyEc2Failure, ec2OptionFallback, ec2OptionsFor } from "../../src/providers/aws/ec2-failures.ts";
import type { ActionResponse, ComputeProvider, InstancePage } from "../../src/providers/compute-provider.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { FakeClock } from "../support/fake-clock.ts";

const FLEET = 100_000;
const REFUSED = 30;
const LINE_LIMIT = 64 * 1024;
const TAGS = { env: "big" };

/**
 * One EC2 region of 100,000 running instances selected by tag, answering in O(page) (the shared FakeProvider scans
 * its whole fleet on every call): stop protection (OperationNotPermitted) on a few of them fails every call that
 * names one, all or nothing, as EC2 does.
 */
class BigRegion implements ComputeProvider {
  readonly provider = "aws" as const;
  readonly region = "us-east-1";
  readonly maxIdsPerCall = 100;
  readonly supportsDryRun = true;
  readonly describeCallsPerSecond = 40;
  readonly actionNames = { describe: "DescribeInstances", start: "StartInstances", stop: "StopInstances" } as const;
  readonly notFoundCode = "InvalidInstanceID.NotFound";
  readonly ids = Array.from({ length: FLEET }, (_, i) => `i-${i.toString(16).padStart(17, "0")}`);
  readonly refused = new Set(this.ids.filter((_, i) => i % Math.floor(FLEET / REFUSED) === 7).slice(0, REFUSED));
  readonly stopped = new Set<string>();
  readonly calls = { describe: 0, stop: 0 };

  private view(instanceId: string): InstanceView {
    const state = this.stopped.has(instanceId) ? "stopped" : "running";
    return { instanceId, state, cloudState: state, tags: TAGS };
  }
  classify(error: CloudApiError, action: PowerAction | "describe", options?: PowerOptions) {
    return classifyEc2Failure(error.code, action, options);
  }
  optionsFor(view: InstanceView, action: PowerAction, options: PowerOptions) {
    return ec2OptionsFor(view, action, options);
  }
  fallback(error: CloudApiError, action: PowerAction, options: PowerOptions) {
    return ec2OptionFallback(error.code, action, options);
  }
  async describeByIds(instanceIds: readonly string[]): Promise<readonly InstanceView[]> {
    this.calls.describe++;
    return instanceIds.map((id) => this.view(id));
  }
  async describeByTags(_tags: Tags, cursor: string | undefined): Promise<InstancePage> {
    this.calls.describe++;
    const offset = Number(cursor ?? 0);
    const next = offset + 1000;
    return {
      instances: this.ids.slice(offset, next).map((id) => this.view(id)),
      ...(next < FLEET ? { nextCursor: String(next) } : {}),
    };
  }
  async start(): Promise<ActionResponse> {
    throw new Error("not used");
  }
  async stop(instanceIds: readonly string[]): Promise<ActionResponse> {
    this.calls.stop++;
    const protectedOne = instanceIds.find((id) => this.refused.has(id));
    if (protectedOne) {
      throw new CloudApiError("OperationNotPermitted", `The instance '${protectedOne}' may not be stopped.`, {
        action: "StopInstances",
      });
    }
    for (const id of instanceIds) this.stopped.add(id);
    return { currentStates: new Map(instanceIds.map((id) => [id, "stopping"])) };
  }
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

interface Summary {
  powercron: string;
  totals: Record<string, number>;
  apiCalls: Record<string, number>;
  failed: number;
  failure: string;
  failures: { instanceId: string; outcome: string; code: string }[];
  moreFailures: number;
  detailLines: number;
}

describe("Function: powerHandler at fleet scale", () => {
  it("logs 100,000 instances in lines under 64 KB and names the failures in its summary", async () => {
    const lines = captureLog();
    const cloud = new BigRegion();
    const handler = powerHandler("stop", () => ({
      env: { POWER_TIME_BUDGET_SECONDS: "900" },
      providers: () => cloud,
      clock: new FakeClock(),
      random: () => 0,
    }));
    const error = await handler({ provider: "aws", region: "us-east-1", tags: TAGS }).catch((e: unknown) => e);

    // The run: every instance stopped but the protected ones, which fail with EC2's code.
    expect(error).toBeInstanceOf(PowerRunFailedError);
    expect((error as PowerRunFailedError).failures).toHaveLength(REFUSED);
    expect(cloud.stopped.size).toBe(FLEET - REFUSED);
    expect(cloud.calls.describe).toBeGreaterThanOrEqual(100);

    // No line over 64 KB, each one JSON on its own.
    const sizes = lines.map((line) => Buffer.byteLength(line, "utf8"));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(LINE_LIMIT);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    // The summary comes first, with the totals, the calls and the failures by name and code, 20 named.
    const summary = parsed[0] as unknown as Summary;
    expect(summary.powercron).toBe("summary");
    expect(summary.totals).toEqual({ instances: FLEET, stopped: FLEET - REFUSED, failed: REFUSED });
    expect(summary.apiCalls.StopInstances).toBe(cloud.calls.stop);
    expect(summary.failed).toBe(REFUSED);
    expect(summary.failures).toHaveLength(20);
    expect(summary.moreFailures).toBe(REFUSED - 20);
    for (const failure of summary.failures) {
      expect(cloud.refused.has(failure.instanceId)).toBe(true);
      expect(failure).toMatchObject({ outcome: "failed", code: "OperationNotPermitted" });
    }
    const first = [...cloud.refused][0] as string;
    expect(summary.failure).toContain(
      `stop failed for ${REFUSED} of ${FLEET} instances: ${first} (failed: OperationNotPermitted)`,
    );
    expect(summary.failure).toMatch(/ and 10 more$/);

    // Then the detail lines, numbered, which hold every instance exactly once.
    const details = parsed.slice(1) as unknown as (PowerReport & { powercron: string; part: number; of: number })[];
    expect(details).toHaveLength(summary.detailLines);
    expect(details.map((line) => line.part)).toEqual(details.map((_, i) => i + 1));
    expect(new Set(details.map((line) => line.of))).toEqual(new Set([details.length]));
    const rows = details.flatMap((line) => line.instances);
    expect(rows).toHaveLength(FLEET);
    expect(new Set(rows.map((row) => row.instanceId)).size).toBe(FLEET);
  }, 120_000);

  it.each([
    { detail: "notable", lines: 2, rows: REFUSED },
    { detail: "none", lines: 1, rows: 0 },
  ])(
    "with POWER_LOG_DETAIL=$detail logs $lines line(s) holding $rows rows",
    async ({ detail, lines: count, rows }) => {
      const lines = captureLog();
      const cloud = new BigRegion();
      const handler = powerHandler("stop", () => ({
        env: { POWER_TIME_BUDGET_SECONDS: "900", POWER_LOG_DETAIL: detail },
        providers: () => cloud,
        clock: new FakeClock(),
        random: () => 0,
      }));
      await handler({ provider: "aws", region: "us-east-1", tags: TAGS }).catch(() => undefined);
      expect(lines).toHaveLength(count);
      const logged = lines.slice(1).flatMap((line) => (JSON.parse(line) as PowerReport).instances);
      expect(logged).toHaveLength(rows);
      expect(logged.every((row) => row.outcome === "failed" && row.code === "OperationNotPermitted")).toBe(true);
    },
    120_000,
  );
});
