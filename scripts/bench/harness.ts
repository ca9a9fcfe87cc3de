/**
 * The benchmark's harness, shared by every scenario: the function bundled per platform the way the deploy bundles it
 * and run in a child process (so its peak RSS is its own), the local cloud started around a body, and the report
 * lines (each figure with its target) that end up in bench-results/fleet.json.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { functionBundlePlugins, type Platform } from "../../src/deploy/bundle.ts";
import type { ProviderName } from "../../src/domain/index.ts";
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from "../../src/local-cloud/index.ts";
import { runtimeEnvironment } from "../../src/platforms/deploy-check.ts";

export type { Platform };

const execFileAsync = promisify(execFile);

/** What the function runner prints: the handler's summary line, its log lines' sizes, and its own peak RSS. */
export interface RunnerOutput {
  durationMs: number;
  totals: Record<string, number>;
  apiCalls: Record<string, number>;
  failures: string[];
  maxRssBytes: number;
  logLines: number;
  logBytes: number;
  longestLogLine: number;
  returnedBytes: number;
  /** CPU time of the whole invocation (the detail log lines included), and the 99th percentile of timer lateness. */
  cpuMs: number;
  loopDelayP99Ms: number;
}

export type Runners = Record<Platform, string>;

/** The function runner bundled per platform the way the deploy bundles it: the other cloud's SDK left out. */
export async function bundleRunners(dir: string): Promise<Runners> {
  const [scf, aws] = await Promise.all((["scf", "aws"] as const).map((platform) => bundleRunner(dir, platform)));
  return { scf: scf as string, aws: aws as string };
}

/** One platform's runner, carrying the clouds given (default: the platform's own), under a name of its own. */
export async function bundleRunner(
  dir: string,
  platform: Platform,
  clouds?: readonly ProviderName[],
  name = `function-runner-${platform}`,
): Promise<string> {
  const outfile = path.join(dir, `${name}.cjs`);
  await build({
    plugins: functionBundlePlugins(platform, clouds),
    // As the deploy bundles it: the SDKs' ESM sources tree-shake far better than their CommonJS builds.
    mainFields: ["module", "main"],
    entryPoints: ["scripts/bench/function-runner.ts"],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    outfile,
    logLevel: "error",
  });
  return outfile;
}

/** The memory both platforms give a function by default, and the one the benchmark's functions are deployed with. */
export const FUNCTION_MEMORY_MB = 128;

/**
 * Runs the function bundle once over an event, in its own process, against the local cloud, with the runtime variables
 * the deploy sets for a function of `memoryMb` (NODE_OPTIONS and the allocator's, src/platforms/deploy-check.ts).
 */
export async function runFunction(
  runner: string,
  dir: string,
  cloud: LocalCloud,
  event: unknown,
  env: Record<string, string> = {},
  memoryMb = FUNCTION_MEMORY_MB,
): Promise<RunnerOutput> {
  const eventFile = path.join(dir, `event-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(eventFile, JSON.stringify(event));
  const { stdout } = await execFileAsync(process.execPath, [runner, "stop", eventFile], {
    env: {
      PATH: process.env.PATH ?? "",
      ...localCloudEnv(cloud.url),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWER_TIME_BUDGET_SECONDS: "890",
      ...runtimeEnvironment(memoryMb),
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as RunnerOutput;
}

export async function withCloud<T>(options: LocalCloudOptions, body: (cloud: LocalCloud) => Promise<T>): Promise<T> {
  const cloud = await startLocalCloud(options);
  try {
    return await body(cloud);
  } finally {
    await cloud.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Line {
  name: string;
  value: string;
  target?: string;
  met?: boolean;
}

/** Every figure printed, in order, for bench-results/fleet.json. */
export const lines: Line[] = [];

/** Prints one figure with its target and whether it is met. */
export function report(name: string, value: string, target?: string, met?: boolean): void {
  lines.push({ name, value, ...(target ? { target } : {}), ...(met === undefined ? {} : { met }) });
  const verdict = met === undefined ? "" : met ? "  [met]" : "  [NOT MET]";
  console.log(`${name}: ${value}${target ? `   (target: ${target})` : ""}${verdict}`);
}

export function megabytes(bytes: number): number {
  return bytes / 2 ** 20;
}

/** Peak RSS of a function process, against the 128 MB both platforms give by default. */
export function reportRss(who: string, bytes: number): void {
  const mb = megabytes(bytes);
  report(`peak RSS of the ${who} (MB)`, mb.toFixed(1), "≤ 128", mb <= 128);
}

export function isRunning(instance: { state: string }): boolean {
  return instance.state === "RUNNING" || instance.state === "running";
}

export function isStopped(state: string | undefined): boolean {
  return state === "STOPPED" || state === "stopped";
}
