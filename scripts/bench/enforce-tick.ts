/**
 * The enforce tick with nothing drifted: 10,000 stopped CVM instances over 10 regions, one enforcing group, the SCF
 * enforce tick at night (the clock injected) through the real SDK against the local cloud. It must make describe
 * calls only, as many as the minimum (per region, ceil(n/100) pages).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { generateFleet, startLocalCloud } from "../../src/local-cloud/index.ts";
import { SCF_EVENTS } from "../../src/platforms/scf/scf-events.ts";
import { invokePower } from "../../src/runtime/invoke-power.ts";

export interface EnforceTickResult {
  readonly instances: number;
  readonly regions: number;
  /** Describe calls answered (a throttled one, sent again, is counted in `describeSent`). */
  readonly describeCalls: number;
  readonly describeSent: number;
  readonly describeMinimum: number;
  readonly otherCalls: number;
  readonly durationMs: number;
}

export async function enforceTickBench(regions: readonly string[], perRegion: number, latencyMs: number) {
  const fleet = generateFleet({
    tencent: { regions: [...regions], perRegion },
    seed: 41,
    tags: { env: "enforce" },
    runningShare: 0,
  });
  const dir = await mkdtemp(path.join(tmpdir(), "powercron-enforce-bench-"));
  const config = path.join(dir, "schedules.yaml");
  await writeFile(
    config,
    `groups:
  - name: enforced
    provider: tencent
    regions: [${regions.join(", ")}]
    tags: { env: enforce }
    start: "0 9 * * 1-5"
    stop: "0 20 * * 1-5"
    timezone: Asia/Shanghai
    enforce: stop
`,
  );
  const cloud = await startLocalCloud({ fleet, latencyMs });
  try {
    // Monday 2026-11-23 23:15 in Shanghai: the group should be stopped, and every instance is.
    const now = Date.parse("2026-11-23T15:15:02Z");
    const started = Date.now();
    const report = await invokePower(
      "stop",
      {
        Type: "Timer",
        TriggerName: "bench-powercron-enforce",
        Time: "2026-11-23T15:15:00Z",
        Message: JSON.stringify({ powercron: "tick", tick: "powercron-enforce" }),
      },
      undefined,
      {
        env: { ...localCloudEnv(cloud.url), POWER_CONFIG: config, POWER_TIME_BUDGET_SECONDS: "600" },
        platforms: [SCF_EVENTS],
        clock: {
          now: () => now + (Date.now() - started),
          sleep: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
        },
      },
    );
    const calls = cloud.calls();
    const describes = calls.filter((call) => call.action === "DescribeInstances");
    const describeCalls = describes.filter((call) => call.result === "ok").length;
    if (process.env.BENCH_DEBUG) {
      for (const call of describes.filter((c) => c.result !== "ok")) console.log("  not ok:", call.region, call.result);
    }
    return {
      instances: report.instances.length,
      regions: regions.length,
      describeCalls,
      describeSent: describes.length,
      describeMinimum: regions.length * Math.ceil(perRegion / 100),
      otherCalls: calls.length - describes.length,
      durationMs: Date.now() - started,
    } satisfies EnforceTickResult;
  } finally {
    await cloud.close();
    await rm(dir, { recursive: true, force: true });
  }
}
