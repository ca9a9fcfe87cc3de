/**
 * Issue 22, items 10 and 11, through the real CLI: `FAILED` of `notify test` red only on a terminal, a run's failure
 * line in the singular for one instance, and the error that names the host the user gave to `status --local-cloud`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFleetFile, startLocalCloud } from "../../src/local-cloud/index.ts";
import { runCli } from "./support/cli-process.ts";

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function withConfig<T>(text: string, body: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "powercron-words-"));
  try {
    await writeFile(join(dir, "schedules.yaml"), text);
    return await body(join(dir, "schedules.yaml"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("Command: powercron notify test, a channel that cannot be reached", () => {
  it.each([
    { env: { FORCE_COLOR: "1" }, failed: "\u001b[31mFAILED\u001b[39m  team: " },
    { env: {}, failed: "FAILED  team: " },
    { env: { NO_COLOR: "1" }, failed: "FAILED  team: " },
  ])("with $env prints $failed and exits 1", async ({ env, failed }) => {
    const config = `groups:
  - { name: office, provider: tencent, region: ap-shanghai, tags: { env: test }, timezone: Asia/Shanghai, stop: "0 21 * * 1-5" }
notify:
  channels:
    - { name: team, type: webhook, url: "http://127.0.0.1:${await closedPort()}/hook" }
`;
    const result = await withConfig(config, (file) =>
      runCli(["notify", "test", "--config", file, "--timeout", "2"], env),
    );
    expect(result.code).toBe(1);
    expect(result.stdout.startsWith(failed)).toBe(true);
  });
});

describe("Command: powercron run, the failure line", () => {
  it('says "failed for 1 of 1 instance" for a run of one instance', async () => {
    const fleet = await loadFleetFile("config/fleet.example.json");
    const cloud = await startLocalCloud({ fleet });
    try {
      const result = await runCli(
        ["run", "stop", "--event", "-", "--local-cloud", cloud.url],
        {},
        '{"provider":"tencent","region":"ap-guangzhou","instanceIds":["ins-00000000"]}',
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^stop: 1 instance in \d+ ms$/m);
      expect(result.stderr.trimEnd()).toBe(
        "stop failed for 1 of 1 instance: ins-00000000 (not-found: InvalidInstanceId.NotFound)",
      );
    } finally {
      await cloud.close();
    }
  });
});

describe("Command: powercron status --local-cloud host:port, nothing listening", () => {
  it("names the host:port the user gave, not a cloud's endpoint variable", async () => {
    const port = await closedPort();
    const result = await runCli(["status", "--group", "checkout-test", "--local-cloud", `localhost:${port}`]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`http://localhost:${port}/`);
    expect(result.stdout + result.stderr).not.toMatch(/TENCENTCLOUD_CVM_ENDPOINT|\.localhost/);
  });
});
