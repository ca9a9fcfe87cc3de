/** The mixed fleet with 20% throttling, 5% server errors and 2% hung requests, plus 600 instances outside the request. */
import { isRunning, isStopped, type Runners, report, sleep, withCloud } from "../harness.ts";
import { MIXED_FLEET, reportBothRss, runBoth } from "./clean.ts";
import { fleetOf, LATENCY_MS, SELECTED } from "./fleet-shape.ts";

const FAULTS = { "*": { throttle: 0.2, serverError: 0.05, hang: 0.02 } };

export async function faultRun(runners: Runners, dir: string) {
  const fleet = fleetOf(MIXED_FLEET, 0.6, 50);
  const selected = new Set(fleet.instances.filter((i) => i.tags.env === SELECTED.env).map((i) => i.instanceId));
  const eligible = fleet.instances.filter((i) => selected.has(i.instanceId) && isRunning(i));
  const outsiders = fleet.instances.filter((i) => !selected.has(i.instanceId));
  const result = await withCloud(
    { fleet, latencyMs: LATENCY_MS, faults: FAULTS, seed: 5, hangMs: 4_000 },
    async (cloud) => {
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
    },
  );
  console.log(
    "\n— with faults: 20% throttling, 5% server errors, 2% hung requests; 600 instances outside the request —",
  );
  const share = result.reached / result.eligible;
  report(
    "eligible instances in the target state",
    `${(share * 100).toFixed(2)}% (${result.reached}/${result.eligible})`,
    "100%",
    share === 1,
  );
  report("calls on instances outside the request", String(result.callsOnOutsiders), "0", result.callsOnOutsiders === 0);
  report("instances outside the request changed", String(result.outsidersChanged), "0", result.outsidersChanged === 0);
  report("wall time (ms)", result.output.durationMs.toFixed(0));
  report("API calls sent / faults answered", `${result.calls} / ${result.faults}`);
  reportBothRss(result.output.rss);
  if (result.output.failures.length > 0) console.log(`  first failures: ${result.output.failures.join("; ")}`);
  return result;
}
