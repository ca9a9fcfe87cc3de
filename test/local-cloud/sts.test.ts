import { DescribeInstancesCommand, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { sts } from "tencentcloud-sdk-nodejs-sts";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_CREDENTIALS, type LocalCloud, type LocalCloudOptions } from "../../src/local-cloud/index.ts";
import { endpointAgent } from "../../src/providers/http-agent.ts";
import { cvmClient, ec2Client, failureOf, useLocalCloud } from "./support/clients.ts";

const AWS_ROLE = "arn:aws:iam::222222222222:role/PowercronSpoke";
const TENCENT_ROLE = "qcs::cam::uin/100000000002:roleName/PowercronSpoke";

const FLEET: LocalCloudOptions["fleet"] = {
  instances: [
    { provider: "aws", region: "us-east-1", instanceId: "i-0000000000000000a", state: "running" },
    {
      provider: "aws",
      region: "us-east-1",
      instanceId: "i-0000000000000000b",
      state: "running",
      account: "222222222222",
    },
    { provider: "tencent", region: "ap-guangzhou", instanceId: "ins-own00001", state: "RUNNING" },
    {
      provider: "tencent",
      region: "ap-guangzhou",
      instanceId: "ins-spoke001",
      state: "RUNNING",
      account: "100000000002",
    },
  ],
};

const localCloud = useLocalCloud();

function start(maxSessionMs?: number): Promise<LocalCloud> {
  return localCloud({
    fleet: FLEET,
    transitionMs: 0,
    sts: {
      roles: [
        { arn: AWS_ROLE, externalId: "ext-aws" },
        { arn: TENCENT_ROLE, externalId: "ext-tc" },
      ],
      ...(maxSessionMs ? { maxSessionMs } : {}),
    },
  });
}

function stsClient(cloud: LocalCloud): STSClient {
  return new STSClient({
    region: "us-east-1",
    endpoint: cloud.url,
    maxAttempts: 1,
    credentials: { ...(DEFAULT_LOCAL_CREDENTIALS.aws[0] ?? { accessKeyId: "", secretAccessKey: "" }) },
  });
}

function tencentSts(cloud: LocalCloud) {
  return new sts.v20180813.Client({
    credential: { ...(DEFAULT_LOCAL_CREDENTIALS.tencent[0] ?? { secretId: "", secretKey: "" }) },
    region: "ap-guangzhou",
    profile: {
      httpProfile: {
        endpoint: `sts.127-0-0-1.localhost:${cloud.port}`,
        protocol: "http://",
        agent: endpointAgent("http:", "127.0.0.1"),
      },
    },
  });
}

async function awsSession(cloud: LocalCloud, externalId = "ext-aws") {
  const answer = await stsClient(cloud).send(
    new AssumeRoleCommand({ RoleArn: AWS_ROLE, RoleSessionName: "powercron-test", ExternalId: externalId }),
  );
  const credentials = answer.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken)
    throw new Error("no keys");
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}

async function ec2Ids(
  cloud: LocalCloud,
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
) {
  const answer = await ec2Client(cloud, credentials ? { credentials } : {}).send(new DescribeInstancesCommand({}));
  return (answer.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId));
}

describe("local cloud STS, AWS", () => {
  it("AssumeRole issues temporary keys that see and change only the role's account", async () => {
    const cloud = await start();
    const keys = await awsSession(cloud);
    expect(keys.accessKeyId).toMatch(/^ASIA/);
    expect(keys.expiration?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(await ec2Ids(cloud)).toEqual(["i-0000000000000000a"]);
    expect(await ec2Ids(cloud, keys)).toEqual(["i-0000000000000000b"]);
    const other = await failureOf(
      ec2Client(cloud, { credentials: keys }).send(new StopInstancesCommand({ InstanceIds: ["i-0000000000000000a"] })),
    );
    expect(other.code).toBe("InvalidInstanceID.NotFound");
    await ec2Client(cloud, { credentials: keys }).send(
      new StopInstancesCommand({ InstanceIds: ["i-0000000000000000b"] }),
    );
    expect(cloud.instance("aws", "us-east-1", "i-0000000000000000b")?.state).toBe("stopped");
    expect(cloud.instance("aws", "us-east-1", "i-0000000000000000a")?.state).toBe("running");
    const calls = cloud.calls();
    expect(calls.filter((call) => call.action === "AssumeRole")).toHaveLength(1);
    expect(calls.find((call) => call.action === "AssumeRole")?.account).toBeUndefined();
    expect(calls.filter((call) => call.account === "222222222222").length).toBe(3);
    expect(cloud.stsSessions()).toEqual([
      expect.objectContaining({ provider: "aws", account: "222222222222", sessionName: "powercron-test" }),
    ]);
  });

  it.each([
    ["a wrong ExternalId", AWS_ROLE, "wrong"],
    ["an unknown role", "arn:aws:iam::333333333333:role/Nobody", "ext-aws"],
  ])("refuses %s with AccessDenied (403)", async (_, roleArn, externalId) => {
    const cloud = await start();
    const failure = await failureOf(
      stsClient(cloud).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "powercron-x", ExternalId: externalId }),
      ),
    );
    expect(failure).toMatchObject({ code: "AccessDenied", httpStatus: 403 });
    expect(cloud.stsSessions()).toEqual([]);
  });

  it("refuses expired temporary keys: EC2 RequestExpired, STS ExpiredToken", async () => {
    const cloud = await start(200);
    const keys = await awsSession(cloud);
    expect(await ec2Ids(cloud, keys)).toEqual(["i-0000000000000000b"]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(
      await failureOf(ec2Client(cloud, { credentials: keys }).send(new DescribeInstancesCommand({}))),
    ).toMatchObject({
      code: "RequestExpired",
      httpStatus: 400,
    });
    const sts = new STSClient({ region: "us-east-1", endpoint: cloud.url, maxAttempts: 1, credentials: keys });
    const again = await failureOf(
      sts.send(new AssumeRoleCommand({ RoleArn: AWS_ROLE, RoleSessionName: "powercron-y", ExternalId: "ext-aws" })),
    );
    expect(again.code).toBe("ExpiredToken");
  });
});

describe("local cloud STS, Tencent", () => {
  it("AssumeRole issues temporary keys that see and change only the role's account", async () => {
    const cloud = await start();
    const answer = await tencentSts(cloud).AssumeRole({
      RoleArn: TENCENT_ROLE,
      RoleSessionName: "powercron-test",
      ExternalId: "ext-tc",
    });
    expect(answer.ExpiredTime).toBeGreaterThan(Date.now() / 1000 + 7000);
    const credential = {
      secretId: answer.Credentials?.TmpSecretId ?? "",
      secretKey: answer.Credentials?.TmpSecretKey ?? "",
      token: answer.Credentials?.Token ?? "",
    };
    const own = await cvmClient(cloud).DescribeInstances({});
    expect(own.InstanceSet?.map((i) => i.InstanceId)).toEqual(["ins-own00001"]);
    const spoke = cvmClient(cloud, { credential });
    expect((await spoke.DescribeInstances({})).InstanceSet?.map((i) => i.InstanceId)).toEqual(["ins-spoke001"]);
    expect((await failureOf(spoke.StopInstances({ InstanceIds: ["ins-own00001"] }))).code).toBe(
      "InvalidInstanceId.NotFound",
    );
    await spoke.StopInstances({ InstanceIds: ["ins-spoke001"] });
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-spoke001")?.state).toMatch(/STOPP/);
    expect(cloud.instance("tencent", "ap-guangzhou", "ins-own00001")?.state).toBe("RUNNING");
  });

  it.each([
    ["a wrong ExternalId", TENCENT_ROLE, "wrong", "AuthFailure.UnauthorizedOperation"],
    ["an unknown role", "qcs::cam::uin/100000000003:roleName/Nobody", "ext-tc", "ResourceNotFound.RoleNotExist"],
  ])("refuses %s", async (_, roleArn, externalId, code) => {
    const cloud = await start();
    const failure = await failureOf(
      tencentSts(cloud).AssumeRole({ RoleArn: roleArn, RoleSessionName: "powercron-x", ExternalId: externalId }),
    );
    expect(failure.code).toBe(code);
  });

  it("refuses expired temporary keys with AuthFailure.TokenFailure", async () => {
    const cloud = await start(200);
    const answer = await tencentSts(cloud).AssumeRole({
      RoleArn: TENCENT_ROLE,
      RoleSessionName: "powercron-t",
      ExternalId: "ext-tc",
    });
    const credential = {
      secretId: answer.Credentials?.TmpSecretId ?? "",
      secretKey: answer.Credentials?.TmpSecretKey ?? "",
      token: answer.Credentials?.Token ?? "",
    };
    await new Promise((resolve) => setTimeout(resolve, 250));
    const failure = await failureOf(cvmClient(cloud, { credential }).DescribeInstances({}));
    expect(failure.code).toBe("AuthFailure.TokenFailure");
  });
});
