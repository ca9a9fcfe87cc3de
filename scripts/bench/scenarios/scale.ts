/**
 * Fleet scale: one cloud's function stops a large fleet selected by tag, 60% running, 20 ms latency, default limits.
 * Wall time against the bound the limits imply, calls against the minimum, the function bundle's peak RSS, and the
 * longest line it logged (the platforms' log services split or cut longer ones).
 */
import type { LocalCloud } from "../../../src/local-cloud/index.ts";
import { megabytes, type Platform, type Runners, report, reportRss, runFunction, withCloud } from "../harness.ts";
import { lowerBoundMs, minimumCalls, overlappedLowerBoundMs } from "../lower-bound.ts";
import {
  AWS_REGIONS,
  type FleetShape,
  fleetOf,
  LATENCY_MS,
  LIMITS,
  selectedLoads,
  stopEvent,
  TENCENT_REGIONS,
} from "./fleet-shape.ts";

export interface ScaleScenario {
  readonly title: string;
  readonly platform: Platform;
  readonly shape: FleetShape;
  /** Wall time may be this many times the bound. */
  readonly slack: number;
  /** Run only with `npm run bench -- --scale` (minutes each on a two-core machine). */
  readonly onlyWithScaleFlag?: boolean;
}

export const SCALE_SCENARIOS: readonly ScaleScenario[] = [
  {
    title: "10 × 10,000 CVM instances, 10 regions, one SCF function, selected by tag",
    platform: "scf",
    shape: { tencent: { regions: TENCENT_REGIONS, perRegion: 10_000 } },
    slack: 1.1,
  },
  {
    title: "100,000 CVM instances in one region, one SCF function, selected by tag",
    platform: "scf",
    shape: { tencent: { regions: ["ap-guangzhou"], perRegion: 100_000 } },
    slack: 1.1,
    onlyWithScaleFlag: true,
  },
  {
    title: "2 × 50,000 EC2 instances, one Lambda function, selected by tag",
    platform: "aws",
    shape: { aws: { regions: AWS_REGIONS, perRegion: 50_000 } },
    slack: 1.1,
    onlyWithScaleFlag: true,
  },
];

const RUNNING_SHARE = 0.6;
const LOG_LINE_LIMIT = 64 * 1024;

function answeredCalls(cloud: LocalCloud): number {
  return cloud.calls().filter((call) => call.result === "ok").length;
}

export async function scaleRun(runners: Runners, dir: string, scenario: ScaleScenario) {
  const fleet = fleetOf(scenario.shape, RUNNING_SHARE);
  const loads = selectedLoads(fleet);
  const instances = loads.reduce((sum, load) => sum + load.instances, 0);
  const eligible = loads.reduce((sum, load) => sum + load.eligible, 0);
  const minimum = loads.reduce((sum, load) => {
    const { describe, action, stamp } = minimumCalls(load, LIMITS);
    return sum + describe + action + stamp;
  }, 0);
  const bound = lowerBoundMs(loads, LIMITS);
  const overlapped = overlappedLowerBoundMs(loads, LIMITS);
  const result = await withCloud({ fleet, latencyMs: LATENCY_MS }, async (cloud) => {
    const output = await runFunction(
      runners[scenario.platform],
      dir,
      cloud,
      stopEvent(scenario.platform, scenario.shape),
    );
    const byResult: Record<string, number> = {};
    for (const call of cloud.calls()) {
      const key = `${call.action}:${call.result}`;
      byResult[key] = (byResult[key] ?? 0) + 1;
    }
    return { output, answered: answeredCalls(cloud), sent: cloud.calls().length, byResult };
  });
  const { output } = result;
  const ratio = output.durationMs / bound;
  console.log(`\n— ${scenario.title} —`);
  report("instances selected / eligible (running)", `${instances} / ${eligible}`);
  report("stopped", String(output.totals.stopped ?? 0), String(eligible), output.totals.stopped === eligible);
  report("wall time (ms)", output.durationMs.toFixed(0));
  report("lower bound from limits and latency (ms)", bound.toFixed(0));
  report("wall time / lower bound", ratio.toFixed(2), `≤ ${scenario.slack}`, ratio <= scenario.slack);
  report("wall time / bound if describing and acting fully overlap", (output.durationMs / overlapped).toFixed(2));
  report("API calls answered", String(result.answered), `= minimum ${minimum}`, result.answered === minimum);
  report("API calls sent (incl. throttled retries)", String(result.sent));
  report("calls by action and answer", JSON.stringify(result.byResult));
  report("function CPU time (ms) / timer lateness p99 (ms)", `${output.cpuMs} / ${output.loopDelayP99Ms}`);
  reportRss(scenario.platform === "scf" ? "SCF function bundle" : "Lambda function bundle", output.maxRssBytes);
  {
    report(
      "log lines written / longest (KB)",
      `${output.logLines} / ${(output.longestLogLine / 1024).toFixed(1)}`,
      "≤ 64 KB each",
      output.longestLogLine <= LOG_LINE_LIMIT,
    );
    report(
      "value returned (KB)",
      (output.returnedBytes / 1024).toFixed(1),
      "≤ 6 MB",
      megabytes(output.returnedBytes) <= 6,
    );
  }
  return { scenario: scenario.title, instances, eligible, bound, minimum, ...result };
}
