import { describe, expect, it } from "vitest";
import { dueEnforceGroups, scfEnforceTick } from "../../../src/platforms/scf/enforce-tick.ts";
import { checkTickTime, tickCronMinutes } from "../../../src/platforms/scf/tick-due.ts";
import { scfTimerTriggers } from "../../../src/platforms/scf/ticks.ts";
import { parseScheduleConfig } from "../../../src/schedule/config.ts";

const group = (name: string, more: string, provider = "tencent", region = "ap-shanghai") =>
  `  - { name: ${name}, provider: ${provider}, region: ${region}, tags: { a: b }, timezone: Asia/Shanghai, start: "0 9 * * 1-5", stop: "0 21 * * 1-5"${more} }`;

describe("Function: scfEnforceTick", () => {
  it.each([
    { groups: [group("a", ", enforce: stop")], action: "stop", cron: "0 0,15,30,45 * * * * *", served: ["a"] },
    { groups: [group("a", ", enforce: stop")], action: "start", cron: undefined, served: undefined },
    {
      groups: [group("a", ", enforce: both, enforceEvery: 30")],
      action: "start",
      cron: "0 0,30 * * * * *",
      served: ["a"],
    },
    {
      groups: [group("a", ", enforce: stop, enforceEvery: 20"), group("b", ", enforce: stop, enforceEvery: 30")],
      action: "stop",
      cron: "0 0,10,20,30,40,50 * * * * *",
      served: ["a", "b"],
    },
    { groups: [group("a", ", enforce: stop, enforceEvery: 60")], action: "stop", cron: "0 0 * * * * *", served: ["a"] },
    { groups: [group("a", "")], action: "stop", cron: undefined, served: undefined },
  ] as const)("$action with $groups → $cron", ({ groups, action, cron, served }) => {
    const config = parseScheduleConfig(`groups:\n${groups.join("\n")}`, "t.yaml");
    const tick = scfEnforceTick(config, action);
    expect(tick?.cron).toBe(cron);
    expect(tick?.groups).toEqual(served);
    if (tick) expect(JSON.parse(tick.customArgument)).toEqual({ powercron: "tick", tick: "powercron-enforce" });
  });

  it("runs each group only at its own interval's minutes", () => {
    const config = parseScheduleConfig(
      `groups:\n${[group("a", ", enforce: stop, enforceEvery: 20"), group("b", ", enforce: stop, enforceEvery: 30")].join("\n")}`,
      "t.yaml",
    );
    const due = (iso: string) => dueEnforceGroups(config, "stop", new Date(iso), 60_000).map((g) => g.name);
    expect(due("2026-11-23T16:00:00Z")).toEqual(["a", "b"]);
    expect(due("2026-11-23T16:10:00Z")).toEqual([]);
    expect(due("2026-11-23T16:20:00Z")).toEqual(["a"]);
    expect(due("2026-11-23T16:30:00Z")).toEqual(["b"]);
  });

  it("keeps a function within 10 timers with its enforce tick, every group's minute still covered", () => {
    const zones = ["Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "America/St_Johns", "Europe/Berlin"];
    const groups = Array.from({ length: 30 }, (_, index) => {
      const zone = zones[index % zones.length];
      return `  - { name: g${index}, provider: tencent, region: ap-shanghai, tags: { a: b }, timezone: ${zone}, stop: "${(index * 7) % 60} ${index % 24} * * *", enforce: stop }`;
    });
    const config = parseScheduleConfig(`groups:\n${groups.join("\n")}`, "t.yaml");
    const triggers = scfTimerTriggers(config).filter((trigger) => trigger.action === "stop");
    expect(triggers).toHaveLength(10);
    expect(triggers.filter((trigger) => trigger.name === "powercron-enforce")).toHaveLength(1);
    const regular = triggers.filter((trigger) => trigger.name !== "powercron-enforce");
    expect(new Set(regular.flatMap((t) => t.groups))).toEqual(new Set(config.groups.map((g) => g.name)));
    // The enforce tick's own times pass the tick check; others are misfires.
    expect(checkTickTime(config, "stop", "powercron-enforce", new Date("2026-11-23T16:45:00Z")).onTick).toBe(true);
    expect(checkTickTime(config, "stop", "powercron-enforce", new Date("2026-11-23T16:52:00Z")).onTick).toBe(false);
    expect(tickCronMinutes(triggers.at(-1)?.cron ?? "")).toHaveLength(96);
  });
});
