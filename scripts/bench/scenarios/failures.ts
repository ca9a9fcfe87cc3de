/**
 * The failure semantics at work, as the clouds fail: an answer lost after the call was applied, one refused instance in
 * a batch of 100, two runs over the same instances at the same moment, account-wide throttling across regions, a zone
 * short of capacity. Each runs the functions' code path in this process (the real SDKs over HTTP to the local cloud)
 * and prints the instances that reached the target, the start/stop calls against the minimum, and the wall time.
 */
import { localCloudEnv } from "../../../src/cli/local-env.ts";
import type { PowerAction } from "../../../src/domain/index.ts";
import type { FleetInput, LocalCloud, LocalCloudOptions } from "../../../src/local-cloud/index.ts";
import type { PowerReport } from "../../../src/report/index.ts";
import { invokePower } from "../../../src/runtime/index.ts";
import { report, sleep, withCloud } from "../harness.ts";

const LATENCY_MS = 20;
const tencentId = (prefix: string, i: number) => `ins-${prefix}${i.toString(36).padStart(7, "0")}`;
const awsId = (prefix: string, i: number) => `i-${prefix}${i.toString(16).padStart(16, "0")}`;

type Instances = FleetInput["instances"];

function fleet(provider: "tencent" | "aws", region: string, ids: string[], extra: object = {}): Instances {
  return ids.map(
    (instanceId) =>
      ({
        provider,
        region,
        instanceId,
        state: provider === "tencent" ? "RUNNING" : "running",
        tags: { env: "test" },
        ...extra,
      }) as Instances[number],
  );
}

function run(cloud: LocalCloud, action: PowerAction, event: unknown): Promise<PowerReport> {
  const env = { ...localCloudEnv(cloud.url), POWER_TIME_BUDGET_SECONDS: "120", POWER_REQUEST_TIMEOUT_MS: "3000" };
  return invokePower(action, event, undefined, { env, pollIntervalMs: 500 });
}

const calls = (cloud: LocalCloud, action: string) => cloud.calls().filter((c) => c.action === action).length;

interface Figures {
  scenario: string;
  reached: number;
  reachable: number;
  actionCalls: number;
  minimumActionCalls: number;
  describeCalls: number;
  wallMs: number;
}

async function scenario(
  name: string,
  options: Omit<LocalCloudOptions, "latencyMs">,
  body: (cloud: LocalCloud) => Promise<Omit<Figures, "scenario" | "wallMs" | "actionCalls" | "describeCalls">>,
  action: "StartInstances" | "StopInstances",
  callTarget: (minimum: number) => { text: string; max: number },
): Promise<Figures> {
  const began = performance.now();
  const figures = await withCloud({ latencyMs: LATENCY_MS, ...options }, async (cloud) => {
    const result = await body(cloud);
    return { ...result, actionCalls: calls(cloud, action), describeCalls: calls(cloud, "DescribeInstances") };
  });
  const wallMs = performance.now() - began;
  console.log(`\n— ${name} —`);
  const target = callTarget(figures.minimumActionCalls);
  report(
    "instances in the target state (of those that can be)",
    `${figures.reached}/${figures.reachable}`,
    "all",
    figures.reached === figures.reachable,
  );
  report(
    `${action} calls / minimum`,
    `${figures.actionCalls} / ${figures.minimumActionCalls}`,
    target.text,
    figures.actionCalls <= target.max,
  );
  report("DescribeInstances calls", String(figures.describeCalls));
  report("wall time (ms)", wallMs.toFixed(0));
  return { scenario: name, ...figures, wallMs };
}

const stoppedIn = (cloud: LocalCloud, provider: "tencent" | "aws", region: string, ids: readonly string[]) =>
  ids.filter((id) => /^(STOPPED|STOPPING|stopped|stopping)$/.test(cloud.instance(provider, region, id)?.state ?? ""))
    .length;

export async function failureRuns(): Promise<Figures[]> {
  console.log("\nfailure semantics (in process, real SDKs over HTTP, 20 ms latency)");
  const results: Figures[] = [];

  const lost = Array.from({ length: 300 }, (_, i) => tencentId("l", i));
  results.push(
    await scenario(
      "Tencent stop of 300, the first StopInstances applied and its answer lost (300 ms state lag)",
      {
        fleet: { instances: fleet("tencent", "ap-shanghai", lost) },
        faults: { StopInstances: { at: { 1: "lost" } } },
        tencentStateLagMs: 300,
      },
      async (cloud) => {
        await run(cloud, "stop", { provider: "tencent", region: "ap-shanghai", instanceIds: lost });
        await sleep(500);
        return { reached: stoppedIn(cloud, "tencent", "ap-shanghai", lost), reachable: 300, minimumActionCalls: 3 };
      },
      "StopInstances",
      (min) => ({ text: `≤ ${min + 1} (one resend per affected batch)`, max: min + 1 }),
    ),
  );

  const protectedFleet = Array.from({ length: 100 }, (_, i) => awsId("a", i));
  results.push(
    await scenario(
      "EC2 stop of 100, one of them stop-protected (OperationNotPermitted fails the whole call)",
      {
        fleet: {
          instances: [
            ...fleet("aws", "us-east-1", protectedFleet.slice(1)),
            ...fleet("aws", "us-east-1", protectedFleet.slice(0, 1), { disableApiStop: true }),
          ],
        },
      },
      async (cloud) => {
        await run(cloud, "stop", { provider: "aws", region: "us-east-1", instanceIds: protectedFleet });
        return { reached: stoppedIn(cloud, "aws", "us-east-1", protectedFleet), reachable: 99, minimumActionCalls: 1 };
      },
      "StopInstances",
      (min) => ({ text: `≤ ${min} + 2·log2(100) ≈ ${min + 14}`, max: min + 14 }),
    ),
  );

  const shared = Array.from({ length: 300 }, (_, i) => tencentId("o", i));
  results.push(
    await scenario(
      "two stops of the same 300 Tencent instances at the same moment",
      { fleet: { instances: fleet("tencent", "ap-shanghai", shared) }, tencentStateLagMs: 200 },
      async (cloud) => {
        const event = { provider: "tencent", region: "ap-shanghai", instanceIds: shared };
        await Promise.all([run(cloud, "stop", event), run(cloud, "stop", event)]);
        return { reached: stoppedIn(cloud, "tencent", "ap-shanghai", shared), reachable: 300, minimumActionCalls: 3 };
      },
      "StopInstances",
      () => ({ text: "≤ 20 in all", max: 20 }),
    ),
  );

  const sh = Array.from({ length: 500 }, (_, i) => tencentId("s", i));
  const bj = Array.from({ length: 500 }, (_, i) => tencentId("b", i));
  results.push(
    await scenario(
      "Tencent stop of 2 × 500 with 30% account-wide throttling (GlobalRegionUinLimitExceeded) and an account bucket of 15/s",
      {
        fleet: { instances: [...fleet("tencent", "ap-shanghai", sh), ...fleet("tencent", "ap-beijing", bj)] },
        faults: { StopInstances: { throttleGlobal: 0.3 } },
        seed: 3,
        tencentAccountRateLimits: { StopInstances: { perSecond: 15 } },
      },
      async (cloud) => {
        await run(cloud, "stop", {
          targets: [
            { provider: "tencent", region: "ap-shanghai", instanceIds: sh },
            { provider: "tencent", region: "ap-beijing", instanceIds: bj },
          ],
        });
        const reached = stoppedIn(cloud, "tencent", "ap-shanghai", sh) + stoppedIn(cloud, "tencent", "ap-beijing", bj);
        return { reached, reachable: 1000, minimumActionCalls: 10 };
      },
      "StopInstances",
      (min) => ({ text: `reported (minimum ${min}; throttled calls are retried)`, max: Number.POSITIVE_INFINITY }),
    ),
  );

  const short = Array.from({ length: 20 }, (_, i) => awsId("c", i));
  results.push(
    await scenario(
      "EC2 start of 20 in a zone with capacity for 15 (InsufficientInstanceCapacity, HTTP 500)",
      {
        fleet: { instances: fleet("aws", "us-east-1", short, { state: "stopped", zone: "us-east-1a" }) },
        ec2ZoneCapacity: { "us-east-1a": 15 },
      },
      async (cloud) => {
        await run(cloud, "start", { provider: "aws", region: "us-east-1", instanceIds: short });
        const started = short.filter((id) => cloud.instance("aws", "us-east-1", id)?.state !== "stopped").length;
        return { reached: started, reachable: 15, minimumActionCalls: 1 };
      },
      "StartInstances",
      (min) => ({ text: `reported (minimum ${min}; batches of 5, then one by one)`, max: Number.POSITIVE_INFINITY }),
    ),
  );
  return results;
}
