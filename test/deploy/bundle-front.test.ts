/**
 * The SCF bundle's front as SCF loads it: index.js from the unzipped zip in a fresh node, called with ticks. A tick
 * with nothing due is answered without full.js (so without YAML, zod, cron-parser or the SDK) and without Intl's time
 * zones; every other fire, and a zip whose config was edited after the build, goes through full.js as before.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltBundle, buildAll } from "../../src/deploy/bundle.ts";

const run = promisify(execFile);
const CONFIG = `groups:
  - { name: office, provider: tencent, region: ap-guangzhou, instanceIds: [ins-0f0f0f01], timezone: Asia/Shanghai, start: "0 9 * * 1-5", stop: "0 21 * * 1-5", calendar: cn }
  - { name: berlin, provider: tencent, region: ap-guangzhou, instanceIds: [ins-0f0f0f02], timezone: Europe/Berlin, start: "0 8 * * 1-5" }
calendars:
  cn: { holidays: [2026-10-01..2026-10-07] }
`;

let workDir: string;
let bundle: BuiltBundle;
let fnDir: string;

/** A start tick at `time` (the config's single start tick, as the deploy names it in the Message). */
const tick = (time: string, name = "powercron-tick-1") => ({
  Type: "Timer",
  TriggerName: `prod-${name}-5c7517`,
  Time: time,
  Message: JSON.stringify({ powercron: "tick", tick: name }),
});

interface Answer {
  readonly ok: boolean;
  readonly text: string;
  readonly lines: readonly string[];
  readonly fullLoaded: boolean;
}

/** main_handler of index.js (or `entry`) in a fresh node, in the function's directory; `before` runs first. */
async function invoke(
  event: unknown,
  env: Record<string, string> = {},
  { before = "", entry = "index.js" }: { before?: string; entry?: string } = {},
): Promise<Answer> {
  const script = `${before}
const { main_handler } = require(process.cwd() + "/${entry}");
main_handler(${JSON.stringify(event)}, {}).then(
  (report) => console.log("OK " + JSON.stringify(report)),
  (error) => console.log("ERR " + error.message),
).then(() => console.log("FULL " + Object.keys(require.cache).some((file) => file.endsWith("/full.js"))));`;
  const { stdout } = await run(process.execPath, ["-e", script], {
    cwd: fnDir,
    env: { PATH: process.env.PATH ?? "", POWER_CONFIG: "schedules.yaml", POWER_MAX_EVENT_AGE: "0", ...env },
  });
  const lines = stdout.trim().split("\n");
  return {
    ok: lines.some((line) => line.startsWith("OK ")),
    text: lines.find((line) => line.startsWith("OK ") || line.startsWith("ERR ")) ?? "",
    lines: lines.filter((line) => line.startsWith("{")),
    fullLoaded: lines.includes("FULL true"),
  };
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "powercron-front-"));
  const configFile = join(workDir, "schedules.yaml");
  await writeFile(configFile, CONFIG);
  const built = await buildAll(["scf"], { distDir: join(workDir, "dist"), configFile });
  const start = built.find((candidate) => candidate.name === "start");
  if (start === undefined) throw new Error("no scf/start bundle");
  bundle = start;
  fnDir = join(workDir, "fn");
  for (const [path, content] of Object.entries(unzipSync(await readFile(bundle.zip)))) {
    await mkdir(dirname(join(fnDir, path)), { recursive: true });
    await writeFile(join(fnDir, path), content);
  }
}, 120_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("Function: the SCF bundle's front (index.js)", () => {
  it("holds no YAML parser, zod or cron-parser; full.js holds them", async () => {
    const front = await readFile(join(fnDir, "index.js"), "utf8");
    const full = await readFile(join(fnDir, "full.js"), "utf8");
    const markers = [/YAMLParseError/, /ZodError/, /CronExpressionParser|Invalid cron expression/, /TC3-HMAC-SHA256/];
    for (const marker of markers) {
      expect(full).toMatch(marker);
      expect(front).not.toMatch(marker);
    }
    expect(front).toContain('require("./full.js")');
  });

  it("answers a Saturday's tick from the compiled schedule, as full.js does, without loading full.js or Intl's zones", async () => {
    const saturday = tick("2026-11-28T01:00:00Z");
    // Intl's time-zone formatting made to fail: the front reads the zones' offsets from its compiled tables.
    const noIntlZones = `const Format = Intl.DateTimeFormat; Intl.DateTimeFormat = function (locale, options) {
  if (options && options.timeZone) throw new Error("Intl time zone used"); return new Format(locale, options); };`;
    const front = await invoke(saturday, {}, { before: noIntlZones });
    expect(front.ok, front.text).toBe(true);
    expect(front.fullLoaded).toBe(false);
    const report = JSON.parse(front.text.slice(3));
    expect(report.skipped.reason).toBe(
      'tick "powercron-tick-1" at 2026-11-28T01:00:00Z: no group due: 2026-11-28T01:00:00.000Z (2026-11-28T09:00:00+08:00) is not a scheduled start of group "office": a day the schedule leaves out (the nearest is 2026-11-27T09:00:00+08:00)',
    );
    // full.js itself, called with the same tick: the same log lines and report, but for the time they were made.
    const full = await invoke(saturday, {}, { entry: "full.js" });
    expect(full.fullLoaded).toBe(true);
    const untimed = (text: string) => text.replace(/"startedAt":"[^"]+"/, "");
    expect(full.lines.map(untimed)).toEqual(front.lines.map(untimed));
    expect(untimed(full.text)).toBe(untimed(front.text));
    expect(front.lines[0]).toBe(`{"configDigest":"${bundle.configDigest}","deployedConfigDigest":null}`);
  });

  it("answers a holiday's tick with the calendar's note", async () => {
    const answer = await invoke(tick("2026-10-02T01:00:00Z"));
    expect(answer.fullLoaded).toBe(false);
    expect(answer.text).toMatch(/2026-10-02 is a holiday in calendar cn/);
  });

  it("loads full.js for a tick at which a group is due (here it then finds no credentials)", async () => {
    const answer = await invoke(tick("2026-11-27T01:00:00Z"));
    expect(answer.fullLoaded).toBe(true);
    expect(answer.text).toMatch(/^ERR Tencent credentials missing/);
  });

  it("leaves a misfire to full.js, which fails it", async () => {
    const answer = await invoke(tick("2026-11-28T04:00:00Z"));
    expect(answer.fullLoaded).toBe(true);
    expect(answer.text).toMatch(/^ERR misfire: SCF tick "powercron-tick-1" fired at 2026-11-28T04:00:00.000Z/);
  });

  it("refuses, through full.js, a deploy that names another config", async () => {
    const answer = await invoke(tick("2026-11-28T01:00:00Z"), { POWERCRON_CONFIG_DIGEST: "0000000000000000" });
    expect(answer.fullLoaded).toBe(true);
    expect(answer.text).toContain(
      `deployed for config "0000000000000000" but its code carries config "${bundle.configDigest}"`,
    );
  });

  it("loads full.js when the zip's config was edited after the build (the compiled schedule is not for it)", async () => {
    const edited = join(fnDir, "edited.yaml");
    await writeFile(edited, CONFIG.replace('start: "0 8 * * 1-5"', 'start: "0 8 * * *"'));
    const answer = await invoke(tick("2026-11-28T01:00:00Z"), { POWER_CONFIG: "edited.yaml" });
    expect(answer.fullLoaded).toBe(true);
    expect(answer.text).toMatch(/no group due/);
  });

  it("skips a stale tick from the front, as full.js does", async () => {
    const answer = await invoke(tick("2026-11-28T01:00:00Z"), { POWER_MAX_EVENT_AGE: "15m" });
    expect(answer.fullLoaded).toBe(false);
    expect(answer.text).toMatch(/"reason":"stale: the event was scheduled for 2026-11-28T01:00:00.000Z/);
  });

  it("loads full.js for an event that is not a tick", async () => {
    const answer = await invoke({ provider: "tencent", region: "ap-guangzhou", instanceIds: ["ins-0f0f0f01"] });
    expect(answer.fullLoaded).toBe(true);
    expect(answer.text).toMatch(/^ERR Tencent credentials missing/);
  });
});
