/**
 * Removing a deployment, through the real CLI against `powercron local-cloud` (the SCF SDK over HTTP):
 * `deploy scf --remove --dry-run` lists the stage's triggers and functions and deletes nothing; `deploy scf --remove`
 * deletes the triggers, then the functions; a stage with nothing deployed is not an error. `deploy aws` (and its
 * `--remove`) names the Serverless Framework's commands and exits 2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, type ServingCli, serveCli } from "./support/cli-process.ts";

let cloud: ServingCli;
let env: Record<string, string | undefined>;

interface Call {
  service: string;
  action: string;
  params: { FunctionName?: string; TriggerName?: string };
  result: string;
}

async function scfCalls(): Promise<Call[]> {
  const calls = (await (await fetch(`${cloud.url}/_calls`)).json()) as Call[];
  return calls.filter((call) => call.service === "scf");
}

async function resetCalls(): Promise<void> {
  await fetch(`${cloud.url}/_calls`, { method: "DELETE" });
}

const removing = (call: Call) => call.action === "DeleteTrigger" || call.action === "DeleteFunction";

beforeAll(async () => {
  cloud = await serveCli(process.execPath, [BIN, "local-cloud", "--port", "0"]);
  env = {
    TENCENTCLOUD_SCF_ENDPOINT: cloud.url,
    TENCENTCLOUD_SECRET_ID: "AKIDLOCALCLOUD",
    TENCENTCLOUD_SECRET_KEY: "local-secret",
  };
}, 60_000);

afterAll(async () => {
  cloud?.child.kill("SIGTERM");
  await cloud?.exited;
});

describe("powercron deploy scf --remove", () => {
  it("lists on a dry run, then deletes the stage's triggers and functions; nothing left is not an error", async () => {
    const deployed = await runCli(["deploy", "scf", "--stage", "gone"], env);
    expect(deployed.code, deployed.stderr).toBe(0);
    const created = (await scfCalls()).filter((call) => call.action === "CreateTrigger");
    expect(created.length).toBeGreaterThan(0);

    await resetCalls();
    const dryRun = await runCli(["deploy", "scf", "--remove", "--dry-run", "--stage", "gone"], env);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    for (const name of ["powercron-gone-start", "powercron-gone-stop"]) {
      expect(dryRun.stdout).toContain(`would call DeleteFunction {"FunctionName":"${name}"}`);
      expect(dryRun.stdout).toContain(`${name}: would be removed`);
    }
    for (const trigger of created) {
      expect(dryRun.stdout).toContain(
        `would call DeleteTrigger {"FunctionName":"${trigger.params.FunctionName}","TriggerName":"${trigger.params.TriggerName}","Type":"timer"}`,
      );
    }
    expect((await scfCalls()).filter(removing)).toEqual([]);

    await resetCalls();
    const removed = await runCli(["deploy", "scf", "--remove", "--stage", "gone"], env);
    expect(removed.code, removed.stderr).toBe(0);
    const calls = (await scfCalls()).filter(removing);
    expect(
      calls.map((call) => [call.action, call.params.TriggerName ?? call.params.FunctionName, call.result]),
    ).toEqual(
      ["powercron-gone-start", "powercron-gone-stop"].flatMap((name) => [
        ...created
          .filter((trigger) => trigger.params.FunctionName === name)
          .map((trigger) => ["DeleteTrigger", trigger.params.TriggerName, "ok"]),
        ["DeleteFunction", name, "ok"],
      ]),
    );

    const again = await runCli(["deploy", "scf", "--remove", "--stage", "gone"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("powercron-gone-start: not deployed, nothing to remove");
    expect(again.stdout).toContain("stage gone: no powercron function deployed");
  }, 120_000);

  it("leaves another stage alone", async () => {
    expect((await runCli(["deploy", "scf", "--stage", "kept"], env)).code).toBe(0);
    expect((await runCli(["deploy", "scf", "--remove", "--stage", "other"], env)).code).toBe(0);
    const dryRun = await runCli(["deploy", "scf", "--remove", "--dry-run", "--stage", "kept"], env);
    expect(dryRun.stdout).toContain("powercron-kept-stop: would be removed");
  }, 120_000);

  it.each([
    {
      case: "without credentials, a dry run too",
      args: ["--dry-run"],
      keys: false,
      message: /Tencent credentials missing/,
    },
    { case: "a stage that cannot be a name", args: ["--stage", "Dev"], keys: true, message: /stage: "Dev"/ },
  ])("refuses $case (exit 2, no call)", async ({ args, keys, message }) => {
    await resetCalls();
    const bare = { ...env, TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined };
    const result = await runCli(["deploy", "scf", "--remove", ...args], keys ? env : bare);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await scfCalls()).toEqual([]);
  });
});

describe("powercron deploy aws", () => {
  it.each([
    { args: [], says: "`npx osls deploy` deploys it, `npx osls remove` removes it" },
    { args: ["--remove"], says: "`npx osls remove` removes it (`npx osls deploy` deploys it)" },
    { args: ["--stage", "dev", "--region", "eu-west-1"], says: "`npx osls deploy` deploys it" },
  ])("$args names the Serverless Framework's command and exits 2, not `unknown command`", async ({ args, says }) => {
    const result = await runCli(["deploy", "aws", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/unknown command/);
    expect(result.stderr).toContain("AWS Lambda is deployed by the Serverless Framework (osls, serverless.yml)");
    expect(result.stderr).toContain(says);
  });
});
