/**
 * The powercron:skip opt-out as a user meets it: `powercron run` in a child process, through the real SDKs, against a
 * local cloud holding instances of all three clouds; the skipped ones are neither stopped nor started, and say why.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FleetInput, type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import type { PowerReport } from "../../src/report/power-report.ts";

const run = promisify(execFile);
const TAGS = { env: "skiptest", "powercron:managed": "true" };
const FUTURE = "2099-01-01T00:00:00+08:00";

const fleet: FleetInput = {
  instances: [
    {
      provider: "tencent",
      region: "ap-shanghai",
      instanceId: "ins-skip0001",
      state: "RUNNING",
      tags: { ...TAGS, "powercron:skip": "true" },
    },
    {
      provider: "tencent",
      region: "ap-shanghai",
      instanceId: "ins-skip0002",
      state: "RUNNING",
      tags: { ...TAGS, "powercron:skip": FUTURE },
    },
    { provider: "tencent", region: "ap-shanghai", instanceId: "ins-skip0003", state: "RUNNING", tags: TAGS },
    {
      provider: "aws",
      region: "us-east-1",
      instanceId: "i-0a0000000000000a1",
      state: "running",
      tags: { ...TAGS, "powercron:skip": "true" },
    },
    {
      provider: "aws",
      region: "us-east-1",
      instanceId: "i-0a0000000000000a2",
      state: "running",
      tags: { ...TAGS, "powercron:skip": "maybe" },
    },
    {
      provider: "alibaba",
      region: "cn-hangzhou",
      instanceId: "i-bp1skip000000000001",
      state: "Running",
      tags: { ...TAGS, "powercron:skip": FUTURE },
    },
    { provider: "alibaba", region: "cn-hangzhou", instanceId: "i-bp1skip000000000002", state: "Running", tags: TAGS },
  ],
};

const SKIPPED = ["ins-skip0001", "ins-skip0002", "i-0a0000000000000a1", "i-bp1skip000000000001"];

let cloud: LocalCloud;
let dir: string;
beforeAll(async () => {
  cloud = await startLocalCloud({ fleet, transitionMs: 30 });
  dir = await mkdtemp(join(tmpdir(), "powercron-skip-"));
});
afterAll(async () => {
  await cloud.close();
  await rm(dir, { recursive: true, force: true });
});

async function powercron(action: "start" | "stop"): Promise<{ code: number; report: PowerReport }> {
  const event = join(dir, `${action}.json`);
  const targets = [
    { provider: "tencent", region: "ap-shanghai", tags: { env: "skiptest" } },
    { provider: "aws", region: "us-east-1", tags: { env: "skiptest" } },
    { provider: "alibaba", region: "cn-hangzhou", tags: { env: "skiptest" } },
  ];
  await writeFile(event, JSON.stringify({ targets, options: { wait: true } }));
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  try {
    const { stdout } = await run(
      "node",
      ["bin/powercron.mjs", "run", action, "--event", event, "--local-cloud", cloud.url, "--json"],
      { env },
    );
    return { code: 0, report: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    throw new Error(`powercron run ${action} exited ${failed.code}: ${failed.stderr}`);
  }
}

describe("powercron:skip through powercron run, on all three clouds", () => {
  it("a stop leaves every skipped instance running with outcome skipped-by-tag and stops the others", async () => {
    const { code, report } = await powercron("stop");
    expect(code).toBe(0);
    const rows = Object.fromEntries(report.instances.map((row) => [row.instanceId, row]));
    for (const id of SKIPPED) {
      expect(rows[id]?.outcome, id).toBe("skipped-by-tag");
      expect(rows[id]?.message, id).toMatch(/^powercron:skip(=true| until 2098-12-31T16:00:00.000Z)$/);
    }
    // An unreadable value is noted and ignored: that instance is stopped like the untagged ones.
    expect(rows["i-0a0000000000000a2"]).toMatchObject({ outcome: "stopped" });
    expect(rows["i-0a0000000000000a2"]?.notes).toEqual([expect.stringMatching(/powercron:skip "maybe" is neither/)]);
    expect(rows["ins-skip0003"]).toMatchObject({ outcome: "stopped" });
    expect(rows["i-bp1skip000000000002"]).toMatchObject({ outcome: "stopped" });
    const states = Object.fromEntries(cloud.instances().map((i) => [i.instanceId, i.state.toLowerCase()]));
    for (const id of SKIPPED) expect(states[id], id).toBe("running");
    const stopCalls = cloud.calls().filter((call) => call.action === "StopInstances");
    for (const id of SKIPPED) expect(JSON.stringify(stopCalls), id).not.toContain(id);
  });

  it("a start leaves them alone too (unlike keep-running, skip holds for both actions)", async () => {
    cloud.resetCalls();
    const { report } = await powercron("start");
    for (const id of SKIPPED) {
      const row = report.instances.find((r) => r.instanceId === id);
      expect(row?.outcome, id).toBe("skipped-by-tag");
    }
    const started = report.instances.filter((row) => row.outcome === "started").map((row) => row.instanceId);
    expect(started.sort()).toEqual(["i-0a0000000000000a2", "i-bp1skip000000000002", "ins-skip0003"]);
  });
});
