/**
 * Load on demand in a fire: the Lambda stop bundle, run in a fresh process against the local cloud, evaluates the
 * alert senders (src/notify/deliver.ts and one module a channel) only when the run has an alert to send, and the
 * account machinery (src/providers/accounts/) and the STS client only when a target names an account, and the schedule
 * config's reader (YAML, zod, the cron tables) only when the run needs the config. How it is seen:
 * esbuild wraps a module reached through `import()` in a lazy initialiser, and keepNames names each of its functions
 * and classes (Object.defineProperty(…, "name", …)) when that initialiser runs; the child records those names.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { type BuiltBundle, bundleFunction, REPO_ROOT } from "../../src/deploy/bundle.ts";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";

const run = promisify(execFile);
const OWN_ID = "i-0a1a2a3a4a5a6a7a1";
const SPOKE_ID = "i-0b1b2b3b4b5b6b7b2";
const SPOKE_ACCOUNT = "222233334444";
const ROLE_ARN = `arn:aws:iam::${SPOKE_ACCOUNT}:role/PowercronSpoke`;
/** A function or class of each lazily loaded part, by the name keepNames gives it when its module is evaluated. */
const LAZY = {
  senders: "deliverAlert",
  accounts: "AccountProvider",
  stsClient: "assumeAwsRole",
  scheduleConfig: "parseScheduleConfig",
} as const;

/** The child: records the names keepNames gives, runs the handler once, prints the totals and the names. */
const CHILD = `const named = new Set();
const define = Object.defineProperty;
Object.defineProperty = function (target, key, descriptor) {
  if (key === "name" && typeof descriptor?.value === "string") named.add(descriptor.value);
  return define(target, key, descriptor);
};
const { handler } = await import(process.env.BUNDLE_URL);
const report = await handler(JSON.parse(process.env.EVENT), {});
console.log("OK " + JSON.stringify(report.totals));
console.log("NAMES " + JSON.stringify([...named]));`;

let workDir: string;
let bundle: BuiltBundle;
let configFile: string;
let cloud: LocalCloud;

/** Runs one event through the bundle's handler; says which lazily loaded parts were evaluated. */
async function evaluated(
  event: unknown,
  env: Record<string, string> = {},
): Promise<Record<keyof typeof LAZY, boolean>> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", CHILD], {
    cwd: bundle.dir,
    env: {
      PATH: process.env.PATH ?? "",
      ...localCloudEnv(cloud.url),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWER_CONFIG: configFile,
      POWER_TIME_BUDGET_SECONDS: "20",
      BUNDLE_URL: pathToFileURL(bundle.entry).href,
      EVENT: JSON.stringify(event),
      ...env,
    },
  });
  expect(stdout).toContain("OK ");
  const names = new Set(JSON.parse(/NAMES (.*)/.exec(stdout)?.[1] ?? "[]") as string[]);
  // The bundle's own code is named at load (a name of the light notify entry): the method sees what it should.
  expect(names.has("alertOfReport")).toBe(true);
  return Object.fromEntries(Object.entries(LAZY).map(([part, name]) => [part, names.has(name)])) as Record<
    keyof typeof LAZY,
    boolean
  >;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "powercron-lazy-"));
  const repoConfig = await readFile(join(REPO_ROOT, "config/schedules.yaml"), "utf8");
  configFile = join(workDir, "accounts.yaml");
  await writeFile(
    configFile,
    `accounts:\n  - {name: team-a, provider: aws, roleArn: "${ROLE_ARN}", externalId: lazy}\n${repoConfig}`,
  );
  bundle = await bundleFunction("aws", "stop", { distDir: join(workDir, "dist"), configFile });
  cloud = await startLocalCloud({
    transitionMs: 20,
    sts: { roles: [{ arn: ROLE_ARN, externalId: "lazy" }] },
    fleet: {
      instances: [
        { provider: "aws", region: "us-east-1", instanceId: OWN_ID, state: "running", tags: {} },
        {
          provider: "aws",
          region: "us-east-1",
          instanceId: SPOKE_ID,
          state: "running",
          tags: {},
          account: SPOKE_ACCOUNT,
        },
      ],
    },
  });
}, 120_000);

afterAll(async () => {
  await cloud?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("Function: the Lambda stop bundle loads on demand", () => {
  it("a plain stop in the function's own account evaluates neither the senders, the account machinery nor the schedule config reader", async () => {
    const ran = await evaluated({ provider: "aws", region: "us-east-1", instanceIds: [OWN_ID] });
    expect(ran).toEqual({ senders: false, accounts: false, stsClient: false, scheduleConfig: false });
  });

  it("a target that names an account evaluates the account machinery and the STS client, and still no sender", async () => {
    const ran = await evaluated({ provider: "aws", region: "us-east-1", account: "team-a", instanceIds: [SPOKE_ID] });
    expect(ran).toEqual({ senders: false, accounts: true, stsClient: true, scheduleConfig: true });
  });

  it("a run with an alert to send evaluates the senders", async () => {
    const ran = await evaluated(
      { provider: "aws", region: "us-east-1", instanceIds: [OWN_ID] },
      {
        POWER_NOTIFY_WEBHOOK_URL: `${cloud.url}/_no-such-hook`,
        POWER_NOTIFY_TYPE: "webhook",
        POWER_NOTIFY_ON: "success",
      },
    );
    // The config is read for its `notify` section and the groups' clouds (the alert's locale) once a channel exists.
    expect(ran).toMatchObject({ senders: true, scheduleConfig: true });
  });
});
