/**
 * The SCF tick with nothing due, as a whole fresh process: node starts, loads the function's index.js from its
 * unzipped zip and calls main_handler with a tick at which no group is due (a group's time of day on a day its
 * schedule leaves out, so the guard has something to say); wall time (Node's boot included) and the child's own peak
 * RSS, against `node -e ''` measured the same way, interleaved run by run.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { checkTickTime, dueGroups, tickCronMinutes } from "../../src/platforms/scf/tick-due.ts";
import { scfTimerTriggers } from "../../src/platforms/scf/ticks.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";
import { offsetMinutesAt } from "../../src/schedule/zone.ts";

export interface QuietTickSubject {
  readonly label: string;
  /** The unzipped function: index.js and schedules.yaml at its root. */
  readonly dir: string;
  /** More environment (the deploy's NODE_OPTIONS and allocator setting, to run it as deployed). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface WallAndRss {
  readonly wallMs: number;
  readonly maxRssKb: number;
}

const DAY_MS = 86_400_000;

/**
 * The first fire of the start function's ticks from `from` at which the guard lets nothing through although a group's
 * time of day has come (its day is one the schedule leaves out, or a holiday): what most of a weekday fleet's fires are.
 */
export function quietTickEvent(config: ScheduleConfig, from = Date.UTC(2026, 10, 28)): Record<string, string> {
  const ticks = scfTimerTriggers(config).filter((trigger) => trigger.action === "start");
  const zone = config.deploy.scf.triggerTimezone;
  for (let day = from; day < from + 366 * DAY_MS; day += DAY_MS) {
    for (const tick of ticks) {
      for (const minute of tickCronMinutes(tick.cron)) {
        // The tick's minute of the day is in the trigger zone.
        const when = new Date(day + minute * 60_000 - offsetMinutesAt(zone, day) * 60_000);
        if (!checkTickTime(config, "start", tick.name, when).onTick) continue;
        const { due, notes } = dueGroups(config, "start", when);
        if (due.length > 0 || notes.length === 0) continue;
        return {
          Type: "Timer",
          TriggerName: `prod-${tick.name}-bench`,
          Time: when.toISOString().replace(".000Z", "Z"),
          Message: JSON.stringify({ powercron: "tick", tick: tick.name }),
        };
      }
    }
  }
  throw new Error("no tick with nothing due within a year of the start date");
}

/** Unzips a function's zip into a fresh directory; returns it. */
export async function unzipFunction(zip: string, into: string): Promise<string> {
  const dir = await mkdtemp(join(into, "fn-"));
  for (const [path, content] of Object.entries(unzipSync(await readFile(zip)))) {
    if (path.endsWith("/")) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/**
 * The child's peak RSS at exit: VmHWM (Linux), the high-water mark of its own address space; getrusage's maxRSS
 * carries the spawning parent's across fork and exec (the bench's own 70 MB), so it is read only where /proc is not.
 */
const RSS_AT_EXIT = `process.on("exit", () => {
  let kb;
  try { kb = Number(/VmHWM:\\s+(\\d+)/.exec(require("fs").readFileSync("/proc/self/status", "utf8"))[1]); }
  catch { kb = process.resourceUsage().maxRSS; }
  process.stdout.write("\\nmaxRssKb=" + kb);
});`;

/** The child's script: the tick through main_handler; fails unless it came back skipped with no group due. */
function tickScript(event: Record<string, string>, fullFile: string): string {
  return `${RSS_AT_EXIT}
const handler = require(process.cwd() + "/index.js").main_handler;
handler(${JSON.stringify(event)}, {}).then((report) => {
  if (!/no group due/.test(report?.skipped?.reason ?? "")) throw new Error("not a quiet tick: " + JSON.stringify(report));
  const full = Object.keys(require.cache).some((file) => file.endsWith(${JSON.stringify(`/${fullFile}`)}));
  process.stdout.write("\\nfullLoaded=" + full);
});`;
}

function once(args: readonly string[], cwd: string, env: Record<string, string>): WallAndRss & { stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${args.join(" ").slice(0, 80)}: exit ${result.status}: ${result.stderr.slice(-2000)}`);
  const rss = /maxRssKb=(\d+)/.exec(result.stdout);
  if (!rss) throw new Error(`no maxRSS in ${result.stdout.slice(-500)}`);
  return { wallMs, maxRssKb: Number(rss[1]), stdout: result.stdout };
}

/**
 * `runs` interleaved rounds: `node -e ''` (with the same exit probe), then each subject's quiet tick. Returns the
 * samples by label, and whether each subject's full entry stayed unloaded in every run.
 */
export function measureQuietTicks(
  subjects: readonly QuietTickSubject[],
  event: Record<string, string>,
  runs: number,
  fullFile = "full.js",
): { samples: Map<string, WallAndRss[]>; fullLoaded: Map<string, boolean> } {
  const samples = new Map<string, WallAndRss[]>([
    ["node -e ''", []],
    ...subjects.map((s) => [s.label, []] as [string, WallAndRss[]]),
  ]);
  const fullLoaded = new Map(subjects.map((subject) => [subject.label, false]));
  // The bench's fire is an old one: POWER_MAX_EVENT_AGE=0 lets it through the stale check, as a fresh fire would be.
  const env = { POWER_CONFIG: "schedules.yaml", POWER_MAX_EVENT_AGE: "0" };
  for (let run = 0; run < runs; run++) {
    samples.get("node -e ''")?.push(once(["-e", RSS_AT_EXIT], tmpdir(), {}));
    for (const subject of subjects) {
      const result = once(["-e", tickScript(event, fullFile)], subject.dir, { ...env, ...subject.env });
      samples.get(subject.label)?.push(result);
      if (result.stdout.includes("fullLoaded=true")) fullLoaded.set(subject.label, true);
    }
  }
  return { samples, fullLoaded };
}

export async function loadConfig(file: string): Promise<ScheduleConfig> {
  return parseScheduleConfig(await readFile(file, "utf8"), file);
}
