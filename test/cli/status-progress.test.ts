/**
 * `powercron status` on a terminal shows how far it got (describe pages read, instances seen, the group it is at) in a
 * progress line on stderr, at most once a second; piped, or with NO_COLOR, there is none and the output stays plain.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { counted, ProgressLine } from "../../src/cli/progress-line.ts";
import { runProgressText } from "../../src/cli/run-progress.ts";
import { statusProgressText } from "../../src/cli/status-progress.ts";
import { loadFleetFile, startLocalCloud } from "../../src/local-cloud/index.ts";
import { runCli } from "./support/cli-process.ts";

const CLEAR = "\r\u001b[K";
const UPDATE = /^status: [\d,]+ describe pages? read, [\d,]+ instances? seen, group \d+ of 4, \d+ s$/;

describe("Function: statusProgressText", () => {
  it.each([
    {
      pages: 0,
      described: 0,
      group: 1,
      seconds: 1,
      text: "status: 0 describe pages read, 0 instances seen, group 1 of 4, 1 s",
    },
    {
      pages: 1,
      described: 1,
      group: 2,
      seconds: 2,
      text: "status: 1 describe page read, 1 instance seen, group 2 of 4, 2 s",
    },
    {
      pages: 1_000,
      described: 100_000,
      group: 4,
      seconds: 61,
      text: "status: 1,000 describe pages read, 100,000 instances seen, group 4 of 4, 61 s",
    },
  ])("says $text", ({ pages, described, group, seconds, text }) => {
    expect(statusProgressText({ group, groups: 4 })({ pages, described, calls: 0 }, seconds)).toBe(text);
  });
});

describe("Function: runProgressText", () => {
  it.each([
    { described: 1, calls: 1, text: "stop: 1 instance described, 1 start/stop call sent, 3 s" },
    { described: 12_000, calls: 120, text: "stop: 12,000 instances described, 120 start/stop calls sent, 3 s" },
  ])("says $text", ({ described, calls, text }) => {
    expect(runProgressText("stop")({ described, calls, pages: 0 }, 3)).toBe(text);
  });
});

describe("Function: counted", () => {
  it.each([
    { count: 0, text: "0 instances" },
    { count: 1, text: "1 instance" },
    { count: 1234, text: "1,234 instances" },
  ])("writes $count as $text", ({ count, text }) => {
    expect(counted(count, "instance")).toBe(text);
  });
});

describe("Class: ProgressLine", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes nothing before its first interval, then at most once an interval, and clears the line it showed", () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const line = new ProgressLine({
      write: (text) => written.push(text),
      now: () => Date.now(),
      text: (seconds) => `${seconds} s`,
    });
    vi.advanceTimersByTime(999);
    expect(written).toEqual([]);
    vi.advanceTimersByTime(2001);
    line.end();
    vi.advanceTimersByTime(5000);
    expect(written).toEqual([`${CLEAR}1 s`, `${CLEAR}2 s`, `${CLEAR}3 s`, CLEAR]);
  });

  it("leaves the terminal alone when the work ended before the first update", () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const line = new ProgressLine({ write: (text) => written.push(text), now: () => Date.now(), text: () => "x" });
    vi.advanceTimersByTime(500);
    line.end();
    expect(written).toEqual([]);
  });
});

async function statusWith(env: Record<string, string | undefined>) {
  const fleet = await loadFleetFile("config/fleet.example.json");
  // Each describe answers after 700 ms, and the groups are described one after the other: a few seconds in all.
  const cloud = await startLocalCloud({ fleet, latencyMs: 700 });
  try {
    return await runCli(["status", "--local-cloud", cloud.url], env);
  } finally {
    await cloud.close();
  }
}

describe("Command: powercron status on a terminal and in a pipe", () => {
  it("shows a rate-limited progress line on stderr with FORCE_COLOR, cleared before the tables", async () => {
    const result = await statusWith({ FORCE_COLOR: "1" });
    expect([0, 3]).toContain(result.code);
    const updates = result.stderr.split(CLEAR).filter((part) => part !== "");
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) expect(update).toMatch(UPDATE);
    expect(result.stderr.endsWith(CLEAR)).toBe(true);
    // The counts only grow, and the seconds no faster than one an update (at most one update a second).
    const numbers = updates.map((update) =>
      (update.match(/\d[\d,]*/g) ?? []).map((n) => Number(n.replaceAll(",", ""))),
    );
    for (let index = 1; index < numbers.length; index++) {
      const [pages = 0, seen = 0] = numbers[index] ?? [];
      const [lastPages = 0, lastSeen = 0] = numbers[index - 1] ?? [];
      expect(pages).toBeGreaterThanOrEqual(lastPages);
      expect(seen).toBeGreaterThanOrEqual(lastSeen);
    }
    expect(updates.length).toBeLessThanOrEqual((numbers.at(-1)?.at(-1) ?? 0) + 1);
    expect(result.stdout).toMatch(/^checkout-test \(tencent, /m);
  });

  it.each([
    { case: "piped", env: {} },
    { case: "NO_COLOR", env: { NO_COLOR: "1" } },
  ])("$case: no progress line and no colour, the same tables", async ({ env }) => {
    const result = await statusWith(env);
    expect([0, 3]).toContain(result.code);
    expect(result.stderr).toBe("");
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).toMatch(/^checkout-test \(tencent, /m);
    expect(result.stdout).toMatch(/^ {2}\d+ instances?: /m);
  });
});
