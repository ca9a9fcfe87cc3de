/** `powercron notify test` through the real CLI, with a Slack channel whose answer is not Slack's `ok`. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startReceiver } from "../notify/support/receivers.ts";
import { runCli } from "./support/cli-process.ts";

describe("Command: powercron notify test, a Slack channel", () => {
  it("says that Slack's answer must be ok when the URL answers 200 with something else, exit 1", async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: '{"ok":true,"channel":"C123"}' }));
    const dir = await mkdtemp(join(tmpdir(), "powercron-slack-"));
    try {
      const config = join(dir, "schedules.yaml");
      await writeFile(
        config,
        `groups:
  - { name: office, provider: aws, region: us-east-1, tags: { a: b }, timezone: UTC, stop: "0 21 * * 1-5" }
notify:
  channels:
    - { name: chat, type: slack, url: "${receiver.url}/services/T0/B0/x" }
`,
      );
      const result = await runCli(["notify", "test", "--config", config]);
      expect(result.code).toBe(1);
      expect(result.stdout.trim()).toBe(
        'FAILED  chat: HTTP 200: Slack\'s answer must be "ok", this one is {"ok":true,"channel":"C123"} (is the URL a Slack incoming webhook?)',
      );
    } finally {
      await receiver.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
