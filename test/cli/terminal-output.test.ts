/**
 * Terminal output: colour and a progress line only where a person reads it (a TTY, or FORCE_COLOR), plain and
 * parseable when piped (or NO_COLOR); `run --summary-only`; one header style; "1 instance".
 */
import { describe, expect, it } from "vitest";
import { COLOURED, highlight, PLAIN, wantsColour } from "../../src/cli/terminal-style.ts";
import { loadFleetFile, startLocalCloud } from "../../src/local-cloud/index.ts";
import { runCli } from "./support/cli-process.ts";

const ESC = "\u001b[";
const stripAnsi = (text: string) => text.replaceAll(/\u001b\[[0-9;]*[A-Za-z]/g, "");

describe("Function: wantsColour", () => {
  it.each([
    { env: {}, tty: true, colour: true },
    { env: {}, tty: false, colour: false },
    { env: { NO_COLOR: "1" }, tty: true, colour: false },
    { env: { NO_COLOR: "" }, tty: true, colour: true },
    { env: { TERM: "dumb" }, tty: true, colour: false },
    { env: { FORCE_COLOR: "1" }, tty: false, colour: true },
    { env: { FORCE_COLOR: "0" }, tty: true, colour: false },
    { env: { FORCE_COLOR: "1", NO_COLOR: "1" }, tty: false, colour: true },
  ])("is $colour with $env on a stream whose isTTY is $tty", ({ env, tty, colour }) => {
    expect(wantsColour({ isTTY: tty }, env)).toBe(colour);
  });
});

describe("Function: highlight", () => {
  const table = [
    "  instance      state    drift",
    "  ins-00000001  running  DRIFT",
    "  ins-00000002  -        failed   NetworkError; request failed, reason: refused",
    "warning: group x: 02:30 does not exist on 2027-03-28",
  ].join("\n");

  it("paints FAILED/failed/refused/not-found red, DRIFT and warning: yellow, and keeps the columns", () => {
    const painted = highlight(table, COLOURED);
    expect(painted).toContain(`${ESC}33mDRIFT${ESC}39m`);
    expect(painted).toContain(`${ESC}31mfailed${ESC}39m   NetworkError`);
    expect(painted).toContain(`${ESC}33mwarning:${ESC}39m`);
    expect(stripAnsi(painted)).toBe(table);
  });

  it("leaves the text as it is without colour", () => {
    expect(highlight(table, PLAIN)).toBe(table);
  });
});

async function withCloud<T>(latencyMs: number, body: (url: string) => Promise<T>): Promise<T> {
  const fleet = await loadFleetFile("config/fleet.example.json");
  const cloud = await startLocalCloud({ fleet, latencyMs, transitionMs: 20 });
  try {
    return await body(cloud.url);
  } finally {
    await cloud.close();
  }
}

const STOP = ["run", "stop", "--event", "config/events/tencent-stop.json", "--local-cloud"];

describe("Command: powercron run on a terminal and in a pipe", () => {
  it("shows a rate-limited progress line on stderr with FORCE_COLOR, cleared before the report", async () => {
    const result = await withCloud(700, (url) => runCli([...STOP, url], { FORCE_COLOR: "1" }));
    expect(result.code).toBe(0);
    const updates = result.stderr.split("\r\u001b[K").filter((part) => part !== "");
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates)
      expect(update).toMatch(/^stop: [\d,]+ instances? described, [\d,]+ start\/stop calls? sent, \d+ s$/);
    expect(result.stderr.endsWith("\r\u001b[K")).toBe(true);
  });

  it.each([
    { case: "piped", env: {} },
    { case: "NO_COLOR", env: { NO_COLOR: "1" } },
  ])("$case: no colour, no progress line, a table a program can read", async ({ env }) => {
    const result = await withCloud(700, (url) => runCli([...STOP, url], env));
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain("\u001b");
    expect(result.stderr).toBe("");
    const [title, header, ...rest] = result.stdout.trimEnd().split("\n");
    expect(title).toMatch(/^stop: 18 instances in \d+ ms$/);
    expect(header?.split(/\s+/)).toEqual(["provider", "region", "instance", "before", "after", "outcome", "detail"]);
    expect(rest.filter((line) => line.startsWith("tencent "))).toHaveLength(18);
  });

  it("--summary-only prints the summary without a row per instance", async () => {
    const result = await withCloud(0, (url) => runCli([...STOP, url, "--summary-only"]));
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^stop: 18 instances in \d+ ms$/);
    expect(lines[1]).toMatch(/^totals: /);
    expect(lines[2]).toMatch(/^api calls: /);
  });

  it('says "1 instance", not "1 instances"', async () => {
    const result = await withCloud(0, (url) =>
      runCli(
        ["run", "stop", "--event", "-", "--local-cloud", url],
        {},
        '{"provider":"tencent","region":"ap-guangzhou","instanceIds":["ins-00p1e9zm"]}',
      ),
    );
    expect(result.stdout).toMatch(/^stop: 1 instance in \d+ ms$/m);
  });

  it("status paints DRIFT with FORCE_COLOR and not when piped, under the same header style as run", async () => {
    await withCloud(0, async (url) => {
      const coloured = await runCli(["status", "--group", "checkout-test", "--local-cloud", url], { FORCE_COLOR: "1" });
      const piped = await runCli(["status", "--group", "checkout-test", "--local-cloud", url]);
      expect(piped.stdout).not.toContain("\u001b");
      expect(stripAnsi(coloured.stdout)).toBe(piped.stdout);
      if (piped.stdout.includes("DRIFT")) expect(coloured.stdout).toContain(`${ESC}33mDRIFT${ESC}39m`);
      const header = piped.stdout.split("\n")[1]?.trim();
      expect(header).toMatch(/^instance\s+region\s+state\s+should be\s+next\s+keep-running until\s+drift$/);
    });
  });
});
