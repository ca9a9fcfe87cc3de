/**
 * The stamps as a user meets them, through the real SDKs against a local cloud holding instances of all three clouds:
 * `powercron run` in a child process stops 300 of each and stamps every one in ⌈300 / limit⌉ tagging calls per cloud
 * and region (EC2 CreateTags 1,000, ECS TagResources 50, Tencent AttachResourcesTag 50), and a describe through each
 * cloud's adapter shows the tags; the deployed handlers (Lambda `handler`, SCF `main_handler`) leave
 * powercron:last-error on a start that falls back, and a throttled or refused tagging call changes no outcome.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import type { ProviderName } from "../../src/domain/types.ts";
import { type FleetInput, type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { handler as lambdaStop } from "../../src/platforms/lambda/entry-stop.ts";
import { main_handler as scfStart } from "../../src/platforms/scf/entry-start.ts";
import { main_handler as scfStop } from "../../src/platforms/scf/entry-stop.ts";
import { cloudProviders } from "../../src/providers/provider-factory.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { awsId, tencentId } from "./support/local-cloud-run.ts";

const execute = promisify(execFile);
const LAST_ACTION = "powercron:last-action";
const LAST_ERROR = "powercron:last-error";
const OLD_ERROR = "ActionDidNotTake 2026-11-30T01:00:00.000Z";
const REGION: Record<ProviderName, string> = { aws: "us-east-1", tencent: "ap-shanghai", alibaba: "cn-hangzhou" };
const TAG_CALLS: Record<ProviderName, { tag: string; untag: string; limit: number }> = {
  aws: { tag: "CreateTags", untag: "DeleteTags", limit: 1000 },
  tencent: { tag: "AttachResourcesTag", untag: "DetachResourcesTag", limit: 50 },
  alibaba: { tag: "TagResources", untag: "UntagResources", limit: 50 },
};
const alibabaId = (prefix: string, index: number) => `i-bp1${prefix}${index.toString(36).padStart(15, "z")}`;
const idOf = (provider: ProviderName, prefix: string, index: number) =>
  provider === "aws"
    ? awsId(prefix, index)
    : provider === "tencent"
      ? tencentId(prefix, index)
      : alibabaId(prefix, index);
const RUNNING: Record<ProviderName, string> = { aws: "running", tencent: "RUNNING", alibaba: "Running" };
const STOPPED: Record<ProviderName, string> = { aws: "stopped", tencent: "STOPPED", alibaba: "Stopped" };
const CLOUDS = ["aws", "tencent", "alibaba"] as const;

/** Per cloud: `count` instances in `state` tagged env=<env>, the first carrying an old last-error. */
function fleetOf(env: string, prefix: string, count: number, state: "running" | "stopped"): FleetInput["instances"] {
  return CLOUDS.flatMap((provider) =>
    Array.from({ length: count }, (_, i) => ({
      provider,
      region: REGION[provider],
      instanceId: idOf(provider, prefix, i),
      state: state === "running" ? RUNNING[provider] : STOPPED[provider],
      tags: { env, "powercron:managed": "true", ...(i === 0 ? { [LAST_ERROR]: OLD_ERROR } : {}) },
    })),
  ) as FleetInput["instances"];
}

const targetsOf = (env: string) => CLOUDS.map((provider) => ({ provider, region: REGION[provider], tags: { env } }));

let cloud: LocalCloud;
let dir: string;

async function powercronRun(action: "start" | "stop", event: unknown): Promise<PowerReport> {
  const file = join(dir, `${action}-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(event));
  try {
    const { stdout } = await execute(
      "node",
      ["bin/powercron.mjs", "run", action, "--event", file, "--local-cloud", cloud.url, "--json"],
      { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } },
    );
    return JSON.parse(stdout) as PowerReport;
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    throw new Error(`powercron run ${action} exited ${failed.code}: ${failed.stderr}`);
  }
}

const tagsOf = (provider: ProviderName, id: string) => cloud.instance(provider, REGION[provider], id)?.tags ?? {};
const callsOf = (action: string, ids: ReadonlySet<string>) =>
  cloud.calls().filter((call) => call.action === action && call.instanceIds.some((id) => ids.has(id)));

beforeAll(async () => {
  cloud = await startLocalCloud({
    transitionMs: 30,
    fleet: {
      instances: [
        ...fleetOf("fleet300", "a", 300, "running"),
        ...fleetOf("fleet300", "b", 1, "stopped"),
        ...fleetOf("fallback", "c", 2, "stopped"),
        ...fleetOf("handlers300", "f", 300, "running"),
        ...fleetOf("quiet", "e", 2, "running"),
      ],
    },
    // The start of the `fallback` instances is accepted and falls back (a missing key grant, a failed operation).
    faults: { StartInstances: { opFailed: 1 } },
  });
  dir = await mkdtemp(join(tmpdir(), "powercron-stamps-"));
});
afterAll(async () => {
  await cloud.close();
  await rm(dir, { recursive: true, force: true });
});

describe("powercron run stop of 300 instances on each cloud", () => {
  let report: PowerReport;
  beforeAll(async () => {
    cloud.resetCalls();
    report = await powercronRun("stop", { targets: targetsOf("fleet300") });
  });

  it.each(CLOUDS)("%s: every instance stopped is stamped, in ⌈300 / limit⌉ tagging calls", (provider) => {
    const rows = report.instances.filter((row) => row.provider === provider);
    expect(rows.filter((row) => row.outcome === "stopped")).toHaveLength(300);
    expect(rows.filter((row) => row.outcome === "already-stopped")).toHaveLength(1);
    const stamp = `stopped ${report.startedAt} by event (manual)`;
    for (let i = 0; i < 300; i++) expect(tagsOf(provider, idOf(provider, "a", i))[LAST_ACTION]).toBe(stamp);
    // Already stopped: no call of ours, no stamp.
    expect(tagsOf(provider, idOf(provider, "b", 0))[LAST_ACTION]).toBeUndefined();
    const ids = new Set(Array.from({ length: 300 }, (_, i) => idOf(provider, "a", i)));
    const { tag, untag, limit } = TAG_CALLS[provider];
    expect(callsOf(tag, ids).length).toBe(Math.ceil(300 / limit));
    expect(report.apiCalls[tag]).toBe(Math.ceil(300 / limit));
    // The old last-error of the first one is removed by its success, in one call.
    expect(tagsOf(provider, idOf(provider, "a", 0))[LAST_ERROR]).toBeUndefined();
    expect(callsOf(untag, ids).map((call) => call.instanceIds)).toEqual([[idOf(provider, "a", 0)]]);
    // The run's only tag on the one needing no call stays.
    expect(tagsOf(provider, idOf(provider, "b", 0))[LAST_ERROR]).toBe(OLD_ERROR);
    expect(report.stampFailures).toBeUndefined();
  });

  it.each(CLOUDS)("%s: a describe through the adapter shows the stamp", async (provider) => {
    const adapter = await cloudProviders(localCloudEnv(cloud.url))(provider, REGION[provider]);
    const [view] = await adapter.describeByIds([idOf(provider, "a", 7)]);
    expect(view?.tags).toMatchObject({ [LAST_ACTION]: `stopped ${report.startedAt} by event (manual)` });
  });
});

/** Runs a deployed entry with the process environment the platform would give it; the run's summary line too. */
async function deployed(
  entry: typeof scfStop,
  event: unknown,
  context: unknown,
  url = cloud.url,
): Promise<{ report?: PowerReport; thrown?: Error; summary: Record<string, unknown> }> {
  for (const [name, value] of Object.entries(localCloudEnv(url))) vi.stubEnv(name, value);
  vi.stubEnv("POWER_MAX_EVENT_AGE", "0");
  vi.stubEnv("POWER_REQUEST_TIMEOUT_MS", "2000");
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
  const err = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    // The platform's own context object, as the entry reads it (SCF's request_id, Lambda's getRemainingTimeInMillis).
    const report = (await entry(event, context as never)) as PowerReport;
    return { report, summary: JSON.parse(lines[0] ?? "{}") };
  } catch (thrown) {
    return { thrown: thrown as Error, summary: JSON.parse(lines[0] ?? "{}") };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}
afterEach(() => vi.unstubAllEnvs());

const SCF_CONTEXT = { request_id: "stamps-test", time_limit_in_ms: 60_000 };
const LAMBDA_CONTEXT = { awsRequestId: "stamps-test", getRemainingTimeInMillis: () => 60_000 };
const FIRED = "2026-12-02T01:00:00Z";

describe("the deployed handlers", () => {
  it("Lambda handler (EC2) and SCF main_handler (CVM, ECS): a stop of 300 each stamps all 300", async () => {
    cloud.resetCalls();
    const aws = await deployed(
      lambdaStop,
      { provider: "aws", region: REGION.aws, tags: { env: "handlers300" } },
      LAMBDA_CONTEXT,
    );
    const china = await deployed(scfStop, { targets: targetsOf("handlers300").slice(1) }, SCF_CONTEXT);
    for (const [provider, report] of [
      ["aws", aws.report],
      ["tencent", china.report],
      ["alibaba", china.report],
    ] as const) {
      const stamp = `stopped ${report?.startedAt} by event (manual)`;
      for (let i = 0; i < 300; i++) expect(tagsOf(provider, idOf(provider, "f", i))[LAST_ACTION]).toBe(stamp);
      const { tag, limit } = TAG_CALLS[provider];
      expect(cloud.calls().filter((call) => call.action === tag)).toHaveLength(Math.ceil(300 / limit));
    }
    expect(aws.report?.totals).toEqual({ instances: 300, stopped: 300 });
    expect(china.report?.totals).toEqual({ instances: 600, stopped: 600 });
  });

  it("SCF main_handler: a start the cloud accepts and that falls back leaves powercron:last-error with its code", async () => {
    // An SCF timer carrying the targets: the stamps take its fire time.
    const timer = {
      Type: "Timer",
      TriggerName: "start-morning",
      Time: FIRED,
      Message: JSON.stringify({ targets: targetsOf("fallback"), options: { wait: true } }),
    };
    const { thrown } = await deployed(scfStart, timer, SCF_CONTEXT);
    expect(thrown?.message).toMatch(/start failed for 6 of 6 instances: .*ActionDidNotTake/);
    for (const provider of CLOUDS) {
      for (let i = 0; i < 2; i++) {
        const tags = tagsOf(provider, idOf(provider, "c", i));
        expect(tags[LAST_ERROR], `${provider} ${i}`).toBe("ActionDidNotTake 2026-12-02T01:00:00.000Z");
        expect(tags[LAST_ACTION], `${provider} ${i}`).toBeUndefined();
      }
    }
  });

  it("a throttled (EC2), refused (ECS) or lost (Tencent) tagging call leaves every outcome stopped and is reported", {
    timeout: 60_000,
  }, async () => {
    // A cloud of its own: EC2's tagging call is throttled past every retry, ECS's refused, Tencent's answer lost
    // after the tags were applied.
    const flaky = await startLocalCloud({
      transitionMs: 30,
      fleet: { instances: fleetOf("flaky", "d", 3, "running") },
      faults: {
        CreateTags: { throttle: 1 },
        TagResources: { at: { 1: "denied" } },
        AttachResourcesTag: { at: { 1: "lost" } },
      },
    });
    try {
      const { report, summary } = await deployed(scfStop, { targets: targetsOf("flaky") }, SCF_CONTEXT, flaky.url);
      expect(report?.totals).toEqual({ instances: 9, stopped: 9 });
      const rows = new Map(report?.instances.map((row) => [row.instanceId, row]));
      const flakyTags = (provider: ProviderName, i: number) =>
        flaky.instance(provider, REGION[provider], idOf(provider, "d", i))?.tags ?? {};
      for (let i = 0; i < 3; i++) {
        expect(rows.get(idOf("aws", "d", i))?.notes).toEqual([
          expect.stringMatching(/^stamp not written: CreateTags failed \(RequestLimitExceeded/),
        ]);
        expect(rows.get(idOf("alibaba", "d", i))?.notes).toEqual([
          expect.stringMatching(/^stamp not written: TagResources failed \(Forbidden\.RAM/),
        ]);
        expect(flakyTags("aws", i)[LAST_ACTION]).toBeUndefined();
        expect(flakyTags("alibaba", i)[LAST_ACTION]).toBeUndefined();
        // Lost after it was applied: sent again, harmless (the same value set twice), and written.
        expect(rows.get(idOf("tencent", "d", i))?.notes).toBeUndefined();
        expect(flakyTags("tencent", i)[LAST_ACTION]).toMatch(/^stopped .* by event \(manual\)$/);
      }
      expect([...((summary.stampFailures as string[]) ?? [])].sort()).toEqual([
        "stamps not written on 3 instances: CreateTags in aws us-east-1: RequestLimitExceeded",
        "stamps not written on 3 instances: TagResources in alibaba cn-hangzhou: Forbidden.RAM",
      ]);
      expect(report?.apiCalls.AttachResourcesTag).toBe(2);
      expect(report?.apiCalls.CreateTags).toBe(8);
    } finally {
      await flaky.close();
    }
  });

  it("Lambda handler: with POWER_STAMPS=off a stop makes no tagging call", async () => {
    cloud.resetCalls();
    vi.stubEnv("POWER_STAMPS", "off");
    const event = { provider: "aws", region: REGION.aws, tags: { env: "quiet" } };
    const { report } = await deployed(lambdaStop, event, LAMBDA_CONTEXT);
    expect(report?.totals).toEqual({ instances: 2, stopped: 2 });
    expect(cloud.calls().map((call) => call.action)).toEqual(["DescribeInstances", "StopInstances"]);
    expect(tagsOf("aws", idOf("aws", "e", 1))[LAST_ACTION]).toBeUndefined();
  });
});
