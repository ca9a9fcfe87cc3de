/**
 * Every sample in config/events/ against the code's own schemas: a tick is what a deployed SCF timer of the repo's
 * config sends (its deployed name, message and one of its fire times); every other sample is valid input in the
 * form its name says. And the tick sample runs through the real CLI as a deployed timer's fire would.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseInvocation } from "../../src/input/parse-invocation.ts";
import { loadFleetFile, startLocalCloud } from "../../src/local-cloud/index.ts";
import { scfTimerName } from "../../src/platforms/scf/deploy/scf-plan.ts";
import { checkTickTime } from "../../src/platforms/scf/tick-due.ts";
import { readTickEvent } from "../../src/platforms/scf/tick-event.ts";
import { scfTimerTriggers } from "../../src/platforms/scf/ticks.ts";
import { loadScheduleConfig } from "../../src/schedule/index.ts";
import { PLATFORM_FORMS } from "../support/platform-events.ts";
import { runCli } from "./support/cli-process.ts";

const DIR = "config/events";
const files = readdirSync(DIR).filter((name) => name.endsWith(".json"));
const read = (file: string): unknown => JSON.parse(readFileSync(`${DIR}/${file}`, "utf8"));
const ticks = files.filter((file) => readTickEvent(read(file)) !== undefined);
const env = { POWER_PROVIDER: "aws", POWER_REGION: "us-east-1", POWER_TAGS: "env=test" };

describe("config/events samples, by the code's schemas", () => {
  it("ship a tick for each action, as deployed SCF timers send", () => {
    expect(ticks.sort()).toEqual(["scf-tick-start.json", "scf-timer-group.json"]);
  });

  it.each(ticks)("%s is a deployed timer's fire: its name, message and a time of its cron", async (file) => {
    const config = await loadScheduleConfig("config/schedules.yaml");
    const event = read(file) as { TriggerName: string; Time: string; Message: string };
    const fire = readTickEvent(event);
    const deployed = scfTimerTriggers(config).map((trigger) => ({ ...trigger, name: scfTimerName("prod", trigger) }));
    const trigger = deployed.find((candidate) => candidate.name === event.TriggerName);
    expect(trigger, `${event.TriggerName} is not a deployed timer: ${deployed.map((t) => t.name)}`).toBeDefined();
    expect(event.Message).toBe(trigger?.customArgument);
    expect(file.includes("start") ? "start" : "stop").toBe(trigger?.action);
    const check = checkTickTime(config, trigger?.action ?? "stop", fire?.triggerName ?? "", new Date(event.Time));
    expect(check).toEqual({ onTick: true });
  });

  it.each(files.filter((file) => !ticks.includes(file)))("%s is accepted input", (file) => {
    const invocation = parseInvocation(file.includes("start") ? "start" : "stop", read(file), env, PLATFORM_FORMS);
    expect(invocation.kind).toBe(file.startsWith("group") ? "group" : "request");
  });

  it("the stop tick, replayed at its time, runs the groups due then (dry run, real CLI)", async () => {
    const cloud = await startLocalCloud({ fleet: await loadFleetFile("config/fleet.example.json") });
    try {
      const result = await runCli([
        "run",
        "stop",
        "--event",
        `${DIR}/scf-timer-group.json`,
        "--now",
        "2026-11-23T13:00:30Z",
        "--dry-run",
        "--summary-only",
        "--local-cloud",
        cloud.url,
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^stop \(dry run\): 12 instances in \d+ ms$/m);
    } finally {
      await cloud.close();
    }
  });
});
