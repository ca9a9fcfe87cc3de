/** 10,000 CVM instances over 10 regions and 2,000 EC2 over 2, 60% running, no faults: both functions, one by one. */
import type { LocalCloud } from "../../../src/local-cloud/index.ts";
import { type Runners, report, reportRss, runFunction, withCloud } from "../harness.ts";
import { lowerBoundMs, minimumCalls } from "../lower-bound.ts";
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

export const MIXED_FLEET: FleetShape = {
  tencent: { regions: TENCENT_REGIONS, perRegion: 1000 },
  aws: { regions: AWS_REGIONS, perRegion: 1000 },
};

/**
 * Both clouds' functions against one local cloud. On the clouds they run on separate machines; here they run one
 * after the other so that they do not share this machine's two cores with each other. The run's wall time is the
 * slower function's.
 */
export async function runBoth(runners: Runners, dir: string, cloud: LocalCloud, env: Record<string, string> = {}) {
  const a = await runFunction(runners.scf, dir, cloud, stopEvent("scf", MIXED_FLEET), env);
  const b = await runFunction(runners.aws, dir, cloud, stopEvent("aws", MIXED_FLEET), env);
  const totals: Record<string, number> = { ...a.totals };
  for (const [key, value] of Object.entries(b.totals)) totals[key] = (totals[key] ?? 0) + value;
  return {
    durationMs: Math.max(a.durationMs, b.durationMs),
    totals,
    failures: [...a.failures, ...b.failures],
    rss: { scf: a.maxRssBytes, aws: b.maxRssBytes },
  };
}

export function reportBothRss(rss: { scf: number; aws: number }): void {
  reportRss("SCF function (10 CVM regions)", rss.scf);
  reportRss("Lambda function (2 EC2 regions)", rss.aws);
}

export async function cleanRun(runners: Runners, dir: string) {
  const fleet = fleetOf(MIXED_FLEET, 0.6);
  const loads = selectedLoads(fleet);
  const result = await withCloud({ fleet, latencyMs: LATENCY_MS }, async (cloud) => {
    const output = await runBoth(runners, dir, cloud);
    const calls = cloud.calls();
    const minimum = loads.reduce((sum, load) => {
      const { describe, action, stamp } = minimumCalls(load, LIMITS);
      return sum + describe + action + stamp;
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
  const ratio = result.output.durationMs / result.bound;
  console.log("— clean run (stop, 60% running) —");
  report("instances selected", String(loads.reduce((sum, load) => sum + load.instances, 0)));
  report("eligible (running) instances", String(result.eligible));
  report(
    "stopped",
    String(result.output.totals.stopped ?? 0),
    String(result.eligible),
    result.output.totals.stopped === result.eligible,
  );
  report("wall time (ms)", result.output.durationMs.toFixed(0));
  report("lower bound from limits and latency (ms)", result.bound.toFixed(0));
  report("wall time / lower bound", ratio.toFixed(2), "≤ 1.5", ratio <= 1.5);
  report(
    "API calls answered",
    String(result.answered),
    `= minimum ${result.minimum}`,
    result.answered === result.minimum,
  );
  report("API calls sent (incl. throttled retries)", String(result.calls));
  const [slowest, span] = Object.entries(result.regionSpans).sort((a, b) => (b[1][2] ?? 0) - (a[1][2] ?? 0))[0] ?? [];
  if (slowest && span) {
    report(
      `slowest region ${slowest}: first call / first action / last call at (ms)`,
      span.map((ms) => ms.toFixed(0)).join(" / "),
    );
  }
  reportBothRss(result.output.rss);
  return result;
}
