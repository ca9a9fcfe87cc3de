/** `powercron status` through the real CLI: its exit code for a cron job to alarm on, its JSON shape, its flags. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { runCli } from "./support/cli-process.ts";

const CONFIG = `groups:
  - { name: nightly, provider: aws, region: us-east-1, tags: { team: nightly }, timezone: UTC, stop: "0 0 * * *" }
`;

function awsInstance(instanceId: string, state: "running" | "stopped") {
  return {
    provider: "aws" as const,
    region: "us-east-1",
    zone: "us-east-1a",
    instanceId,
    state,
    tags: { team: "nightly" },
  };
}

let dir: string;
let cloud: LocalCloud | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "powercron-status-"));
  await writeFile(join(dir, "schedules.yaml"), CONFIG);
});
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function status(fleet: ReturnType<typeof awsInstance>[], args: string[] = []) {
  cloud = await startLocalCloud({ fleet: { instances: fleet } });
  return runCli(["status", "--config", join(dir, "schedules.yaml"), "--local-cloud", cloud.url, ...args]);
}

describe("Command: powercron status", () => {
  it.each([
    { case: "every instance is as it should be", fleet: [awsInstance("i-0000000000000001a", "stopped")], code: 0 },
    {
      case: "an instance has drifted",
      fleet: [awsInstance("i-0000000000000001a", "stopped"), awsInstance("i-0000000000000002b", "running")],
      code: 3,
    },
  ])("exits $code when $case", async ({ fleet, code }) => {
    const result = await status(fleet);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(code);
    expect(result.stdout).toContain(code === 3 ? "DRIFT" : "no drift");
  });

  it("exits 3 when a listed instance is not found", async () => {
    await writeFile(
      join(dir, "schedules.yaml"),
      `groups:\n  - { name: nightly, provider: aws, region: us-east-1, instanceIds: [i-0000000000000009f], timezone: UTC, stop: "0 0 * * *" }\n`,
    );
    const result = await status([awsInstance("i-0000000000000001a", "stopped")]);
    expect(result.stdout).toContain("not-found");
    expect(result.code).toBe(3);
  });

  it("writes every key the README lists with --json, null where unset", async () => {
    const result = await status([awsInstance("i-0000000000000001a", "stopped")], ["--json"]);
    const [group] = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(Object.keys(group ?? {})).toEqual([
      "group",
      "schedule",
      "provider",
      "timezone",
      "enforce",
      "desired",
      "since",
      "next",
      "graceUntil",
      "instances",
      "summary",
    ]);
    expect(group?.graceUntil === null || typeof group?.graceUntil === "string").toBe(true); // null outside the grace
    const [instance] = group?.instances as Record<string, unknown>[];
    expect(instance).toEqual({
      instanceId: "i-0000000000000001a",
      region: "us-east-1",
      account: null,
      state: "stopped",
      rawState: "stopped",
      desired: "stopped",
      keepRunningUntil: null,
      overrideNote: null,
      skippedBy: null,
      drift: false,
    });
  });

  it("takes --local-cloud host:port as http://host:port", async () => {
    cloud = await startLocalCloud({ fleet: { instances: [awsInstance("i-0000000000000001a", "stopped")] } });
    const hostPort = cloud.url.replace("http://", "");
    const result = await runCli(["status", "--config", join(dir, "schedules.yaml"), "--local-cloud", hostPort]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it.each([
    {
      args: ["--local-cloud", "ftp://127.0.0.1:9"],
      message:
        'powercron: --local-cloud: "ftp://127.0.0.1:9" is not an http(s) URL or host:port (such as http://127.0.0.1:9000)',
    },
    {
      args: ["--group", "nope"],
      message: 'powercron: --group: "nope" is not a group of the schedule config (groups: nightly)',
    },
  ])("refuses $args naming the flag, exit 2", async ({ args, message }) => {
    const result = await runCli(["status", "--config", join(dir, "schedules.yaml"), ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(message);
    expect(result.stderr).not.toContain("TENCENTCLOUD_CVM_ENDPOINT");
  });
});
