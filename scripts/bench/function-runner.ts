/**
 * The function as a platform runs it, in its own process: bundled by the benchmark, given an action and an event file,
 * it calls the handler the platforms call (the same code path, the same log lines), keeps only the sizes of the lines
 * it logs and of the value it returns, and prints one JSON line: the summary line's figures and its own peak RSS.
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { PowerAction } from "../../src/domain/types.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";

const [action, eventFile] = process.argv.slice(2);
if ((action !== "start" && action !== "stop") || !eventFile) {
  console.error("usage: function-runner <start|stop> <event.json>");
  process.exit(2);
}

interface Summary {
  durationMs: number;
  totals: Record<string, number>;
  apiCalls: Record<string, number>;
  failures?: { instanceId: string; outcome: string; code?: string }[];
}

async function main(): Promise<void> {
  const event: unknown = JSON.parse(readFileSync(eventFile as string, "utf8"));
  const print = console.log.bind(console);
  let summary: Summary | undefined;
  const log = { lines: 0, bytes: 0, longest: 0 };
  // The platform would ship each line to its log service; here only their sizes are kept.
  console.log = (line: unknown) => {
    const text = String(line);
    const bytes = Buffer.byteLength(text, "utf8");
    if (log.lines === 0) summary = JSON.parse(text) as Summary;
    log.lines++;
    log.bytes += bytes;
    log.longest = Math.max(log.longest, bytes);
  };
  // How busy the function was: its CPU time, and how late its timers fired (paced calls wait on timers).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuBefore = process.cpuUsage();
  const returned = await powerHandler(action as PowerAction)(event).catch(() => undefined);
  loop.disable();
  const cpu = process.cpuUsage(cpuBefore);
  print(
    JSON.stringify({
      durationMs: summary?.durationMs ?? 0,
      totals: summary?.totals ?? {},
      apiCalls: summary?.apiCalls ?? {},
      failures: (summary?.failures ?? []).slice(0, 5).map((f) => `${f.instanceId} ${f.outcome} ${f.code ?? ""}`),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      logLines: log.lines,
      logBytes: log.bytes,
      longestLogLine: log.longest,
      returnedBytes: returned === undefined ? 0 : Buffer.byteLength(JSON.stringify(returned), "utf8"),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      loopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
    }),
  );
}

void main();
