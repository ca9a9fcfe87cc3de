import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { buildAll, REPO_ROOT } from "../../../src/deploy/bundle.ts";
import { configDigest } from "../../../src/deploy/config-digest.ts";
import { DEFAULT_LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from "../../../src/local-cloud/index.ts";
import { runDeployScf } from "../../../src/platforms/scf/deploy/deploy-scf-command.ts";
import { CODE_HASH_VARIABLE, scfFunctionName, scfTimerName } from "../../../src/platforms/scf/deploy/scf-plan.ts";
import type { ScfTimerTrigger } from "../../../src/platforms/scf/tick-trigger.ts";
import { scfTimerTriggers } from "../../../src/platforms/scf/ticks.ts";
import { loadScheduleConfig } from "../../../src/schedule/config.ts";

const SCF_FUNCTION_NAMES = { start: scfFunctionName("prod", "start"), stop: scfFunctionName("prod", "stop") };
const MUTATIONS = new Set([
  "CreateFunction",
  "UpdateFunctionCode",
  "UpdateFunctionConfiguration",
  "CreateTrigger",
  "DeleteTrigger",
  "DeleteFunction",
]);

let cloud: LocalCloud;
let workDir: string;
let configFile: string;
let env: Record<string, string>;
const output: string[] = [];
/** The bundler the CLI hands the SCF deploy. */
const buildScf = (options: { configFile: string; distDir?: string }) => buildAll(["scf"], options);

function deploy(dryRun = false, stage?: string) {
  return runDeployScf(
    {
      configFile,
      dryRun,
      ...(stage ? { stage } : {}),
      env,
      distDir: join(workDir, "dist"),
      pollMs: 20,
      log: (line) => output.push(line),
    },
    buildScf,
  );
}

function scfCalls() {
  return cloud.calls().filter((call) => call.service === "scf");
}

function mutatingCalls() {
  return scfCalls().filter((call) => MUTATIONS.has(call.action));
}

function timersOf(name: string) {
  const fn = cloud.scf.list().find((view) => view.function.FunctionName === name);
  return (fn?.function.triggers ?? []).map((trigger) => ({
    name: trigger.TriggerName,
    desc: trigger.TriggerDesc,
    enable: trigger.Enable,
    argument: trigger.CustomArgument,
  }));
}

function expectedTimers(triggers: readonly ScfTimerTrigger[], action: "start" | "stop") {
  return triggers
    .filter((trigger) => trigger.action === action)
    .map((trigger) => ({
      name: scfTimerName("prod", trigger),
      desc: JSON.stringify({ cron: trigger.cron }),
      enable: 1,
      argument: trigger.customArgument,
    }));
}

async function editConfig(edit: (document: ReturnType<typeof parseDocument>) => void): Promise<void> {
  const document = parseDocument(await readFile(configFile, "utf8"));
  edit(document);
  await writeFile(configFile, document.toString());
}

beforeAll(async () => {
  cloud = await startLocalCloud({ fleet: { instances: [] }, scfSettleMs: 60 });
  workDir = await mkdtemp(join(tmpdir(), "powercron-deploy-scf-"));
  configFile = join(workDir, "schedules.yaml");
  await copyFile(join(REPO_ROOT, "config/schedules.yaml"), configFile);
  const key = DEFAULT_LOCAL_CREDENTIALS.tencent[0];
  env = {
    TENCENTCLOUD_SECRET_ID: key?.secretId ?? "",
    TENCENTCLOUD_SECRET_KEY: key?.secretKey ?? "",
    TENCENTCLOUD_SCF_ENDPOINT: cloud.url,
  };
});

afterAll(async () => {
  await cloud?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  cloud.resetCalls();
  output.length = 0;
});

describe("Function: powercron deploy scf (against the local cloud)", () => {
  it("prints the calls of a first deploy on --dry-run and makes none", async () => {
    const result = await deploy(true);
    expect(mutatingCalls()).toEqual([]);
    expect(result.mutations.filter((mutation) => mutation.action === "CreateFunction")).toHaveLength(2);
    expect(output.some((line) => line.startsWith("would call CreateFunction"))).toBe(true);
    expect(output.join("\n")).not.toMatch(/UEsDB/); // the zip is summarised, never printed
    // The environment with its values, only secrets masked (there are none here).
    const create = output.find((line) => line.startsWith("would call CreateFunction")) ?? "";
    expect(create).toContain('"POWER_ALLOWED_TAG":"powercron:managed=true"');
    expect(create).toContain('"POWER_CONFIG":"/var/user/schedules.yaml"');
    expect(create).not.toContain('"***"');
    expect(cloud.scf.list()).toEqual([]);
  });

  it("creates both functions, Active, and every timer trigger of the config", async () => {
    const config = await loadScheduleConfig(configFile);
    const triggers = scfTimerTriggers(config);
    expect(triggers.length).toBeGreaterThan(0);
    await deploy();

    const actions = mutatingCalls().map((call) => call.action);
    expect(actions.filter((action) => action === "CreateFunction")).toHaveLength(2);
    expect(actions.filter((action) => action === "CreateTrigger")).toHaveLength(triggers.length);
    expect(actions).not.toContain("DeleteTrigger");

    const functions = cloud.scf.list();
    expect(functions.map((view) => view.function.FunctionName).sort()).toEqual(
      Object.values(SCF_FUNCTION_NAMES).sort(),
    );
    for (const view of functions) {
      expect(view.region).toBe(config.deploy.scf.region);
      expect(view.namespace).toBe(config.deploy.scf.namespace);
      expect(view.function).toMatchObject({
        Status: "Active",
        Handler: "index.main_handler",
        Runtime: config.deploy.scf.runtime,
        MemorySize: config.deploy.scf.memoryMb,
        Timeout: config.deploy.scf.timeoutSeconds,
      });
      const variables = Object.fromEntries(view.function.Environment.map(({ Key, Value }) => [Key, Value]));
      expect(variables).toMatchObject({
        ...config.deploy.scf.environment,
        POWER_CONFIG: "/var/user/schedules.yaml",
        POWER_ALLOWED_TAG: "powercron:managed=true",
        POWER_ALLOWED_REGIONS: "tencent:ap-guangzhou,tencent:ap-shanghai",
        POWERCRON_CONFIG_DIGEST: configDigest(await readFile(configFile)),
      });
      expect(view.function.Role).toBe("SCF_PowercronRole");
      expect(variables[CODE_HASH_VARIABLE]).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(timersOf(SCF_FUNCTION_NAMES.start)).toEqual(expectedTimers(triggers, "start"));
    expect(timersOf(SCF_FUNCTION_NAMES.stop)).toEqual(expectedTimers(triggers, "stop"));
  });

  it("changes nothing on a second run", async () => {
    const result = await deploy();
    expect(result.mutations).toEqual([]);
    expect(mutatingCalls()).toEqual([]);
    expect(new Set(scfCalls().map((call) => call.action))).toEqual(new Set(["GetFunction", "ListTriggers"]));
    expect(output.filter((line) => line.endsWith("timer trigger(s) wanted"))).toEqual([
      expect.stringContaining("powercron-prod-start: up to date"),
      expect.stringContaining("powercron-prod-stop: up to date"),
    ]);
  });

  it("creates the changed triggers, then deletes the stale ones, and updates code then configuration", async () => {
    const before = scfTimerTriggers(await loadScheduleConfig(configFile));
    await editConfig((document) => {
      const groups = document.get("groups") as {
        items: { get(key: string): unknown; set(key: string, value: unknown): void }[];
      };
      const checkout = groups.items.find((group) => group.get("name") === "checkout-test");
      checkout?.set("stop", "30 20 * * 1-5");
      const search = groups.items.findIndex((group) => group.get("name") === "search-dev");
      (document.get("groups") as { delete(index: number): void }).delete(search);
      document.setIn(["deploy", "scf", "memoryMb"], 256);
    });
    const after = scfTimerTriggers(await loadScheduleConfig(configFile));
    const key = (trigger: ScfTimerTrigger) => scfTimerName("prod", trigger);
    const stale = before.filter((trigger) => !after.some((other) => key(other) === key(trigger)));
    const missing = after.filter((trigger) => !before.some((other) => key(other) === key(trigger)));
    expect(stale.length).toBeGreaterThan(0);
    expect(missing.length).toBeGreaterThan(0);

    await deploy();
    const calls = mutatingCalls();
    const deleted = calls.filter((call) => call.action === "DeleteTrigger").map((call) => call.params.TriggerName);
    const created = calls.filter((call) => call.action === "CreateTrigger").map((call) => call.params.TriggerName);
    expect([...deleted].sort()).toEqual(stale.map(key).sort());
    expect([...created].sort()).toEqual(missing.map(key).sort());
    // Per function, every creation comes before the first deletion: no gap without a trigger.
    for (const name of Object.values(SCF_FUNCTION_NAMES)) {
      const order = calls
        .filter((call) => call.params.FunctionName === name && call.action.endsWith("Trigger"))
        .map((call) => call.action);
      const firstDelete = order.indexOf("DeleteTrigger");
      if (firstDelete >= 0) expect(order.slice(firstDelete)).not.toContain("CreateTrigger");
    }
    // The config travels in the zip, so both functions get new code, then the new memory size.
    for (const name of Object.values(SCF_FUNCTION_NAMES)) {
      expect(
        calls
          .filter((call) => call.params.FunctionName === name && call.action.startsWith("Update"))
          .map((call) => call.action),
      ).toEqual(["UpdateFunctionCode", "UpdateFunctionConfiguration"]);
    }
    expect(cloud.scf.list().every((view) => view.function.MemorySize === 256)).toBe(true);
    expect(timersOf(SCF_FUNCTION_NAMES.stop)).toEqual(expectedTimers(after, "stop"));
    expect(timersOf(SCF_FUNCTION_NAMES.start)).toEqual(expectedTimers(after, "start"));

    cloud.resetCalls();
    await deploy();
    expect(mutatingCalls()).toEqual([]);
  });

  it("deploys another stage beside it, with disjoint function and trigger names", async () => {
    await deploy(false, "dev");
    const names = cloud.scf.list().map((view) => view.function.FunctionName);
    expect(names.sort()).toEqual([
      "powercron-dev-start",
      "powercron-dev-stop",
      "powercron-prod-start",
      "powercron-prod-stop",
    ]);
    const triggerNames = (prefix: string) =>
      cloud.scf
        .list()
        .filter((view) => view.function.FunctionName.startsWith(prefix))
        .flatMap((view) => view.function.triggers.map((trigger) => trigger.TriggerName));
    const dev = triggerNames("powercron-dev-");
    const prod = triggerNames("powercron-prod-");
    expect(dev.length).toBe(prod.length);
    expect(dev.filter((name) => prod.includes(name))).toEqual([]);
    for (const name of dev) expect(name.startsWith("dev-")).toBe(true);
  });

  it.each([
    [
      "no execution role",
      (document: ReturnType<typeof parseDocument>) => document.deleteIn(["deploy", "scf", "role"]),
      /deploy\.scf\.role: missing.*infra\/tencent\/scf-execution-policy\.json/s,
    ],
    [
      "a secret-shaped variable",
      (document: ReturnType<typeof parseDocument>) =>
        document.setIn(["deploy", "scf", "environment", "API_TOKEN"], "abc"),
      /deploy\.scf\.environment\.API_TOKEN: a secret-shaped variable is refused.*execution role/,
    ],
    [
      "a variable the deploy sets",
      (document: ReturnType<typeof parseDocument>) =>
        document.setIn(["deploy", "scf", "environment", "POWER_ALLOWED_TAG"], "a=b"),
      /deploy\.scf\.environment\.POWER_ALLOWED_TAG: is set by deploy\.aws\.managementTag/,
    ],
    [
      "an end-of-life runtime",
      (document: ReturnType<typeof parseDocument>) => document.setIn(["deploy", "scf", "runtime"], "Nodejs16.13"),
      /deploy\.scf\.runtime: "Nodejs16\.13"/,
    ],
  ])("refuses %s before any build or call, dry run included", async (_label, edit, message) => {
    const original = await readFile(configFile, "utf8");
    try {
      await editConfig(edit);
      for (const dryRun of [true, false]) {
        await expect(deploy(dryRun)).rejects.toThrow(message);
      }
      expect(scfCalls()).toEqual([]);
    } finally {
      await writeFile(configFile, original);
    }
  });

  it("refuses a stage that cannot be in a name", async () => {
    await expect(deploy(true, "Prod_1")).rejects.toThrow(/stage: "Prod_1" is not a stage name/);
    expect(scfCalls()).toEqual([]);
  });

  it("refuses to deploy without credentials, but plans a dry run against an empty account", async () => {
    const bare = { TENCENTCLOUD_SCF_ENDPOINT: cloud.url };
    await expect(
      runDeployScf({ configFile, dryRun: false, env: bare, distDir: join(workDir, "dist"), log: () => {} }, buildScf),
    ).rejects.toThrow(/credentials missing/);
    const result = await runDeployScf(
      {
        configFile,
        dryRun: true,
        env: bare,
        distDir: join(workDir, "dist"),
        log: () => {},
      },
      buildScf,
    );
    expect(result.mutations.map((mutation) => mutation.action)).toContain("CreateFunction");
    expect(scfCalls()).toEqual([]);
  });
});
