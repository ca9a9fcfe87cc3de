/**
 * `powercron run` as a user types it, in a child process, against a local cloud holding the example fleet: the sample
 * console events stop what they name, and a second run makes no stop call.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalCloud, loadFleetFile, startLocalCloud } from "../../src/local-cloud/index.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { MUTATING } from "./support/local-cloud-run.ts";

const run = promisify(execFile);

interface CliResult {
  code: number;
  report: PowerReport;
  stderr: string;
}

async function powercron(cloud: LocalCloud, ...args: string[]): Promise<CliResult> {
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  try {
    const { stdout, stderr } = await run("node", ["bin/powercron.mjs", ...args, "--local-cloud", cloud.url, "--json"], {
      env,
    });
    return { code: 0, report: JSON.parse(stdout), stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, report: JSON.parse(failed.stdout || "{}"), stderr: failed.stderr };
  }
}

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ fleet: await loadFleetFile("config/fleet.example.json"), transitionMs: 50 });
});
afterAll(() => cloud.close());

describe.each([
  ["tencent", "config/events/tencent-stop.json"],
  ["aws", "config/events/aws-stop.json"],
  ["alibaba", "config/events/alibaba-stop.json"],
])("powercron run stop --event (%s sample event) --local-cloud URL", (provider, eventFile) => {
  it("stops every instance the event names and nothing else, then a second run makes no StopInstances call", async () => {
    cloud.resetCalls();
    const before = new Map(cloud.instances().map((i) => [i.instanceId, i.state]));
    const first = await powercron(cloud, "run", "stop", "--event", eventFile);
    expect(first.code, first.stderr).toBe(0);
    const named = new Set(first.report.instances.map((r) => r.instanceId));
    expect(named.size).toBeGreaterThan(5);
    for (const result of first.report.instances) {
      expect(["stopped", "already-stopped"]).toContain(result.outcome);
    }
    expect(cloud.calls().filter((c) => c.action === "StopInstances").length).toBeGreaterThan(0);
    for (const instance of cloud.instances()) {
      if (instance.provider === provider && !named.has(instance.instanceId)) {
        expect(instance.state, instance.instanceId).toBe(before.get(instance.instanceId));
      }
    }

    await new Promise((resolve) => setTimeout(resolve, 200));
    cloud.resetCalls();
    const second = await powercron(cloud, "run", "stop", "--event", eventFile);
    expect(second.code, second.stderr).toBe(0);
    expect(second.report.instances.every((r) => r.outcome === "already-stopped")).toBe(true);
    expect(cloud.calls().filter((c) => MUTATING.has(c.action))).toEqual([]);
  });
});

describe("exit codes", () => {
  it("exits 2 on bad input, naming the field and value, with no call reaching the cloud", async () => {
    cloud.resetCalls();
    const result = await powercron(cloud, "run", "stop", "--event", "test/integration/support/bad-event.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/instanceIds.*ins-BAD/);
    expect(cloud.calls()).toEqual([]);
  });
});
