/** Many accounts: Alibaba STS AssumeRole through @alicloud/sts20150401 against the local cloud, then ECS with the keys. */
import { describe, expect, it } from "vitest";
import { CloudApiError } from "../../src/errors.ts";
import { assumeAlibabaRole } from "../../src/providers/alibaba/alibaba-assume-role.ts";
import { EcsProvider } from "../../src/providers/alibaba/ecs-provider.ts";
import { ecsProviderWithSdk } from "../../src/providers/alibaba/ecs-sdk-client.ts";
import { ecsFleet, ecsId, harnessPerTest, LOCAL_KEYS } from "./alibaba-harness.ts";

const REGION = "cn-shanghai";
const ROLE = "acs:ram::2000000000000002:role/powercron";
const start = harnessPerTest();

describe("Function: assumeAlibabaRole", () => {
  it("assumes acs:ram::<uid>:role/<name> and the temporary keys see only that account's instances", async () => {
    const mine = ecsId("m", 1);
    const theirs = ecsId("t", 1);
    const h = await start(
      [...ecsFleet(REGION, [mine]), ...ecsFleet(REGION, [theirs], { account: "2000000000000002" })],
      {
        alibaba: { roles: [{ arn: ROLE, externalId: "ext-1" }] },
      },
    );
    const keys = await assumeAlibabaRole({
      roleArn: ROLE,
      externalId: "ext-1",
      sessionName: "powercron-test",
      region: REGION,
      requestTimeoutMs: 2_000,
      endpoint: h.cloud.url,
      credential: () => LOCAL_KEYS,
    });
    expect(keys.token).toEqual(expect.any(String));
    expect(keys.expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);
    const provider = ecsProviderWithSdk({
      region: REGION,
      endpoint: h.cloud.url,
      requestTimeoutMs: 2_000,
      credential: () => ({ accessKeyId: keys.keyId, accessKeySecret: keys.secret, securityToken: keys.token }),
    });
    const seen = await provider.describeByIds([mine, theirs]);
    expect(seen.map((view) => view.instanceId)).toEqual([theirs]);
    expect(h.calls((call) => call.action === "DescribeInstances")[0]?.account).toBe("2000000000000002");
  });

  it("is refused with NoPermission for a wrong ExternalId, as a CloudApiError", async () => {
    const h = await start([], { alibaba: { roles: [{ arn: ROLE, externalId: "ext-1" }] } });
    const error = await assumeAlibabaRole({
      roleArn: ROLE,
      externalId: "wrong",
      sessionName: "powercron-test",
      region: REGION,
      requestTimeoutMs: 2_000,
      endpoint: h.cloud.url,
      credential: () => LOCAL_KEYS,
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CloudApiError);
    expect((error as CloudApiError).code).toBe("NoPermission");
    expect((error as CloudApiError).details.httpStatus).toBe(403);
  });

  it("is reached through EcsProvider.assumeRole, which loads the STS SDK on first use", async () => {
    const h = await start([], { alibaba: { roles: [{ arn: ROLE }] } });
    const keys = await EcsProvider.assumeRole({
      roleArn: ROLE,
      sessionName: "powercron-group",
      region: REGION,
      requestTimeoutMs: 2_000,
      endpoint: h.cloud.url,
      credential: () => LOCAL_KEYS,
    });
    expect(keys.keyId).toMatch(/^STS\./);
  });
});
