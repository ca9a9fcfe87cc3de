/**
 * The function as a platform runs it, in its own process: bundled by the benchmark, given an action and an event file,
 * it runs the handlers' code path and prints one JSON line with a summary of the report and its own peak RSS.
 */
import { readFileSync } from "node:fs";
import type { PowerAction } from "../../src/domain/types.ts";
import { invokePower } from "../../src/runtime/invoke-power.ts";

const [action, eventFile] = process.argv.slice(2);
if ((action !== "start" && action !== "stop") || !eventFile) {
  console.error("usage: function-runner <start|stop> <event.json>");
  process.exit(2);
}
async function main(): Promise<void> {
  const event: unknown = JSON.parse(readFileSync(eventFile as string, "utf8"));
  const report = await invokePower(action as PowerAction, event, undefined, { env: process.env });
  const failures = report.instances.filter((r) => r.outcome === "failed" || r.outcome === "not-found");
  console.log(
    JSON.stringify({
      durationMs: report.durationMs,
      totals: report.totals,
      apiCalls: report.apiCalls,
      failures: failures.slice(0, 5).map((r) => `${r.instanceId} ${r.outcome} ${r.code ?? ""} ${r.message ?? ""}`),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

void main();
