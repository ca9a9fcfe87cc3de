/**
 * `powercron demo` (npm start), the real CLI in a child process: it replays every cloud's sample events over the
 * example fleet, and each cloud's tables show its instances stopped, then started again.
 */
import { describe, expect, it } from "vitest";
import { DEMO_STEPS } from "../../src/cli/demo-command.ts";
import { PROVIDERS, toolingOf } from "../../src/providers/index.ts";
import { runCli } from "./support/cli-process.ts";

describe("Command: powercron demo", () => {
  it("replays a stop and a start sample event of every cloud", () => {
    for (const provider of PROVIDERS) {
      const events = toolingOf(provider).demoEvents;
      expect(events, provider).toBeDefined();
      expect(DEMO_STEPS).toContainEqual({ action: "stop", event: events?.stop });
      expect(DEMO_STEPS).toContainEqual({ action: "start", event: events?.start });
    }
  });

  it("exits 0 with Alibaba rows in the tables: stopped (KeepCharging where StopCharging cannot apply), then started", async () => {
    const result = await runCli(["demo"]);
    expect(result.code, result.stderr).toBe(0);
    const sections = result.stdout.split("\n$ ");
    const stop = sections.find((section) =>
      section.startsWith("powercron run stop --event config/events/alibaba-stop.json"),
    );
    const start = sections.find((section) =>
      section.startsWith("powercron run start --event config/events/alibaba-start.json"),
    );
    const rows = (section = "") => section.split("\n").filter((line) => line.startsWith("alibaba "));
    // The example fleet's test machines in both regions; the production one (env=prod) is never selected.
    expect(rows(stop).length).toBe(9);
    expect(rows(stop).filter((row) => /\bcn-shanghai\b/.test(row)).length).toBe(4);
    expect(rows(stop).every((row) => /\s(stopped|already-stopped)(\s|$)/.test(row))).toBe(true);
    expect(rows(stop).filter((row) => row.includes("stopped with KeepCharging")).length).toBe(3);
    expect(rows(start).length).toBe(9);
    expect(rows(start).every((row) => /\srunning\s+started$/.test(row))).toBe(true);
    expect(result.stdout).not.toContain("i-bp1checkout0prod1mv");
  });
});
