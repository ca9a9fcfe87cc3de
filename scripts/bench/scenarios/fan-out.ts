/**
 * Fan-out through Lambda: 300 AWS accounts × 1 region × 100 running instances (30,000), found through a local AWS
 * Organization (one group with `accounts: {organization: {role}}`, POWER_WORKER_SECRET set: signed slices), one fire. The built Lambda stop bundle runs in the local cloud's child processes (128 MB
 * flags); the orchestrator invokes itself as workers through Lambda `Invoke`, POWER_PARTITIONS_PER_WORKER a worker,
 * POWER_WORKER_CONCURRENCY of them at once: as many as this machine runs side by side, measured (two workers at
 * once against one alone: the cores are shared with the local cloud, in this process, and with other work).
 *
 * The model: first one invocation carrying one worker's slice (its partitions in process, no fan-out) is timed: that
 * is a worker's measured cost, cold start included; and one invocation that acts on nothing (a stale fire): a cold
 * start alone. The fire's bound is the orchestrator's cold start plus the workers in waves of the concurrency, each
 * wave one measured worker. The minimum calls: the organisation listed once (ListAccounts, 20 a page); per account one AssumeRole,
 * one DescribeInstances page (≤ 1,000 by tags) and one StopInstances (≤ 100 IDs), plus one Invoke per worker.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { localCloudEnv } from "../../../src/cli/local-env.ts";
import { bundleFunction } from "../../../src/deploy/bundle.ts";
import {
  DEFAULT_LOCAL_CREDENTIALS,
  generatedMemberIds,
  generateOrganizationFleet,
  type LocalCloud,
  startLocalCloud,
} from "../../../src/local-cloud/index.ts";
import { runtimeEnvironment } from "../../../src/platforms/deploy-check.ts";
import type { PowerReport } from "../../../src/report/power-report.ts";
import { FUNCTION_MEMORY_MB, report } from "../harness.ts";
import { LATENCY_MS } from "./fleet-shape.ts";

const ACCOUNTS = 300;
const PER_ACCOUNT = 100;
const REGION = "us-east-1";
const PER_WORKER = 25;
const FUNCTION = "powercron-bench-stop";
/** ListAccounts' page size in the local AWS Organization (AWS's own maximum). */
const LIST_PAGE = 20;

/** The group over the organisation's members: the fire lists them. */
function configOf(dir: string): string {
  const file = path.join(dir, "fan-out-organization.yaml");
  writeFileSync(
    file,
    `groups:\n  - {name: fleet, provider: aws, accounts: {organization: {role: PowercronSpoke}}, regions: [${REGION}], tags: {env: bench}, stop: "* * * * *", timezone: UTC}\n`,
  );
  return file;
}

/**
 * One fire of the group over an organisation of the first `accounts` of the 300 members, in a local cloud holding all
 * 300 members' instances.
 */
async function fire(accounts: number, concurrency: number, dir: string) {
  const configFile = configOf(dir);
  const bundle = await bundleFunction("aws", "stop", { configFile, distDir: path.join(dir, `dist-${accounts}`) });
  const cloud: LocalCloud = await startLocalCloud({
    fleet: {
      instances: generateOrganizationFleet({
        provider: "aws",
        members: ACCOUNTS,
        perAccount: PER_ACCOUNT,
        region: REGION,
        tags: { env: "bench" },
      }),
    },
    latencyMs: LATENCY_MS,
    transitionMs: 300,
    organizations: { aws: { members: accounts } },
    functions: { concurrency: concurrency + 1 },
  });
  const members = new Set(generatedMemberIds(accounts));
  try {
    cloud.functions.register(FUNCTION, {
      entry: bundle.entry,
      handlerExport: "handler",
      timeoutSeconds: 900,
      memoryMb: FUNCTION_MEMORY_MB,
      env: {
        ...runtimeEnvironment(FUNCTION_MEMORY_MB),
        ...localCloudEnv(cloud.url),
        AWS_REGION: REGION,
        POWER_CONFIG: configFile,
        POWERCRON_CONFIG_DIGEST: bundle.configDigest,
        POWER_WORKER_FUNCTION: FUNCTION,
        POWER_PARTITIONS_PER_WORKER: String(PER_WORKER),
        POWER_WORKER_CONCURRENCY: String(concurrency),
        POWER_TIME_BUDGET_SECONDS: "890",
        // An organisation group's slices must be signed: a worker cannot check a found account against its config.
        POWER_WORKER_SECRET: "bench-worker-secret-0123456789abcdef",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    const [key] = DEFAULT_LOCAL_CREDENTIALS.aws;
    const client = new LambdaClient({
      region: REGION,
      endpoint: cloud.url,
      credentials: { accessKeyId: key?.accessKeyId ?? "", secretAccessKey: key?.secretAccessKey ?? "" },
      maxAttempts: 1,
      requestHandler: { requestTimeout: 900_000 },
    });
    // A cold start alone: a stale fire, skipped before any cloud call, in a fresh process like every invocation here.
    const coldStarted = performance.now();
    const stale = { group: "fleet", scheduledTime: new Date(Date.now() - 86_400_000).toISOString() };
    await client.send(
      new InvokeCommand({ FunctionName: FUNCTION, Payload: new TextEncoder().encode(JSON.stringify(stale)) }),
    );
    const coldMs = performance.now() - coldStarted;
    cloud.resetCalls();
    const scheduledTime = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const started = performance.now();
    const answer = await client.send(
      new InvokeCommand({
        FunctionName: FUNCTION,
        Payload: new TextEncoder().encode(JSON.stringify({ group: "fleet", scheduledTime })),
      }),
    );
    const wallMs = performance.now() - started;
    const text = new TextDecoder().decode(answer.Payload);
    if (answer.FunctionError) throw new Error(`the fire failed: ${text.slice(0, 500)}`);
    const calls = cloud.calls();
    const count = (action: string) => calls.filter((call) => call.action === action).length;
    return {
      wallMs,
      coldMs,
      report: JSON.parse(text) as PowerReport,
      // Invocation 1 was the cold start alone, 2 the fire itself (the orchestrator), the rest its workers.
      invocations: cloud.functions.invocations().filter((record) => record.seq !== 1),
      calls: {
        AssumeRole: count("AssumeRole"),
        DescribeInstances: count("DescribeInstances"),
        StopInstances: count("StopInstances"),
        Invoke: count("Invoke"),
        ListAccounts: count("ListAccounts"),
        other: calls.filter(
          (c) => !["AssumeRole", "DescribeInstances", "StopInstances", "Invoke", "ListAccounts"].includes(c.action),
        ).length,
      },
      stillRunning: cloud
        .instances()
        .filter((instance) => instance.state === "running" && members.has(instance.account ?? "")).length,
    };
  } finally {
    await cloud.close();
  }
}

export async function fanOutRun() {
  const cores = Math.max(1, availableParallelism());
  const workers = Math.ceil(ACCOUNTS / PER_WORKER);
  console.log(
    `\n— fan-out through Lambda Invoke: ${ACCOUNTS} accounts found through a local AWS Organization × 1 region × ${PER_ACCOUNT} instances, ${PER_WORKER} partitions a worker (${workers} workers) —`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), "powercron-fan-out-"));
  // One worker's measured cost: its slice's partitions in one invocation (no fan-out at PER_WORKER partitions).
  const one = await fire(PER_WORKER, 1, dir);
  const workerMs = one.wallMs;
  // What the machine runs side by side: two workers at once (a fire of two slices), each slowed from its time alone
  // (the cores are shared with the local cloud, in this process, and with other work).
  const pair = await fire(2 * PER_WORKER, cores, dir);
  const pairRuns = pair.invocations.filter((record) => record.seq > 2);
  const pairMean = pairRuns.reduce((sum, record) => sum + record.durationMs, 0) / Math.max(1, pairRuns.length);
  const concurrency = Math.max(1, Math.min(cores, Math.round((Math.min(2, cores) * workerMs) / pairMean)));
  const whole = await fire(ACCOUNTS, concurrency, dir);
  const stopped = whole.report.totals.stopped ?? 0;
  const peak = Math.max(...whole.invocations.map((record) => record.maxRssMb ?? Number.POSITIVE_INFINITY));
  const workerRuns = whole.invocations.filter((record) => record.seq > 2);
  const meanWorker = workerRuns.reduce((sum, record) => sum + record.durationMs, 0) / Math.max(1, workerRuns.length);
  const waves = Math.ceil(workers / concurrency);
  const bound = one.coldMs + waves * workerMs;
  const ratio = whole.wallMs / bound;
  report("one worker's slice in one invocation, alone (ms)", workerMs.toFixed(0));
  report("per-partition cost (ms, that invocation / its partitions)", (workerMs / PER_WORKER).toFixed(1));
  report("a cold start alone: an invocation that acts on nothing (ms)", one.coldMs.toFixed(0));
  report(`two workers at once, ${cores} cores: mean worker invocation (ms)`, pairMean.toFixed(0));
  report("workers this machine runs at once (POWER_WORKER_CONCURRENCY of the fire)", String(concurrency));
  report("stopped", String(stopped), String(ACCOUNTS * PER_ACCOUNT), stopped === ACCOUNTS * PER_ACCOUNT);
  report("still running after the fire", String(whole.stillRunning), "= 0", whole.stillRunning === 0);
  report("wall time of the fire (ms)", whole.wallMs.toFixed(0));
  report("mean worker invocation in the fire (ms)", meanWorker.toFixed(0));
  report(`model: cold start + ${waves} waves of one worker alone (ms)`, bound.toFixed(0));
  report("wall time / model", ratio.toFixed(2), "≤ 1.5", ratio <= 1.5);
  const pages = Math.ceil(ACCOUNTS / LIST_PAGE);
  report(
    "ListAccounts calls (the orchestrator's one listing)",
    String(whole.calls.ListAccounts),
    `= ${pages}`,
    whole.calls.ListAccounts === pages,
  );
  report("AssumeRole calls", String(whole.calls.AssumeRole), `= ${ACCOUNTS}`, whole.calls.AssumeRole === ACCOUNTS);
  report(
    "DescribeInstances calls",
    String(whole.calls.DescribeInstances),
    `= minimum ${ACCOUNTS}`,
    whole.calls.DescribeInstances === ACCOUNTS,
  );
  report(
    "StopInstances calls",
    String(whole.calls.StopInstances),
    `= minimum ${ACCOUNTS}`,
    whole.calls.StopInstances === ACCOUNTS,
  );
  report(
    "Invoke calls",
    String(whole.calls.Invoke),
    `= ${workers + 1} (the fire and its workers)`,
    whole.calls.Invoke === workers + 1,
  );
  report("other calls (stamps' CreateTags, confirming describes)", String(whole.calls.other));
  report("invocations", String(whole.invocations.length), `= ${workers + 1}`, whole.invocations.length === workers + 1);
  report("peak RSS of the largest invocation (MB)", peak.toFixed(1), "≤ 128", peak <= 128);
  report(
    "workers retried / lost",
    `${whole.report.fanOut?.retried.length ?? 0} / ${whole.report.fanOut?.lost.length ?? 0}`,
    "0 / 0",
  );
  return {
    workerMs,
    coldMs: one.coldMs,
    wallMs: whole.wallMs,
    bound,
    ratio,
    calls: whole.calls,
    peakRssMb: peak,
    concurrency,
    workers,
  };
}
