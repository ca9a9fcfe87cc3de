/**
 * A quick memory probe (not part of `npm run bench`): one function bundle against a fleet selected by tag, with the
 * local cloud's limits raised so that a run takes seconds, not minutes; prints the peak RSS and the calls.
 *   npx tsx scripts/bench/memory-probe.ts 100000 ["node flags"]      # 100,000 CVM in one region (SCF bundle)
 *   SHAPE=multi | SHAPE=aws, RTO=<request timeout ms>, LOGD=all|notable|none, MALLOC=1 (the deploy's allocator setting)
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { MALLOC_SETTINGS } from "../../src/platforms/deploy-check.ts";
import { bundleRunners, withCloud } from "./harness.ts";
import { fleetOf, stopEvent, TENCENT_REGIONS } from "./scenarios/fleet-shape.ts";

const run = promisify(execFile);
const dir = await mkdtemp(path.join(tmpdir(), "powercron-mem-"));
const runners = await bundleRunners(dir);
const n = Number(process.argv[2] ?? 100000);
const flags = (process.argv[3] ?? "").split(" ").filter(Boolean);
const multi = process.env.SHAPE === "multi";
const aws = process.env.SHAPE === "aws";
const shape = aws
  ? { aws: { regions: ["us-east-1", "eu-central-1"], perRegion: n / 2 } }
  : multi
    ? {
        tencent: {
          regions: TENCENT_REGIONS,
          perRegion: n / 10,
        },
      }
    : { tencent: { regions: ["ap-guangzhou"], perRegion: n } };
const fleet = fleetOf(shape, 0.6);
const fast = { perSecond: 1000, burst: 1000 };
await withCloud(
  { fleet, latencyMs: 20, rateLimits: { StopInstances: fast, DescribeInstances: fast } },
  async (cloud) => {
    const file = path.join(dir, "e.json");
    await writeFile(file, JSON.stringify(stopEvent(aws ? "aws" : "scf", shape)));
    const { stdout } = await run(process.execPath, [...flags, aws ? runners.aws : runners.scf, "stop", file], {
      env: {
        PATH: process.env.PATH ?? "",
        ...localCloudEnv(cloud.url),
        POWER_MAX_CALLS_PER_SECOND: "100",
        POWER_TIME_BUDGET_SECONDS: "600",
        ...(process.env.RTO ? { POWER_REQUEST_TIMEOUT_MS: process.env.RTO } : {}),
        ...(process.env.LOGD ? { POWER_LOG_DETAIL: process.env.LOGD } : {}),
        ...(process.env.MALLOC ? MALLOC_SETTINGS : {}),
      },
      maxBuffer: 1 << 26,
    });
    const out = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    const calls = cloud.calls();
    const byIds = calls.filter((c) => c.action === "DescribeInstances" && c.instanceIds.length > 0);
    const counts: Record<string, number> = {};
    for (const c of calls) {
      const k = `${c.action}:${c.instanceIds.length > 0 ? "ids" : "filter"}:${c.result}`;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    console.log(JSON.stringify(counts));
    console.log(
      "describe by ids",
      byIds.length,
      "sizes",
      byIds
        .slice(0, 10)
        .map((c) => c.instanceIds.length)
        .join(","),
      "results",
      [...new Set(calls.map((c) => c.result))].join(","),
    );
    console.log(
      n,
      flags.join(" "),
      "rss MB",
      (out.maxRssBytes / 2 ** 20).toFixed(1),
      "ms",
      out.durationMs,
      JSON.stringify(out.apiCalls),
      out.logLines,
    );
  },
);
