import { zipSync } from "fflate";
import { scf } from "tencentcloud-sdk-nodejs-scf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from "../../../src/local-cloud/index.ts";
import { timerFires } from "../../../src/local-cloud/scf/index.ts";
import { scfHttpProfile } from "../../../src/platforms/scf/deploy/scf-api.ts";
import { desiredFunction } from "../../../src/platforms/scf/deploy/scf-plan.ts";

let cloud: LocalCloud;
let client: InstanceType<typeof scf.v20180416.Client>;
const ZIP = Buffer.from(
  zipSync({ "index.js": new TextEncoder().encode("exports.main_handler = async () => 1;") }),
).toString("base64");

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

beforeAll(async () => {
  cloud = await startLocalCloud({ fleet: { instances: [] }, scfSettleMs: 150 });
  const key = DEFAULT_LOCAL_CREDENTIALS.tencent[0];
  client = new scf.v20180416.Client({
    credential: { secretId: key?.secretId, secretKey: key?.secretKey },
    region: "ap-guangzhou",
    profile: { httpProfile: scfHttpProfile(cloud.url, 5_000) },
  });
});

afterAll(async () => {
  await cloud?.close();
});

describe("Function: the local cloud's SCF", () => {
  it("answers an unknown function with ResourceNotFound.Function", async () => {
    expect(await errorCode(client.GetFunction({ FunctionName: "nope" }))).toBe("ResourceNotFound.Function");
  });

  it("creates a function Creating, refuses updates until it is Active", async () => {
    await client.CreateFunction({
      FunctionName: "shape-test",
      Code: { ZipFile: ZIP },
      Handler: "index.main_handler",
      Runtime: "Nodejs18.15",
      Environment: { Variables: [{ Key: "A", Value: "1" }] },
    });
    const first = await client.GetFunction({ FunctionName: "shape-test" });
    expect(first.Status).toBe("Creating");
    expect(await errorCode(client.UpdateFunctionCode({ FunctionName: "shape-test", ZipFile: ZIP }))).toBe(
      "FailedOperation.UpdateFunctionCode",
    );
    expect(await errorCode(client.CreateFunction({ FunctionName: "shape-test", Code: { ZipFile: ZIP } }))).toBe(
      "ResourceInUse.Function",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = await client.GetFunction({ FunctionName: "shape-test" });
    expect(later).toMatchObject({
      Status: "Active",
      MemorySize: 128,
      Timeout: 3,
      Environment: { Variables: [{ Key: "A", Value: "1" }] },
    });
  });

  it('reads a timer back with TriggerDesc as {"cron": …} and Enable as a number', async () => {
    await client.CreateTrigger({
      FunctionName: "shape-test",
      TriggerName: "every-morning",
      Type: "timer",
      TriggerDesc: "0 0 9 * * 1-5 *",
      Enable: "OPEN",
      CustomArgument: '{"group":"g"}',
    });
    const listed = await client.ListTriggers({ FunctionName: "shape-test" });
    expect(listed.TotalCount).toBe(1);
    expect(listed.Triggers?.[0]).toMatchObject({
      TriggerName: "every-morning",
      Type: "timer",
      TriggerDesc: '{"cron":"0 0 9 * * 1-5 *"}',
      Enable: 1,
      CustomArgument: '{"group":"g"}',
    });
    expect(
      await errorCode(
        client.CreateTrigger({
          FunctionName: "shape-test",
          TriggerName: "bad",
          Type: "timer",
          TriggerDesc: "0 9 * * *",
        }),
      ),
    ).toBe("InvalidParameterValue.TriggerDesc");
    await client.DeleteTrigger({ FunctionName: "shape-test", TriggerName: "every-morning", Type: "timer" });
    expect((await client.ListTriggers({ FunctionName: "shape-test" })).TotalCount).toBe(0);
    expect(
      await errorCode(
        client.DeleteTrigger({ FunctionName: "shape-test", TriggerName: "every-morning", Type: "timer" }),
      ),
    ).toBe("ResourceNotFound.Trigger");
  });

  it("deletes a function with its triggers once it is Active, and refuses one still Creating", async () => {
    await client.CreateFunction({ FunctionName: "delete-test", Code: { ZipFile: ZIP }, Runtime: "Nodejs18.15" });
    expect(await errorCode(client.DeleteFunction({ FunctionName: "delete-test" }))).toBe(
      "FailedOperation.DeleteFunction",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.CreateTrigger({
      FunctionName: "delete-test",
      TriggerName: "nightly",
      Type: "timer",
      TriggerDesc: "0 0 22 * * * *",
      Enable: "OPEN",
    });
    await client.DeleteFunction({ FunctionName: "delete-test" });
    expect(await errorCode(client.GetFunction({ FunctionName: "delete-test" }))).toBe("ResourceNotFound.Function");
    expect(await errorCode(client.ListTriggers({ FunctionName: "delete-test" }))).toBe("ResourceNotFound.Function");
    expect(await errorCode(client.DeleteFunction({ FunctionName: "delete-test" }))).toBe("ResourceNotFound.Function");
    expect(cloud.scf.list().map((entry) => entry.function.FunctionName)).not.toContain("delete-test");
  });

  it("refuses parameters the API does not know", async () => {
    expect(
      await errorCode(
        client.GetFunction({ FunctionName: "shape-test", Bogus: 1 } as unknown as { FunctionName: string }),
      ),
    ).toBe("UnknownParameter");
  });

  describe("published limits", () => {
    const timer = (name: string, more: Record<string, string> = {}) => ({
      FunctionName: "limits-test",
      TriggerName: name,
      Type: "timer",
      TriggerDesc: "0 0 9 * * * *",
      Enable: "OPEN",
      CustomArgument: "{}",
      ...more,
    });

    beforeAll(async () => {
      await client.CreateFunction({ FunctionName: "limits-test", Code: { ZipFile: ZIP }, Runtime: "Nodejs18.15" });
      for (let wait = 0; wait < 50; wait++) {
        if ((await client.GetFunction({ FunctionName: "limits-test" })).Status === "Active") break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    it("refuses an 11th timer trigger with LimitExceeded.Trigger and keeps the 10", async () => {
      for (let index = 1; index <= 10; index++) await client.CreateTrigger(timer(`tick-${index}`));
      expect(await errorCode(client.CreateTrigger(timer("tick-11")))).toBe("LimitExceeded.Trigger");
      const listed = await client.ListTriggers({ FunctionName: "limits-test" });
      expect(listed.TotalCount).toBe(10);
      await client.DeleteTrigger({ FunctionName: "limits-test", TriggerName: "tick-10", Type: "timer" });
      await client.CreateTrigger(timer("tick-11"));
      expect((await client.ListTriggers({ FunctionName: "limits-test" })).TotalCount).toBe(10);
      const calls = cloud.calls().filter((call) => call.service === "scf" && call.action === "CreateTrigger");
      expect(calls.filter((call) => call.result === "LimitExceeded.Trigger")).toHaveLength(1);
      for (let index = 1; index <= 11; index++) {
        if (index === 10) continue;
        await client.DeleteTrigger({ FunctionName: "limits-test", TriggerName: `tick-${index}`, Type: "timer" });
      }
    });

    it.each([
      { what: "a 61-character name", params: timer(`a${"b".repeat(60)}`), code: "InvalidParameterValue.TriggerName" },
      { what: "a name starting with a digit", params: timer("1tick"), code: "InvalidParameterValue.TriggerName" },
      {
        what: "a CustomArgument over 4 KB (counted in bytes)",
        params: timer("big", { CustomArgument: "é".repeat(2049) }),
        code: "InvalidParameterValue.CustomArgument",
      },
    ])("refuses $what", async ({ params, code }) => {
      expect(await errorCode(client.CreateTrigger(params))).toBe(code);
      expect((await client.ListTriggers({ FunctionName: "limits-test" })).TotalCount).toBe(0);
    });

    it("accepts a 60-character name and a 4096-byte CustomArgument", async () => {
      await client.CreateTrigger(timer(`a${"b".repeat(59)}`, { CustomArgument: "x".repeat(4096) }));
      await client.DeleteTrigger({ FunctionName: "limits-test", TriggerName: `a${"b".repeat(59)}`, Type: "timer" });
    });

    it("refuses environment variables over 4 KB in all", async () => {
      const variables = [
        { Key: "A", Value: "x".repeat(2100) },
        { Key: "B", Value: "y".repeat(2000) },
      ];
      expect(
        await errorCode(
          client.UpdateFunctionConfiguration({ FunctionName: "limits-test", Environment: { Variables: variables } }),
        ),
      ).toBe("InvalidParameterValue.Environment");
      expect(
        await errorCode(
          client.CreateFunction({
            FunctionName: "env-too-big",
            Code: { ZipFile: ZIP },
            Environment: { Variables: variables },
          }),
        ),
      ).toBe("InvalidParameterValue.Environment");
      expect(await errorCode(client.GetFunction({ FunctionName: "env-too-big" }))).toBe("ResourceNotFound.Function");
    });

    it("fires its timers in the platform zone, each twice when asked to duplicate", async () => {
      await client.CreateTrigger(timer("morning", { TriggerDesc: "0 30 9 * * 1-5 *", CustomArgument: "m" }));
      const from = Date.UTC(2026, 10, 23); // a Monday
      const to = Date.UTC(2026, 10, 30);
      const fires = timerFires(cloud.scf, { from, to }).filter((fire) => fire.functionName === "limits-test");
      expect(fires.map((fire) => fire.event)).toEqual(
        [23, 24, 25, 26, 27].map((day) => ({
          Type: "Timer",
          TriggerName: "morning",
          Time: `2026-11-${day}T01:30:00Z`,
          Message: "m",
        })),
      );
      const twice = timerFires(cloud.scf, { from, to, duplicates: true }).filter(
        (fire) => fire.functionName === "limits-test",
      );
      expect(twice).toHaveLength(10);
      expect(twice[0]).toEqual(twice[1]);
      await client.DeleteTrigger({ FunctionName: "limits-test", TriggerName: "morning", Type: "timer" });
    });
  });
});

describe("Function: desiredFunction (SCF's published limits, before any call)", () => {
  const deploy = {
    region: "ap-guangzhou",
    namespace: "default",
    runtime: "Nodejs18.15",
    memoryMb: 128,
    timeoutSeconds: 300,
    triggerTimezone: "Asia/Shanghai",
    environment: {},
    extraClouds: [],
  };
  const zip = { base64: ZIP, sha256: "0".repeat(64) };
  const target = { stage: "prod", environment: {} };
  const tick = (index: number, customArgument = '{"powercron":"tick"}') => ({
    name: `powercron-tick-${index}`,
    groups: ["g"],
    action: "start" as const,
    cron: "0 0 9 * * * *",
    customArgument,
  });

  it("accepts 10 timers and refuses 11, naming the function and the limit", () => {
    expect(
      desiredFunction(
        "start",
        deploy,
        Array.from({ length: 10 }, (_, i) => tick(i + 1)),
        zip,
        target,
      ).timers,
    ).toHaveLength(10);
    expect(() =>
      desiredFunction(
        "start",
        deploy,
        Array.from({ length: 11 }, (_, i) => tick(i + 1)),
        zip,
        target,
      ),
    ).toThrow(/powercron-prod-start: 11 timer triggers; SCF allows 10 per function/);
  });

  it("refuses a 4 KB+ message", () => {
    expect(() => desiredFunction("start", deploy, [tick(1, "x".repeat(4097))], zip, target)).toThrow(
      /CustomArgument takes 4097 bytes/,
    );
  });

  it("fits a long trigger name into SCF's 60 characters, starting with a letter", () => {
    const [timer] = desiredFunction("start", deploy, [{ ...tick(1), name: `t${"x".repeat(80)}` }], zip, target).timers;
    expect(timer?.TriggerName).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/);
  });

  it("refuses environment variables over 4 KB in all, pointing at deploy.scf.environment", () => {
    const environment = { BIG: "x".repeat(4100) };
    expect(() => desiredFunction("stop", deploy, [], zip, { stage: "prod", environment })).toThrow(
      /powercron-prod-stop: environment variables take \d+ bytes .*SCF allows 4096 in all: shorten deploy.scf.environment/,
    );
  });
});
