/**
 * The CLI on a fleet: `powercron run stop` (the prebuilt bin/cli, as a user runs it, its report on a pipe) over 11,000
 * instances selected by tag in 4 regions (2 CVM, 2 EC2, 2,750 each, 60% running), 20 ms latency, the published limits.
 * Wall time is the whole process, from spawn to exit (Node's boot, the CLI's loading, the run, the report printed),
 * against the bound of the limits and latency: per region its describe pages, its stop calls and its stamps (on by
 * default: CVM's through the Tag API, 50 a call at 20/s; EC2's CreateTags, 1,000 a call at 10/s; one at a time),
 * regions in parallel. The start-up share is the time from spawn to the first API call the local cloud sees, over
 * the wall time. Peak RSS is the process's own (VmHWM at exit).
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { localCloudEnv } from "../../../src/cli/local-env.ts";
import { report, withCloud } from "../harness.ts";
import { lowerBoundMs, minimumCalls } from "../lower-bound.ts";
import { fleetOf, LATENCY_MS, LIMITS, SELECTED, selectedLoads } from "./fleet-shape.ts";

const SHAPE = {
  tencent: { regions: ["ap-guangzhou", "ap-shanghai"], perRegion: 2_750 },
  aws: { regions: ["us-east-1", "eu-central-1"], perRegion: 2_750 },
};
const TARGETS = { ratio: 1.05, rssMb: 128 };
const CLI = path.resolve("bin/powercron.mjs");

/** Preloaded into the CLI's process: its peak RSS at exit, on stderr (getrusage would count the parent's). */
const RSS_AT_EXIT = `process.on("exit", () => {
  const kb = Number(/VmHWM:\\s+(\\d+)/.exec(require("fs").readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0);
  process.stderr.write("\\nmaxRssKb=" + kb + "\\n");
});`;

interface CliRun {
  readonly wallMs: number;
  readonly spawnedAt: number;
  readonly exitCode: number | null;
  readonly stdoutBytes: number;
  readonly maxRssKb: number;
  readonly stderr: string;
}

function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const spawnedAt = Date.now();
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? "", ...env } });
    let stdoutBytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const maxRssKb = Number(/maxRssKb=(\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ wallMs: performance.now() - started, spawnedAt, exitCode, stdoutBytes, maxRssKb, stderr });
    });
  });
}

export async function cliFleetRun(dir: string) {
  const fleet = fleetOf(SHAPE, 0.6);
  const loads = selectedLoads(fleet);
  const instances = loads.reduce((sum, load) => sum + load.instances, 0);
  const eligible = loads.reduce((sum, load) => sum + load.eligible, 0);
  const bound = lowerBoundMs(loads, LIMITS);
  const minimum = loads.reduce((sum, load) => {
    const { describe, action, stamp } = minimumCalls(load, LIMITS);
    return sum + describe + action + stamp;
  }, 0);
  const preload = path.join(dir, "rss-at-exit.cjs");
  await writeFile(preload, RSS_AT_EXIT);
  const eventFile = path.join(dir, "cli-fleet-event.json");
  const targets = [
    ...SHAPE.tencent.regions.map((region) => ({ provider: "tencent", region, tags: SELECTED })),
    ...SHAPE.aws.regions.map((region) => ({ provider: "aws", region, tags: SELECTED })),
  ];
  await writeFile(eventFile, JSON.stringify({ targets }));
  console.log(
    `\n— the CLI: powercron run stop, ${instances.toLocaleString("en")} instances by tag in ${loads.length} regions (2 CVM, 2 EC2), report on a pipe —`,
  );
  const result = await withCloud({ fleet, latencyMs: LATENCY_MS }, async (cloud) => {
    const run = await runCli(["--require", preload, CLI, "run", "stop", "--event", eventFile], {
      ...localCloudEnv(cloud.url),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    const calls = cloud.calls();
    const firstCallAt = Math.min(...calls.map((call) => Date.parse(call.at)));
    return {
      run,
      startupMs: firstCallAt - run.spawnedAt,
      answered: calls.filter((call) => call.result === "ok").length,
      sent: calls.length,
    };
  });
  const { run } = result;
  if (run.exitCode !== 0) throw new Error(`powercron run stop exited ${run.exitCode}: ${run.stderr.slice(-2000)}`);
  const ratio = run.wallMs / bound;
  const rssMb = run.maxRssKb / 1024;
  report("wall time of the process, start-up included (ms)", run.wallMs.toFixed(0));
  report("lower bound: the slowest region's pages, stops and stamps (ms)", bound.toFixed(0));
  report("wall time / lower bound", ratio.toFixed(2), `≤ ${TARGETS.ratio}`, ratio <= TARGETS.ratio);
  report(
    "start-up: spawn to the first API call (ms) / share of the wall time",
    `${result.startupMs.toFixed(0)} / ${((100 * result.startupMs) / run.wallMs).toFixed(0)}%`,
  );
  report("API calls answered", String(result.answered), `= minimum ${minimum}`, result.answered === minimum);
  report("API calls sent (incl. throttled retries)", String(result.sent));
  report("report printed (KB)", (run.stdoutBytes / 1024).toFixed(0));
  report("peak RSS of the CLI process (MB)", rssMb.toFixed(1), `≤ ${TARGETS.rssMb}`, rssMb <= TARGETS.rssMb);
  return { instances, eligible, bound, minimum, ...result };
}
