/**
 * `powercron plan` (real CLI): the DST warning names the first gap from its window on, never one already past; the
 * sample config's example workday is ahead.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli-process.ts";

const CONFIG = `groups:
  - { name: berlin, provider: aws, region: eu-central-1, tags: { a: b }, timezone: Europe/Berlin, start: "30 2 * * *", stop: "0 20 * * *" }
`;

describe("Command: powercron plan, the DST warning", () => {
  it.each([
    { from: "2026-12-02T00:00:00Z", first: "2027-03-28" },
    { from: "2026-02-01T00:00:00Z", first: "2026-03-29" },
  ])("from $from names $first first", async ({ from, first }) => {
    const dir = await mkdtemp(join(tmpdir(), "powercron-dst-"));
    try {
      await writeFile(join(dir, "schedules.yaml"), CONFIG);
      const result = await runCli(["plan", "--from", from, "--days", "1", "--config", join(dir, "schedules.yaml")]);
      expect(result.code).toBe(0);
      const warnings = result.stderr.trimEnd().split("\n");
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`02:30 does not exist on ${first} (clocks skip 02:00-03:00)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("Commands: plan and triggers, warnings on a terminal", () => {
  it.each([
    { command: ["plan", "--days", "1"], env: { FORCE_COLOR: "1" }, prefix: "\u001b[33mwarning:\u001b[39m " },
    { command: ["triggers", "--json"], env: { FORCE_COLOR: "1" }, prefix: "\u001b[33mwarning:\u001b[39m " },
    { command: ["plan", "--days", "1"], env: {}, prefix: "warning: " },
    { command: ["triggers", "--json"], env: { NO_COLOR: "1" }, prefix: "warning: " },
  ])("$command with $env: each warning starts with $prefix", async ({ command, env, prefix }) => {
    const dir = await mkdtemp(join(tmpdir(), "powercron-dst-"));
    try {
      await writeFile(join(dir, "schedules.yaml"), CONFIG);
      const result = await runCli([...command, "--config", join(dir, "schedules.yaml")], env);
      expect(result.code).toBe(0);
      expect(result.stderr.startsWith(prefix)).toBe(true);
      if (prefix === "warning: ") expect(result.stderr).not.toContain("\u001b");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("config/schedules.yaml, the example make-up workday", () => {
  it("falls in the two weeks `plan --days 14` shows from 2026-12-02, as its comment says", async () => {
    const result = await runCli(["plan", "--from", "2026-12-02T00:00:00Z", "--days", "14", "--group", "checkout-test"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Sat 2026-12-12 09:00 \+08:00 .* start\s+extra workday/);
  });
});
