import { describe, expect, it } from "vitest";
import { desiredStateAt } from "../../src/schedule/desired-state.ts";
import { configWith, groupIn, onlyGroup, utc } from "./schedule-fixtures.ts";

const WEEKDAYS = { start: "0 9 * * 1-5", stop: "0 21 * * 1-5" };

describe("Function: desiredStateAt", () => {
  it.each([
    {
      title: "inside the working day (Shanghai, Monday 10:00)",
      zone: "Asia/Shanghai",
      crons: WEEKDAYS,
      now: "2026-11-23T02:00:00Z",
      state: "running",
      since: "2026-11-23T01:00:00.000Z",
      next: "2026-11-23T13:00:00.000Z",
    },
    {
      title: "after the evening stop (Shanghai, Monday 22:00)",
      zone: "Asia/Shanghai",
      crons: WEEKDAYS,
      now: "2026-11-23T14:00:00Z",
      state: "stopped",
      since: "2026-11-23T13:00:00.000Z",
      next: "2026-11-24T01:00:00.000Z",
    },
    {
      title: "at the weekend: since Friday's stop, until Monday's start",
      zone: "Asia/Shanghai",
      crons: WEEKDAYS,
      now: "2026-11-28T04:00:00Z",
      state: "stopped",
      since: "2026-11-27T13:00:00.000Z",
      next: "2026-11-30T01:00:00.000Z",
    },
    {
      title: "Berlin spring-forward day: the 02:30 start does not exist, so the machines stay off",
      zone: "Europe/Berlin",
      crons: { start: "30 2 * * *", stop: "0 20 * * *" },
      now: "2026-03-29T10:00:00Z",
      state: "stopped",
      since: "2026-03-28T19:00:00.000Z",
      next: "2026-03-30T00:30:00.000Z",
    },
    {
      title: "Berlin fall-back day: the start fired at the first 02:30, the second is no transition",
      zone: "Europe/Berlin",
      crons: { start: "30 2 * * *", stop: "0 20 * * *" },
      now: "2026-10-25T01:35:00Z",
      state: "running",
      since: "2026-10-25T00:30:00.000Z",
      next: "2026-10-25T19:00:00.000Z",
    },
    {
      title: "New York fall-back day: the 01:30 stop at its first occurrence (EDT)",
      zone: "America/New_York",
      crons: { start: "0 8 * * *", stop: "30 1 * * *" },
      now: "2026-11-01T06:35:00Z",
      state: "stopped",
      since: "2026-11-01T05:30:00.000Z",
      next: "2026-11-01T13:00:00.000Z",
    },
    {
      title: "Sydney fall-back day: the second 02:30 stop is no transition",
      zone: "Australia/Sydney",
      crons: { start: "0 8 * * *", stop: "30 2 * * *" },
      now: "2026-04-04T16:35:00Z",
      state: "stopped",
      since: "2026-04-04T15:30:00.000Z",
      next: "2026-04-04T22:00:00.000Z",
    },
    {
      title: "Sao Paulo (no DST): Saturday noon after a weekday schedule",
      zone: "America/Sao_Paulo",
      crons: WEEKDAYS,
      now: "2026-11-28T15:00:00Z",
      state: "stopped",
      since: "2026-11-28T00:00:00.000Z",
      next: "2026-11-30T12:00:00.000Z",
    },
    {
      title: "stop-only group: stopped since the last stop, no next change",
      zone: "Asia/Shanghai",
      crons: { stop: "0 22 * * *" },
      now: "2026-11-23T04:00:00Z",
      state: "stopped",
      since: "2026-11-22T14:00:00.000Z",
      next: undefined,
    },
    {
      title: "start-only group: running since the last start, no next change",
      zone: "Asia/Shanghai",
      crons: { start: "0 9 * * 1-5" },
      now: "2026-11-28T04:00:00Z",
      state: "running",
      since: "2026-11-27T01:00:00.000Z",
      next: undefined,
    },
    {
      title: "a monthly schedule found beyond the first week (first Monday start, last Friday stop)",
      zone: "Europe/Berlin",
      crons: { start: "0 9 * * 1#1", stop: "0 18 * * 5L" },
      now: "2026-11-20T12:00:00Z",
      state: "running",
      since: "2026-11-02T08:00:00.000Z",
      next: "2026-11-27T17:00:00.000Z",
    },
  ])("$title", ({ zone, crons, now, state, since, next }) => {
    const config = groupIn(zone, crons);
    const desired = desiredStateAt(onlyGroup(config), utc(now), config);
    expect(desired.state).toBe(state);
    expect(desired.since?.at.toISOString()).toBe(since);
    expect(desired.next?.at.toISOString()).toBe(next);
    expect(desired.graceUntil).toBeUndefined();
  });

  it.each([
    { now: "2026-11-23T13:00:00Z", grace: 10, until: "2026-11-23T13:10:00.000Z" },
    { now: "2026-11-23T13:09:59Z", grace: 10, until: "2026-11-23T13:10:00.000Z" },
    { now: "2026-11-23T13:10:00Z", grace: 10, until: undefined },
    { now: "2026-11-23T13:20:00Z", grace: 30, until: "2026-11-23T13:30:00.000Z" },
    { now: "2026-11-23T13:00:00Z", grace: 0, until: undefined },
  ])("at $now with $grace minutes of grace: waits until $until", ({ now, grace, until }) => {
    const config = groupIn("Asia/Shanghai", WEEKDAYS);
    const desired = desiredStateAt(onlyGroup(config), utc(now), config, grace);
    expect(desired.state).toBe("stopped");
    expect(desired.graceUntil?.toISOString()).toBe(until);
  });

  it("takes the group's enforceGrace as the default grace", () => {
    const config = groupIn("Asia/Shanghai", WEEKDAYS, "enforce: stop\nenforceGrace: 45");
    const desired = desiredStateAt(onlyGroup(config), utc("2026-11-23T13:40:00Z"), config);
    expect(desired.graceUntil?.toISOString()).toBe("2026-11-23T13:45:00.000Z");
  });

  it("keeps a holiday's skipped start from counting as a transition", () => {
    const config = configWith(
      `name: g
provider: tencent
region: ap-shanghai
tags: { env: test }
timezone: Asia/Shanghai
start: "0 9 * * 1-5"
stop: "0 21 * * 1-5"
calendar: cn`,
      `calendars:
  cn:
    holidays: ["2026-10-01..2026-10-07"]
`,
    );
    const desired = desiredStateAt(onlyGroup(config), utc("2026-10-02T04:00:00Z"), config);
    expect(desired).toMatchObject({ state: "stopped" });
    // Stops still fire on holidays (only starts are skipped): the last transition is the holiday's own stop.
    expect(desired.since?.at.toISOString()).toBe("2026-10-01T13:00:00.000Z");
    expect(desired.next?.at.toISOString()).toBe("2026-10-08T01:00:00.000Z");
  });

  it("is unknown for a disabled group", () => {
    const config = groupIn("Asia/Shanghai", WEEKDAYS, "enabled: false");
    expect(desiredStateAt(onlyGroup(config), utc("2026-11-23T02:00:00Z"), config)).toEqual({ state: "unknown" });
  });
});

describe("Schema: enforce fields", () => {
  it("defaults enforceEvery and enforceGrace when enforce is on", () => {
    const group = onlyGroup(groupIn("Asia/Shanghai", WEEKDAYS, "enforce: both"));
    expect(group).toMatchObject({ enforce: "both", enforceEvery: 15, enforceGrace: 10 });
  });

  it("leaves enforce off by default", () => {
    const group = onlyGroup(groupIn("Asia/Shanghai", WEEKDAYS));
    expect(group.enforce).toBeUndefined();
  });

  it.each([
    { more: "enforce: always", message: /groups\[0\] \(g\)\.enforce: .*"always".*is not false, "stop" or "both"/s },
    {
      more: "enforce: stop\nenforceEvery: 7",
      message: /groups\[0\] \(g\)\.enforceEvery: .*7.*is not an enforce interval/s,
    },
    { more: "enforce: stop\nenforceGrace: -1", message: /groups\[0\] \(g\)\.enforceGrace/ },
    { more: "enforceEvery: 15", message: /groups\[0\] \(g\)\.enforceEvery: .*15.*enforce is false/s },
  ])("refuses $more, naming the field and the value", ({ more, message }) => {
    expect(() => groupIn("Asia/Shanghai", WEEKDAYS, more)).toThrow(message);
  });
});
