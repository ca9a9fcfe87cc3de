import { describe, expect, it } from "vitest";
import type { InstanceView, PowerState } from "../../src/domain/types.ts";
import { instanceStatus, summarizeStatuses } from "../../src/schedule/instance-status.ts";

const NOW = new Date("2026-12-02T15:00:00Z");
const FUTURE = "2026-12-03T09:00:00+08:00";
const PAST = "2026-12-01T09:00:00+08:00";

function view(state: PowerState, tags: Record<string, string> = {}): InstanceView {
  return { instanceId: "ins-st000001", state, cloudState: state.toUpperCase(), tags };
}

interface Case {
  should: "running" | "stopped";
  state: PowerState;
  tags: Record<string, string>;
  drift: boolean;
  skippedBy?: string;
  note?: RegExp;
}

describe("instanceStatus: drift, and the tags that hold an instance", () => {
  it.each([
    { should: "stopped", state: "running", tags: {}, drift: true },
    { should: "stopped", state: "stopped", tags: {}, drift: false },
    { should: "running", state: "stopped", tags: {}, drift: true },
    { should: "stopped", state: "running", tags: { "powercron:keep-running-until": FUTURE }, drift: false },
    // keep-running holds on stop only: a stopped machine that should run has drifted.
    { should: "running", state: "stopped", tags: { "powercron:keep-running-until": FUTURE }, drift: true },
    {
      should: "stopped",
      state: "running",
      tags: { "powercron:skip": "true" },
      drift: false,
      skippedBy: "powercron:skip=true",
    },
    {
      should: "running",
      state: "stopped",
      tags: { "powercron:skip": "true" },
      drift: false,
      skippedBy: "powercron:skip=true",
    },
    {
      should: "running",
      state: "stopped",
      tags: { "powercron:skip": FUTURE },
      drift: false,
      skippedBy: "powercron:skip until 2026-12-03T01:00:00.000Z",
    },
    {
      should: "running",
      state: "stopped",
      tags: { "powercron:skip": PAST },
      drift: true,
      note: /powercron:skip .* has passed/,
    },
    {
      should: "stopped",
      state: "running",
      tags: { "powercron:skip": "yes" },
      drift: true,
      note: /powercron:skip "yes"/,
    },
  ] as Case[])(
    "should be $should, is $state, tags $tags → drift $drift",
    ({ should, state, tags, drift, skippedBy, note }) => {
      const status = instanceStatus(view(state, tags), "ap-shanghai", { state: should }, NOW);
      expect(status.drift).toBe(drift);
      expect(status.skippedBy).toBe(skippedBy);
      if (note) expect(status.overrideNote).toMatch(note);
    },
  );

  it("counts the skipped instances in the summary", () => {
    const statuses = [
      instanceStatus(view("running", { "powercron:skip": "true" }), "ap-shanghai", { state: "stopped" }, NOW),
      instanceStatus(view("running"), "ap-shanghai", { state: "stopped" }, NOW),
    ];
    expect(summarizeStatuses(statuses)).toBe("2 instances: 2 running; 1 drifted; 1 skipped by powercron:skip");
  });
});
