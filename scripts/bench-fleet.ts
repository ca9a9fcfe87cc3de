/**
 * `npm run bench`: the fleet benchmark. The local cloud runs in this process; the function runs in a child process
 * from an esbuild bundle, as a platform would run it, so its peak RSS is its own. Three runs, side by side:
 *   1. 10,000 CVM instances over 10 regions and 2,000 EC2 instances over 2 regions, 20 ms latency, default limits;
 *   2. the same fleet with 20% throttling, 5% server errors and 2% hung requests, plus instances outside the request;
 *   3. the naive script (one call per instance) against powercron on a slice of the same fleet.
 * Every figure is printed on its own line with its target; the results go to bench-results/fleet.json.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { localCloudEnv } from "../src/cli/local-env.ts";
import { deadWeightStubs, otherCloudStub, type Platform } from "../src/deploy/bundle.ts";
import {
  type Fleet,
  type FleetInstance,
  generateFleet,
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from "../src/local-cloud/index.ts";
import { TencentCvmProvider } from "../src/providers/tencent/tencent-cvm-provider.ts";
import { lowerBoundMs, minimumCalls, type RegionLoad } from "./bench/lower-bound.ts";

const LATENCY_MS = 20;
const LIMITS = { latencyMs: LATENCY_MS, describePerSecond: 40, actionPerSecond: 10, pageSize: 100 };
const TENCENT_REGIONS = [
  "ap-guangzhou",
  "ap-shanghai",
  "ap-beijing",
  "ap-chengdu",
  "ap-chongqing",
  "ap-nanjing",
  "ap-hongkong",
  "ap-singapore",
  "ap-tokyo",
  "na-siliconvalley",
];
const AWS_REGIONS = ["us-east-1", "eu-central-1"];
const SELECTED = { env: "bench" };
const FAULTS = { "*": { throttle: 0.2, serverError: 0.05, hang: 0.02 } };
const NAIVE_SLICE = 100;
/** Many accounts: this many AWS accounts, each with this many instances in one region, reached by assumed roles. */
const ACCOUNTS = 5;
const PER_ACCOUNT = 2000;
const ACCOUNT_REGION = "us-east-1";

const execFileAsync = promisify(execFile);

interface RunnerOutput {
  durationMs: number;
  totals: Record<string, number>;
  apiCalls: Record<string, number>;
  failures: string[];
  maxRssBytes: number;
}

function fleetOf(runningShare: number, outsidersPerRegion: number): Fleet {
  const selected = generateFleet({
    tencent: { regions: TENCENT_REGIONS, perRegion: 1000 },
    aws: { regions: AWS_REGIONS, perRegion: 1000 },
    seed: 11,
    tags: SELECTED,
    runningShare,
  });
  const outsiders = generateFleet({
    tencent: { regions: TENCENT_REGIONS, perRegion: outsidersPerRegion },
    aws: { regions: AWS_REGIONS, perRegion: outsidersPerRegion },
    seed: 29,
    tags: { env: "prod" },
    runningShare: 1,
  });
  const taken = new Set(selected.instances.map((i) => i.instanceId));
  return { instances: [...selected.instances, ...outsiders.instances.filter((i) => !taken.has(i.instanceId))] };
}

function isRunning(instance: { state: string }): boolean {
  return instance.state === "RUNNING" || instance.state === "running";
}

function isStopped(state: string | undefined): boolean {
  return state === "STOPPED" || state === "stopped";
}

function selectedLoads(fleet: Fleet): RegionLoad[] {
  const byRegion = new Map<string, FleetInstance[]>();
  for (const instance of fleet.instances) {
    if (instance.tags.env !== SELECTED.env) continue;
    const key = `${instance.provider}/${instance.region}`;
    byRegion.set(key, [...(byRegion.get(key) ?? []), instance]);
  }
  return [...byRegion].map(([region, instances]) => ({
    region,
    instances: instances.length,
    eligible: instances.filter(isRunning).length,
  }));
}

/** Each cloud's function gets its own cloud's regions, as deployed: SCF for CVM, Lambda for EC2. */
function stopEvent(platform: Platform): unknown {
  return platform === "scf"
    ? { targets: TENCENT_REGIONS.map((region) => ({ provider: "tencent", region, tags: SELECTED })) }
    : { targets: AWS_REGIONS.map((region) => ({ provider: "aws", region, tags: SELECTED })) };
}

type Runners = Record<Platform, string>;

/** The function runner bundled per platform the way the deploy bundles it: the other cloud's SDK left out. */
async function bundleRunners(dir: string): Promise<Runners> {
  const [scf, aws] = await Promise.all((["scf", "aws"] as const).map((platform) => bundleRunner(dir, platform)));
  return { scf: scf as string, aws: aws as string };
}

async function bundleRunner(dir: string, platform: Platform): Promise<string> {
  const outfile = path.join(dir, `function-runner-${platform}.cjs`);
  await build({
    plugins: [otherCloudStub(platform), deadWeightStubs()],
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

async function runFunction(
  runner: string,
  dir: string,
  cloud: LocalCloud,
  event: unknown,
  env: Record<string, string> = {},
): Promise<RunnerOutput> {
  const eventFile = path.join(dir, `event-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(eventFile, JSON.stringify(event));
  const { stdout } = await execFileAsync(process.execPath, [runner, "stop", eventFile], {
    env: {
      PATH: process.env.PATH ?? "",
      ...localCloudEnv(cloud.url),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWER_TIME_BUDGET_SECONDS: "600",
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as RunnerOutput;
}

/**
 * Both clouds' functions against one local cloud. On the clouds they run on separate machines; here they run one
 * after the other so that they do not share this machine's two cores with each other. The run's wall time is the
 * slower function's.
 */
async function runBoth(runners: Runners, dir: string, cloud: LocalCloud, env: Record<string, string> = {}) {
  const a = await runFunction(runners.scf, dir, cloud, stopEvent("scf"), env);
  const b = await runFunction(runners.aws, dir, cloud, stopEvent("aws"), env);
  const totals: Record<string, number> = { ...a.totals };
  for (const [key, value] of Object.entries(b.totals)) totals[key] = (totals[key] ?? 0) + value;
  return {
    durationMs: Math.max(a.durationMs, b.durationMs),
    totals,
    failures: [...a.failures, ...b.failures],
    rss: { scf: a.maxRssBytes, aws: b.maxRssBytes },
  };
}

async function withCloud<T>(options: LocalCloudOptions, body: (cloud: LocalCloud) => Promise<T>): Promise<T> {
  const cloud = await startLocalCloud(options);
  try {
    return await body(cloud);
  } finally {
    await cloud.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Line {
  name: string;
  value: string;
  target?: string;
  met?: boolean;
}
const lines: Line[] = [];
function report(name: string, value: string, target?: string, met?: boolean): void {
  lines.push({ name, value, ...(target ? { target } : {}), ...(met === undefined ? {} : { met }) });
  const verdict = met === undefined ? "" : met ? "  [met]" : "  [NOT MET]";
  console.log(`${name}: ${value}${target ? `   (target: ${target})` : ""}${verdict}`);
}

async function cleanRun(runners: Runners, dir: string) {
  const fleet = fleetOf(0.6, 0);
  const loads = selectedLoads(fleet);
  return withCloud({ fleet, latencyMs: LATENCY_MS }, async (cloud) => {
    const output = await runBoth(runners, dir, cloud);
    const calls = cloud.calls();
    if (process.env.BENCH_DEBUG) {
      for (const c of calls.filter((call) => call.result !== "ok"))
        console.log("  throttled:", c.seq, c.at, c.provider, c.region, c.action, c.instanceIds.length);
    }
    const minimum = loads.reduce((sum, load) => {
      const { describe, action } = minimumCalls(load, LIMITS);
      return sum + describe + action;
    }, 0);
    const eligible = loads.reduce((sum, load) => sum + load.eligible, 0);
    const bound = lowerBoundMs(loads, LIMITS);
    const spans = new Map<string, { first: number; last: number; firstAction: number }>();
    for (const call of calls) {
      const key = `${call.provider}/${call.region}`;
      const at = Date.parse(call.at);
      const span = spans.get(key) ?? { first: at, last: at, firstAction: Number.POSITIVE_INFINITY };
      span.last = Math.max(span.last, at);
      if (call.action !== "DescribeInstances") span.firstAction = Math.min(span.firstAction, at);
      spans.set(key, span);
    }
    // Times from the first call of the same cloud's function (the two functions run one after the other).
    const startOf = (provider: string) =>
      Math.min(...[...spans].filter(([key]) => key.startsWith(provider)).map(([, span]) => span.first));
    const regionSpans = Object.fromEntries(
      [...spans].map(([key, span]) => {
        const t0 = startOf(key.split("/")[0] ?? "");
        return [key, [span.first - t0, span.firstAction - t0, span.last - t0]];
      }),
    );
    return {
      output,
      calls: calls.length,
      answered: calls.filter((c) => c.result === "ok").length,
      minimum,
      eligible,
      bound,
      regionSpans,
    };
  });
}

async function faultRun(runners: Runners, dir: string) {
  const fleet = fleetOf(0.6, 50);
  const selected = new Set(fleet.instances.filter((i) => i.tags.env === SELECTED.env).map((i) => i.instanceId));
  const eligible = fleet.instances.filter((i) => selected.has(i.instanceId) && isRunning(i));
  const outsiders = fleet.instances.filter((i) => !selected.has(i.instanceId));
  return withCloud({ fleet, latencyMs: LATENCY_MS, faults: FAULTS, seed: 5, hangMs: 4_000 }, async (cloud) => {
    const output = await runBoth(runners, dir, cloud, { POWER_REQUEST_TIMEOUT_MS: "1500" });
    await sleep(1_000); // transitions settle (300 ms)
    const reached = eligible.filter((i) => isStopped(cloud.instance(i.provider, i.region, i.instanceId)?.state));
    const outsiderIds = new Set(outsiders.map((i) => i.instanceId));
    const callsOnOutsiders = cloud.calls().filter((c) => c.instanceIds.some((id) => outsiderIds.has(id))).length;
    const outsidersChanged = outsiders.filter(
      (i) => cloud.instance(i.provider, i.region, i.instanceId)?.state !== i.state,
    ).length;
    const faults = cloud.calls().filter((c) => c.result !== "ok").length;
    return {
      output,
      eligible: eligible.length,
      reached: reached.length,
      callsOnOutsiders,
      outsidersChanged,
      faults,
      calls: cloud.calls().length,
    };
  });
}

/** The script most people write: for each instance, one StopInstances call, retried after a second when throttled. */
async function naiveStop(cloud: LocalCloud, region: string, ids: readonly string[]): Promise<number> {
  const env = localCloudEnv(cloud.url);
  const provider = new TencentCvmProvider({
    region,
    endpoint: cloud.url,
    requestTimeoutMs: 10_000,
    credential: () => ({ secretId: env.TENCENTCLOUD_SECRET_ID ?? "", secretKey: env.TENCENTCLOUD_SECRET_KEY ?? "" }),
  });
  const started = performance.now();
  for (const id of ids) {
    for (;;) {
      try {
        await provider.stop([id], { stopType: "SOFT_FIRST", stoppedMode: "KEEP_CHARGING" } as never);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "RequestLimitExceeded") throw error;
        await sleep(1_000);
      }
    }
  }
  return performance.now() - started;
}

async function naiveRun(runner: string, dir: string) {
  const region = TENCENT_REGIONS[0] as string;
  // Both clouds start from the same slice; each validates it into its own store, so the input is not shared state.
  const slice: Fleet = {
    instances: fleetOf(1, 0)
      .instances.filter((i) => i.provider === "tencent" && i.region === region)
      .slice(0, NAIVE_SLICE),
  };
  const ids = slice.instances.map((i) => i.instanceId);
  const naiveMs = await withCloud({ fleet: slice, latencyMs: LATENCY_MS }, (cloud) => naiveStop(cloud, region, ids));
  const ours = await withCloud({ fleet: slice, latencyMs: LATENCY_MS }, (cloud) =>
    runFunction(runner, dir, cloud, { provider: "tencent", region, instanceIds: ids }),
  );
  return { naiveMs, oursMs: ours.durationMs, stopped: ours.totals.stopped ?? 0 };
}

const accountId = (k: number) => `2222222222${String(k).padStart(2, "0")}`;
const roleArn = (k: number) => `arn:aws:iam::${accountId(k)}:role/PowercronSpoke`;

/**
 * 5 accounts × 2,000 EC2 instances in one region (60% running), each account reached through its own role (the Lambda
 * bundle, assuming through the local STS). The bound: the accounts run in parallel with their own limits, so it is
 * one account's region bound plus one AssumeRole round trip; the minimum calls: every account's pages and batches
 * plus one AssumeRole each.
 */
async function accountsRun(runner: string, dir: string) {
  const generated = generateFleet({
    aws: { regions: [ACCOUNT_REGION], perRegion: ACCOUNTS * PER_ACCOUNT },
    seed: 41,
    tags: SELECTED,
    runningShare: 0.6,
  });
  const fleet: Fleet = {
    instances: generated.instances.map((instance, index) => ({
      ...instance,
      account: accountId(Math.floor(index / PER_ACCOUNT)),
    })),
  };
  const names = Array.from({ length: ACCOUNTS }, (_, k) => `team-${k}`);
  const config = [
    "accounts:",
    ...names.map((name, k) => `  - {name: ${name}, provider: aws, roleArn: "${roleArn(k)}", externalId: bench-${k}}`),
    "groups:",
    `  - {name: own, provider: aws, region: ${ACCOUNT_REGION}, tags: {env: bench}, stop: "0 19 * * *", timezone: UTC}`,
  ].join("\n");
  const configFile = path.join(dir, "accounts.yaml");
  await writeFile(configFile, config);
  const event = {
    targets: names.map((account) => ({ provider: "aws", region: ACCOUNT_REGION, account, tags: SELECTED })),
  };
  const roles = names.map((_, k) => ({ arn: roleArn(k), externalId: `bench-${k}` }));
  return withCloud({ fleet, latencyMs: LATENCY_MS, sts: { roles } }, async (cloud) => {
    const output = await runFunction(runner, dir, cloud, event, { POWER_CONFIG: configFile });
    const calls = cloud.calls();
    const perAccount: RegionLoad[] = Array.from({ length: ACCOUNTS }, (_, k) => {
      const mine = fleet.instances.filter((i) => i.account === accountId(k));
      return {
        region: `${ACCOUNT_REGION}@${accountId(k)}`,
        instances: mine.length,
        eligible: mine.filter(isRunning).length,
      };
    });
    const minimum =
      perAccount.reduce((sum, load) => {
        const { describe, action } = minimumCalls(load, LIMITS);
        return sum + describe + action;
      }, 0) + ACCOUNTS;
    const bound = lowerBoundMs(perAccount, LIMITS) + LATENCY_MS;
    return {
      output,
      eligible: perAccount.reduce((sum, load) => sum + load.eligible, 0),
      calls: calls.length,
      answered: calls.filter((c) => c.result === "ok").length,
      assumeRoleCalls: calls.filter((c) => c.action === "AssumeRole").length,
      minimum,
      bound,
    };
  });
}

function reportRss(rss: Record<Platform, number>): void {
  for (const platform of ["scf", "aws"] as const) {
    const mb = rss[platform] / 2 ** 20;
    const who = platform === "scf" ? "SCF function (10 CVM regions)" : "Lambda function (2 EC2 regions)";
    report(`peak RSS of the ${who} (MB)`, mb.toFixed(1), "≤ 128", mb <= 128);
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "powercron-bench-"));
  const runners = await bundleRunners(dir);
  console.log(
    `fleet benchmark: ${TENCENT_REGIONS.length}×1000 CVM + ${AWS_REGIONS.length}×1000 EC2, latency ${LATENCY_MS} ms, default rate limits\n`,
  );

  const clean = await cleanRun(runners, dir);
  const ratio = clean.output.durationMs / clean.bound;
  console.log("— clean run (stop, 60% running) —");
  report("instances selected", String(TENCENT_REGIONS.length * 1000 + AWS_REGIONS.length * 1000));
  report("eligible (running) instances", String(clean.eligible));
  report(
    "stopped",
    String(clean.output.totals.stopped ?? 0),
    String(clean.eligible),
    clean.output.totals.stopped === clean.eligible,
  );
  report("wall time (ms)", clean.output.durationMs.toFixed(0));
  report("lower bound from limits and latency (ms)", clean.bound.toFixed(0));
  report("wall time / lower bound", ratio.toFixed(2), "≤ 1.5", ratio <= 1.5);
  report("API calls answered", String(clean.answered), `= minimum ${clean.minimum}`, clean.answered === clean.minimum);
  report("API calls sent (incl. throttled retries)", String(clean.calls));
  const [slowest, span] = Object.entries(clean.regionSpans).sort((a, b) => (b[1][2] ?? 0) - (a[1][2] ?? 0))[0] ?? [];
  if (slowest && span) {
    report(
      `slowest region ${slowest}: first call / first action / last call at (ms)`,
      span.map((ms) => ms.toFixed(0)).join(" / "),
    );
  }
  reportRss(clean.output.rss);

  console.log(
    "\n— with faults: 20% throttling, 5% server errors, 2% hung requests; 600 instances outside the request —",
  );
  const faulty = await faultRun(runners, dir);
  const share = faulty.reached / faulty.eligible;
  report(
    "eligible instances in the target state",
    `${(share * 100).toFixed(2)}% (${faulty.reached}/${faulty.eligible})`,
    "100%",
    share === 1,
  );
  report("calls on instances outside the request", String(faulty.callsOnOutsiders), "0", faulty.callsOnOutsiders === 0);
  report("instances outside the request changed", String(faulty.outsidersChanged), "0", faulty.outsidersChanged === 0);
  report("wall time (ms)", faulty.output.durationMs.toFixed(0));
  report("API calls sent / faults answered", `${faulty.calls} / ${faulty.faults}`);
  reportRss(faulty.output.rss);
  if (faulty.output.failures.length > 0) console.log(`  first failures: ${faulty.output.failures.join("; ")}`);

  console.log(`\n— naive script vs powercron: ${NAIVE_SLICE} running CVM instances in one region —`);
  const naive = await naiveRun(runners.scf, dir);
  report("naive one call per instance (ms)", naive.naiveMs.toFixed(0));
  report("powercron (ms)", naive.oursMs.toFixed(0), undefined);
  report("speed-up", `${(naive.naiveMs / naive.oursMs).toFixed(1)}×`);

  console.log(
    `\n— many accounts: ${ACCOUNTS} AWS accounts × ${PER_ACCOUNT} EC2 instances in ${ACCOUNT_REGION}, assumed roles —`,
  );
  const accounts = await accountsRun(runners.aws, dir);
  const accountsRatio = accounts.output.durationMs / accounts.bound;
  report(
    "stopped",
    String(accounts.output.totals.stopped ?? 0),
    String(accounts.eligible),
    accounts.output.totals.stopped === accounts.eligible,
  );
  report("wall time (ms)", accounts.output.durationMs.toFixed(0));
  report("lower bound: one account's region plus one AssumeRole round trip (ms)", accounts.bound.toFixed(0));
  report("wall time / lower bound", accountsRatio.toFixed(2), "≤ 1.5", accountsRatio <= 1.5);
  report("AssumeRole calls", String(accounts.assumeRoleCalls), `= ${ACCOUNTS}`, accounts.assumeRoleCalls === ACCOUNTS);
  report(
    "API calls answered (AssumeRole included)",
    String(accounts.answered),
    `= minimum ${accounts.minimum}`,
    accounts.answered === accounts.minimum,
  );
  report("API calls sent (incl. throttled retries)", String(accounts.calls));
  report("peak RSS of the Lambda function (MB)", (accounts.output.maxRssBytes / 2 ** 20).toFixed(1), "≤ 256");

  await mkdir("bench-results", { recursive: true });
  const results = { when: new Date().toISOString(), node: process.version, lines, clean, faulty, naive, accounts };
  await writeFile("bench-results/fleet.json", `${JSON.stringify(results, null, 2)}\n`);
  console.log("\nresults written to bench-results/fleet.json");
}

await main();
