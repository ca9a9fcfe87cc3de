import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildProgram } from "../../src/cli/program.ts";

/** `nightly` starts env=test at 08:00 Shanghai (00:00 UTC) on weekdays; `web-team` stops env=test,team=web at 00:00 UTC. */
const FIGHTING = `groups:
  - { name: nightly, provider: tencent, region: ap-shanghai, tags: { env: test }, timezone: Asia/Shanghai, start: "0 8 * * 1-5", stop: "0 20 * * 1-5" }
  - { name: web-team, provider: tencent, region: ap-shanghai, tags: { env: test, team: web }, timezone: UTC, stop: "0 0 * * *" }
`;

async function warningsOf(command: "plan" | "triggers", config: string, args: string[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "powercron-plan-"));
  const errors: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation((text: string) => errors.push(text));
  try {
    await writeFile(join(dir, "schedules.yaml"), config);
    const program = await buildProgram(command);
    await program.parseAsync([command, ...args, "--config", join(dir, "schedules.yaml")], { from: "user" });
  } finally {
    log.mockRestore();
    error.mockRestore();
    await rm(dir, { recursive: true, force: true });
  }
  return errors.filter((line) => line.startsWith("warning: "));
}

describe("Commands: powercron plan and triggers warn about groups that fight", () => {
  it("plan names both groups and the first clash in the year from --from", async () => {
    const warnings = await warningsOf("plan", FIGHTING, ["--from", "2026-12-02T12:00:00Z", "--days", "1"]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: groups\[0\] \(nightly\) and groups\[1\] \(web-team\) can both select an instance tagged env=test and env=test,team=web in tencent ap-shanghai, and one starts it while the other stops it in the same minute, first at 2026-12-03 00:00 UTC /,
      ),
    ]);
  });

  it("triggers warns too, and neither warns once the stop moves by a minute", async () => {
    expect(await warningsOf("triggers", FIGHTING, ["--json"])).toHaveLength(1);
    const apart = FIGHTING.replace('stop: "0 0 * * *"', 'stop: "1 0 * * *"');
    expect(await warningsOf("triggers", apart, ["--json"])).toEqual([]);
    expect(await warningsOf("plan", apart, ["--days", "1"])).toEqual([]);
  });
});
