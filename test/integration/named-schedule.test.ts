/**
 * A named schedule chosen by a tag, as a user meets it (issue 23): an instance tagged `powercron:schedule=office-hours`
 * is started and stopped by the config's `office-hours` schedule at its times, through `powercron run` in a child
 * process, the SCF `main_handler` (a tick) and the Lambda `handler` (an EventBridge Scheduler event), over the real
 * SDKs against the local cloud; a `powercron:skip=true` instance carrying that tag is left alone; an instance whose tag
 * names no schedule is never guessed onto one, and `powercron status` lists it. `plan` and `status` name the schedule.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import type { ProviderName } from "../../src/domain/types.ts";
import { type FleetInput, type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { handler as lambdaStart } from "../../src/platforms/lambda/entry-start.ts";
import { handler as lambdaStop } from "../../src/platforms/lambda/entry-stop.ts";
import { main_handler as scfStart } from "../../src/platforms/scf/entry-start.ts";
import { main_handler as scfStop } from "../../src/platforms/scf/entry-stop.ts";
import type { PowerReport } from "../../src/report/power-report.ts";
import { runCli } from "../cli/support/cli-process.ts";
import { writeConfigFile } from "../support/config-file.ts";

const SCHEDULE = "powercron:schedule";
const REGION = { tencent: "ap-shanghai", aws: "us-east-1" } as const;
type Cloud = keyof typeof REGION;

/** Per cloud: on the schedule, on it but opted out, a tag naming no schedule, and an instance with no schedule tag. */
const IDS: Record<Cloud, { onSchedule: string; skipped: string; typo: string; untagged: string }> = {
  tencent: { onSchedule: "ins-sched001", skipped: "ins-sched002", typo: "ins-sched003", untagged: "ins-sched004" },
  aws: {
    onSchedule: "i-05c0000000000000a",
    skipped: "i-05c0000000000000b",
    typo: "i-05c0000000000000c",
    untagged: "i-05c0000000000000d",
  },
};

function fleetOf(cloud: Cloud): FleetInput["instances"] {
  const ids = IDS[cloud];
  const stopped = cloud === "tencent" ? "STOPPED" : "stopped";
  const entry = (instanceId: string, tags: Record<string, string>) => ({
    provider: cloud,
    region: REGION[cloud],
    instanceId,
    state: stopped,
    tags: { team: "office", ...tags },
  });
  return [
    entry(ids.onSchedule, { [SCHEDULE]: "office-hours" }),
    entry(ids.skipped, { [SCHEDULE]: "office-hours", "powercron:skip": "true" }),
    entry(ids.typo, { [SCHEDULE]: "ofice-hours" }),
    entry(ids.untagged, {}),
  ] as FleetInput["instances"];
}

/** One `office-hours` schedule per cloud: weekdays 08:00 to 19:00 in the cloud's office's zone. */
function configFor(cloud: Cloud): string {
  const zone = cloud === "tencent" ? "Asia/Shanghai" : "Europe/Berlin";
  return writeConfigFile(
    `schedules:
  - name: office-hours
    description: weekdays in the office
    provider: ${cloud}
    region: ${REGION[cloud]}
    timezone: ${zone}
    start: "0 8 * * 1-5"
    stop: "0 19 * * 1-5"
`,
    "powercron-named-schedule-",
  );
}

/** Wednesday 2026-12-02: 08:00 and 19:00 in Shanghai (UTC+8) and in Berlin (UTC+1). */
const FIRES: Record<Cloud, { start: string; stop: string }> = {
  tencent: { start: "2026-12-02T00:00:00Z", stop: "2026-12-02T11:00:00Z" },
  aws: { start: "2026-12-02T07:00:00Z", stop: "2026-12-02T18:00:00Z" },
};

let cloud: LocalCloud;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "powercron-named-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await cloud?.close();
});

async function startCloud(): Promise<void> {
  cloud = await startLocalCloud({ transitionMs: 30, fleet: { instances: [...fleetOf("tencent"), ...fleetOf("aws")] } });
}

const stateOf = (provider: Cloud, id: string) => cloud.instance(provider, REGION[provider], id)?.state.toLowerCase();
const actedOn = () =>
  cloud
    .calls()
    .filter((call) => call.action === "StartInstances" || call.action === "StopInstances")
    .flatMap((call) => call.instanceIds);

/** The schedule did what it says for this cloud: only the tagged, not opted-out instance is in `state`. */
function expectScheduleFollowed(provider: Cloud, state: "running" | "stopped", report?: PowerReport): void {
  const ids = IDS[provider];
  expect(stateOf(provider, ids.onSchedule)).toBe(state);
  for (const id of [ids.skipped, ids.typo, ids.untagged]) expect(stateOf(provider, id), id).toBe("stopped");
  expect(actedOn()).not.toContain(ids.skipped);
  if (report === undefined) return;
  const rows = Object.fromEntries(report.instances.map((row) => [row.instanceId, row]));
  expect(Object.keys(rows).sort()).toEqual([ids.onSchedule, ids.skipped].sort());
  expect(rows[ids.skipped]).toMatchObject({ outcome: "skipped-by-tag", message: "powercron:skip=true" });
}

describe("powercron run: the schedule's fires act on the instances tagged with its name", () => {
  it.each(["tencent", "aws"] as const)("%s: the 08:00 fire starts it, the 19:00 fire stops it", async (provider) => {
    await startCloud();
    const config = configFor(provider);
    for (const action of ["start", "stop"] as const) {
      const at = FIRES[provider][action];
      const event = join(dir, `${provider}-${action}.json`);
      await writeFile(event, JSON.stringify({ group: "office-hours", scheduledTime: at, options: { wait: true } }));
      const result = await runCli(
        ["run", action, "--event", event, "--local-cloud", cloud.url, "--json", "--now", at],
        { POWER_CONFIG: config, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      );
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as PowerReport;
      const onSchedule = report.instances.find((row) => row.instanceId === IDS[provider].onSchedule);
      expect(onSchedule?.outcome).toBe(action === "start" ? "started" : "stopped");
      expectScheduleFollowed(provider, action === "start" ? "running" : "stopped", report);
    }
  });
});

/** Runs a deployed entry with the environment the platform would give it, pointed at the local cloud. */
async function deployed(entry: (event: unknown, context: never) => Promise<unknown>, event: unknown, context: object) {
  for (const [name, value] of Object.entries(localCloudEnv(cloud.url))) vi.stubEnv(name, value);
  vi.stubEnv("POWER_MAX_EVENT_AGE", "0");
  vi.stubEnv("POWER_REQUEST_TIMEOUT_MS", "2000");
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const err = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return (await entry(event, context as never)) as PowerReport;
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

const SCF_CONTEXT = { request_id: "named-schedule", time_limit_in_ms: 60_000 };
const LAMBDA_CONTEXT = { awsRequestId: "named-schedule", getRemainingTimeInMillis: () => 60_000 };

/** The SCF tick the deploy creates for the schedule's times (ticks.ts names them powercron-tick-N). */
const scfTick = (time: string) => ({
  Type: "Timer",
  TriggerName: "prod-powercron-tick-1-0a1b2c",
  Time: time,
  Message: JSON.stringify({ powercron: "tick", tick: "powercron-tick-1" }),
});

describe("the deployed handlers", () => {
  it("SCF main_handler: the ticks at 08:00 and 19:00 Shanghai start and stop the tagged CVM instance", async () => {
    await startCloud();
    vi.stubEnv("POWER_CONFIG", configFor("tencent"));
    const started = await deployed(scfStart, scfTick(FIRES.tencent.start), SCF_CONTEXT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectScheduleFollowed("tencent", "running");
    expect(JSON.stringify(started)).toContain(IDS.tencent.onSchedule);
    vi.stubEnv("POWER_CONFIG", configFor("tencent"));
    await deployed(scfStop, scfTick(FIRES.tencent.stop), SCF_CONTEXT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectScheduleFollowed("tencent", "stopped");
  });

  it("Lambda handler: the EventBridge Scheduler events at 08:00 and 19:00 Berlin start and stop the tagged EC2 instance", async () => {
    await startCloud();
    vi.stubEnv("POWER_CONFIG", configFor("aws"));
    const fire = (action: "start" | "stop") => ({ group: "office-hours", scheduledTime: FIRES.aws[action] });
    const started = await deployed(lambdaStart, fire("start"), LAMBDA_CONTEXT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectScheduleFollowed("aws", "running", started);
    const stopped = await deployed(lambdaStop, fire("stop"), LAMBDA_CONTEXT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectScheduleFollowed("aws", "stopped", stopped);
  });
});

describe("plan and status name the schedule", () => {
  it("powercron plan shows the schedule's fires under its name, chosen by the tag", async () => {
    const result = await runCli([
      "plan",
      "--config",
      configFor("tencent"),
      "--from",
      "2026-12-02T00:00:00Z",
      "--days",
      "1",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "schedule office-hours (by tag powercron:schedule)  tencent ap-shanghai  Asia/Shanghai",
    );
    expect(result.stdout).toMatch(/Wed 2026-12-02 19:00 \+08:00 {2}\(11:00Z\) {2}stop/);
  });

  it.each(["tencent", "aws"] as const)(
    "%s: powercron status shows the tagged instances, and lists the tag naming no schedule with a did-you-mean",
    async (provider) => {
      await startCloud();
      const result = await runCli(["status", "--config", configFor(provider), "--local-cloud", cloud.url]);
      const ids = IDS[provider];
      expect(result.stdout).toMatch(/^schedule office-hours \(by tag powercron:schedule\) \(/m);
      expect(result.stdout).toContain(ids.onSchedule);
      expect(result.stdout).toMatch(new RegExp(`${ids.skipped}.*skipped by tag`));
      expect(result.stdout).toContain(
        `  ${ids.typo} (${provider} ${REGION[provider]}): "ofice-hours" names no schedule; did you mean "office-hours"?`,
      );
      expect(result.stdout).not.toContain(ids.untagged);
      // Found by a describe by tag key (any value): no start or stop call.
      expect(actedOn()).toEqual([]);
      expect(result.code).toBe(3);
    },
  );

  it("status --json keeps its array and says which group is a schedule; the stray tag goes to stderr", async () => {
    await startCloud();
    const result = await runCli(["status", "--config", configFor("aws"), "--local-cloud", cloud.url, "--json"]);
    const [group] = JSON.parse(result.stdout) as { group: string; schedule: boolean }[];
    expect(group).toMatchObject({ group: "office-hours", schedule: true });
    expect(result.stderr).toContain(`warning:   ${IDS.aws.typo} (aws us-east-1): "ofice-hours" names no schedule`);
  });
});

describe("a run that sees a tag naming no schedule", () => {
  it("notes it on the row and acts as the group says, never guessing the schedule", async () => {
    await startCloud();
    const config = writeConfigFile(
      `groups:
  - { name: office-team, provider: aws, region: us-east-1, tags: { team: office }, timezone: UTC, start: "0 7 * * *", stop: "0 20 * * *" }
schedules:
  - { name: office-hours, provider: aws, region: us-east-1, timezone: Europe/Berlin, start: "0 8 * * 1-5", stop: "0 19 * * 1-5" }
`,
    );
    vi.stubEnv("POWER_CONFIG", config);
    const report = await deployed(lambdaStart, { group: "office-team" }, LAMBDA_CONTEXT);
    const typo = report?.instances.find((row) => row.instanceId === IDS.aws.typo);
    expect(typo?.notes).toEqual([
      'powercron:schedule "ofice-hours" names no schedule (schedules: office-hours); it follows no schedule',
    ]);
    const onSchedule = report?.instances.find((row) => row.instanceId === IDS.aws.onSchedule);
    expect(onSchedule?.notes ?? []).toEqual([]);
  });
});
