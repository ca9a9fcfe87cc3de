/** An enforce tick over 10 × 1,000 stopped CVM instances with nothing drifted: describe calls only, at the minimum. */
import { enforceTickBench } from "../enforce-tick.ts";
import { report } from "../harness.ts";
import { LATENCY_MS, TENCENT_REGIONS } from "./fleet-shape.ts";

export async function enforceRun() {
  console.log(`\n— enforce tick, nothing drifted: ${TENCENT_REGIONS.length}×1000 stopped CVM instances —`);
  const enforce = await enforceTickBench(TENCENT_REGIONS, 1000, LATENCY_MS);
  report(
    "instances checked",
    String(enforce.instances),
    String(TENCENT_REGIONS.length * 1000),
    enforce.instances === TENCENT_REGIONS.length * 1000,
  );
  report(
    "describe calls answered",
    String(enforce.describeCalls),
    `= minimum ${enforce.describeMinimum}`,
    enforce.describeCalls === enforce.describeMinimum,
  );
  report("describe calls sent (incl. throttled retries)", String(enforce.describeSent));
  report("start/stop calls", String(enforce.otherCalls), "0", enforce.otherCalls === 0);
  report("wall time (ms)", enforce.durationMs.toFixed(0));
  return enforce;
}
