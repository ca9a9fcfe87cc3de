import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildProgram } from "../../src/cli/program.ts";

const CONFIG = `groups:
  - { name: web, provider: aws, region: us-east-1, tags: { a: b }, timezone: Europe/Berlin, start: "0 8 * * 1-5", stop: "0 19 * * 1-5", enforce: both, enforceEvery: 30 }
  - { name: cvm, provider: tencent, region: ap-shanghai, tags: { a: b }, timezone: Asia/Shanghai, stop: "0 21 * * *", enforce: stop }
`;

describe("Command: powercron triggers with enforcing groups", () => {
  it("lists the EventBridge enforce schedules and the SCF enforce tick a deploy creates", async () => {
    const dir = await mkdtemp(join(tmpdir(), "powercron-triggers-"));
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((text: string) => printed.push(text));
    try {
      await writeFile(join(dir, "schedules.yaml"), CONFIG);
      const program = await buildProgram("triggers");
      await program.parseAsync(["triggers", "--json", "--config", join(dir, "schedules.yaml")], { from: "user" });
    } finally {
      log.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
    const output = JSON.parse(printed[0] ?? "{}") as {
      aws: { name: string; expression: string }[];
      scf: { name: string; action: string; cron: string; groups: string[] }[];
    };
    expect(output.aws.map((t) => [t.name, t.expression])).toEqual([
      ["powercron-prod-web-start", "cron(0 8 ? * MON-FRI *)"],
      ["powercron-prod-web-stop", "cron(0 19 ? * MON-FRI *)"],
      ["powercron-prod-web-enforce-start", "cron(0,30 * * * ? *)"],
      ["powercron-prod-web-enforce-stop", "cron(0,30 * * * ? *)"],
    ]);
    const enforceTick = output.scf.filter((t) => t.cron === "0 0,15,30,45 * * * * *");
    expect(enforceTick).toEqual([expect.objectContaining({ action: "stop", groups: ["cvm"] })]);
    expect(output.scf).toHaveLength(2);
  });
});
