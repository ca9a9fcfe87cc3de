import { describe, expect, it } from "vitest";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { enforceCoverage, renderEnforceCoverage } from "../../src/schedule/enforce-coverage.ts";

/** One group, weekdays 09:00-21:00 in Shanghai unless `crons` says otherwise. */
function groupWith(more: string, crons = 'start: "0 9 * * 1-5", stop: "0 21 * * 1-5"') {
  const config = parseScheduleConfig(
    `groups:\n  - { name: g, provider: tencent, region: ap-shanghai, tags: { env: test }, timezone: Asia/Shanghai, ${crons}, ${more} }\n`,
    "test.yaml",
  );
  const group = config.groups[0];
  if (group === undefined) throw new Error("no group");
  return { group, config };
}

/** Monday 2026-11-23 08:00 Shanghai to the next Monday 08:00. */
const FROM = new Date("2026-11-23T00:00:00Z");
const TO = new Date("2026-11-30T00:00:00Z");

describe("Function: enforceCoverage (what `plan` says enforcement guards)", () => {
  it.each([
    {
      // Stopped 108 h of the week (Mon 08-09, four weeknights of 12 h, Fri 21:00 to Mon 08:00); the 21:00 check of
      // each of the 5 stops falls in the grace period.
      case: "enforce: stop, every 15 min",
      more: "enforce: stop",
      checks: 672,
      stopped: 432 - 5,
      running: 0,
      line: "427 of 672 checks in this window act on drift (106.8 h kept stopped); the first at 2026-11-23 08:00:00+08:00",
    },
    {
      // Running 60 h (5 × 12), less the 09:00 check after each start; stopped 108 h less the 21:00 check after each stop.
      case: "enforce: both, every 30 min",
      more: "enforce: both, enforceEvery: 30",
      checks: 336,
      stopped: 216 - 5,
      running: 120 - 5,
      line: "326 of 336 checks in this window act on drift (105.5 h kept stopped, 57.5 h kept running)",
    },
    {
      // Grace 60 min: the 21:00, 21:15, 21:30 and 21:45 checks after each of the 5 stops wait.
      case: "a grace of an hour",
      more: "enforce: stop, enforceGrace: 60",
      checks: 672,
      stopped: 432 - 20,
      running: 0,
      line: "412 of 672 checks",
    },
  ])("$case", ({ more, checks, stopped, running, line }) => {
    const { group, config } = groupWith(more);
    const coverage = enforceCoverage(group, FROM, TO, config);
    expect(coverage?.checks).toBe(checks);
    expect(coverage?.guarding).toEqual({ stopped, running });
    expect(coverage && renderEnforceCoverage(coverage)).toContain(line);
  });

  it("guards every check after a stop-only group's stop (the start function never acts for enforce: stop)", () => {
    const { group, config } = groupWith("enforce: both", 'stop: "0 21 * * *"');
    const coverage = enforceCoverage(group, FROM, TO, config);
    // 7 stops at 21:00, each with its 21:00 check in the grace period; stopped all week since Sunday 21:00.
    expect(coverage?.guarding).toEqual({ stopped: 672 - 7, running: 0 });
  });

  it("has nothing to say for a group that does not enforce, or is disabled", () => {
    expect(
      enforceCoverage(groupWith("enabled: true").group, FROM, TO, groupWith("enabled: true").config),
    ).toBeUndefined();
    const disabled = groupWith("enforce: stop, enabled: false");
    expect(enforceCoverage(disabled.group, FROM, TO, disabled.config)).toBeUndefined();
  });
});
