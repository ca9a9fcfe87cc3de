import { zipSync } from "fflate";
import { scf } from "tencentcloud-sdk-nodejs-scf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scfHttpProfile } from "../../src/deploy/scf-api.ts";
import { DEFAULT_LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";

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

  it("refuses parameters the API does not know", async () => {
    expect(
      await errorCode(
        client.GetFunction({ FunctionName: "shape-test", Bogus: 1 } as unknown as { FunctionName: string }),
      ),
    ).toBe("UnknownParameter");
  });
});
