/**
 * The local cloud's organisations, through the real SDKs: AWS Organizations (JSON 1.1, SigV4) and Tencent Cloud
 * Organization (TC3, through the common client), seeded with generated members, paged as the APIs page, faulted as
 * every other call, and every member's spoke role assumable through the local STS.
 */

import { DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  OrganizationsClient,
  paginateListAccounts,
} from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LOCAL_CREDENTIALS,
  generatedMemberIds,
  generateOrganizationFleet,
  type LocalCloud,
  type LocalCloudOptions,
} from "../../src/local-cloud/index.ts";
import { tencentHttpProfile } from "../../src/providers/tencent/tencent-http-profile.ts";
import { failureOf, useLocalCloud } from "./support/clients.ts";

const OU_A = "ou-ab12-aaaaaaaa";
const OU_B = "ou-ab12-bbbbbbbb";
const localCloud = useLocalCloud();
const awsKeys = { ...(DEFAULT_LOCAL_CREDENTIALS.aws[0] ?? { accessKeyId: "", secretAccessKey: "" }) };

function start(options: Partial<LocalCloudOptions> = {}): Promise<LocalCloud> {
  return localCloud({
    fleet: { instances: [] },
    organizations: { aws: { members: 45, units: [OU_A, OU_B] }, tencent: { members: 120 } },
    ...options,
  });
}

const organizations = (cloud: LocalCloud, credentials = awsKeys) =>
  new OrganizationsClient({ region: "us-east-1", endpoint: cloud.url, maxAttempts: 1, credentials });

function tencentOrganization(cloud: LocalCloud): CommonClient {
  return new CommonClient("organization.tencentcloudapi.com", "2021-03-31", {
    credential: { ...(DEFAULT_LOCAL_CREDENTIALS.tencent[0] ?? { secretId: "", secretKey: "" }) },
    region: "ap-guangzhou",
    profile: { httpProfile: tencentHttpProfile("organization", cloud.url, 5000) },
  });
}

async function allAccounts(client: OrganizationsClient): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) {
    ids.push(...(page.Accounts ?? []).map((account) => account.Id ?? ""));
  }
  return ids;
}

describe("local AWS Organizations", () => {
  it("ListAccounts pages every member, 20 at most a page, with NextToken", async () => {
    const cloud = await start();
    expect(await allAccounts(organizations(cloud))).toEqual(generatedMemberIds(45));
    const pages = cloud.calls().filter((call) => call.action === "ListAccounts");
    expect(pages.map((call) => call.service)).toEqual(["organizations", "organizations", "organizations"]);
    const first = await organizations(cloud).send(new ListAccountsCommand({ MaxResults: 20 }));
    expect(first.Accounts?.[0]).toMatchObject({ Id: generatedMemberIds(1)[0], Status: "ACTIVE", Name: "member-1" });
  });

  it("refuses MaxResults above 20, as the API does", async () => {
    const cloud = await start();
    const failure = await failureOf(organizations(cloud).send(new ListAccountsCommand({ MaxResults: 21 })));
    expect(failure.code).toBe("InvalidInputException");
  });

  it("ListAccountsForParent lists only the members directly under that OU", async () => {
    const cloud = await start();
    const answer = await organizations(cloud).send(
      new ListAccountsForParentCommand({ ParentId: OU_B, MaxResults: 20 }),
    );
    const ids = generatedMemberIds(45).filter((_, index) => index % 2 === 1);
    expect(answer.Accounts?.map((account) => account.Id)).toEqual(ids.slice(0, 20));
    const unknown = await failureOf(
      organizations(cloud).send(new ListAccountsForParentCommand({ ParentId: "ou-ab12-cccccccc" })),
    );
    expect(unknown.code).toBe("ParentNotFoundException");
  });

  it("answers the injected faults in Organizations' words", async () => {
    const cloud = await start({ faults: { ListAccounts: { at: { "1": "denied", "2": "throttle" } } } });
    const denied = await failureOf(organizations(cloud).send(new ListAccountsCommand({})));
    const throttled = await failureOf(organizations(cloud).send(new ListAccountsCommand({})));
    expect([denied.code, throttled.code]).toEqual(["AccessDeniedException", "TooManyRequestsException"]);
  });

  it("a member's keys may not list the organisation; a cloud with no organisation says so", async () => {
    const cloud = await start();
    const [member] = generatedMemberIds(1);
    const sts = new STSClient({ region: "us-east-1", endpoint: cloud.url, maxAttempts: 1, credentials: awsKeys });
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/PowercronSpoke`, RoleSessionName: "powercron-t" }),
    );
    const keys = assumed.Credentials;
    const memberKeys = {
      accessKeyId: keys?.AccessKeyId ?? "",
      secretAccessKey: keys?.SecretAccessKey ?? "",
      sessionToken: keys?.SessionToken ?? "",
    };
    const refused = await failureOf(organizations(cloud, memberKeys).send(new ListAccountsCommand({})));
    expect(refused.code).toBe("AccessDeniedException");
    const none = await start({ organizations: {} });
    expect((await failureOf(organizations(none).send(new ListAccountsCommand({})))).code).toBe(
      "AWSOrganizationsNotInUseException",
    );
  });

  it("a member added while the cloud runs is listed, and its role assumable, from the next call on", async () => {
    const cloud = await start({ organizations: { aws: { members: 2 } } });
    cloud.organizations.addMember("aws", { id: "333333333333", name: "newcomer" });
    expect(await allAccounts(organizations(cloud))).toEqual([...generatedMemberIds(2), "333333333333"]);
    const sts = new STSClient({ region: "us-east-1", endpoint: cloud.url, maxAttempts: 1, credentials: awsKeys });
    await sts.send(
      new AssumeRoleCommand({ RoleArn: "arn:aws:iam::333333333333:role/PowercronSpoke", RoleSessionName: "p-t" }),
    );
    expect(cloud.stsSessions().map((session) => session.account)).toEqual(["333333333333"]);
  });
});

describe("local Tencent Cloud Organization", () => {
  it("DescribeOrganizationMembers pages with Offset and Limit (at most 50), answering Items and Total", async () => {
    const cloud = await start();
    const client = tencentOrganization(cloud);
    const uins: number[] = [];
    for (let offset = 0; ; offset += 50) {
      const answer = (await client.request("DescribeOrganizationMembers", { Offset: offset, Limit: 50 })) as {
        Items: { MemberUin: number }[];
        Total: number;
      };
      expect(answer.Total).toBe(120);
      uins.push(...answer.Items.map((item) => item.MemberUin));
      if (offset + 50 >= answer.Total) break;
    }
    expect(uins.map(String)).toEqual(generatedMemberIds(120));
    const tooMany = await failureOf(client.request("DescribeOrganizationMembers", { Offset: 0, Limit: 51 }));
    expect(tooMany.code).toBe("InvalidParameter.LimitExceeded");
  });
});

describe("local STS for an organisation of hundreds of members", () => {
  it("assumes each of 300 members' spoke role, and each session sees only its member's instances", async () => {
    const fleet = {
      instances: generateOrganizationFleet({ provider: "aws", members: 300, perAccount: 2, region: "us-east-1" }),
    };
    const cloud = await start({ fleet, organizations: { aws: { members: 300 } } });
    const sts = new STSClient({ region: "us-east-1", endpoint: cloud.url, maxAttempts: 1, credentials: awsKeys });
    const ids = generatedMemberIds(300);
    const sessions = [];
    for (let from = 0; from < ids.length; from += 20) {
      sessions.push(
        ...(await Promise.all(
          ids
            .slice(from, from + 20)
            .map((id) =>
              sts.send(
                new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${id}:role/PowercronSpoke`, RoleSessionName: "p-t" }),
              ),
            ),
        )),
      );
    }
    expect(cloud.stsSessions()).toHaveLength(300);
    const last = sessions.at(-1)?.Credentials;
    const ec2 = new EC2Client({
      region: "us-east-1",
      endpoint: cloud.url,
      maxAttempts: 1,
      credentials: {
        accessKeyId: last?.AccessKeyId ?? "",
        secretAccessKey: last?.SecretAccessKey ?? "",
        sessionToken: last?.SessionToken ?? "",
      },
    });
    const seen = await ec2.send(new DescribeInstancesCommand({}));
    const instances = (seen.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
    expect(instances.map((instance) => instance.InstanceId)).toEqual(
      fleet.instances.filter((instance) => instance.account === ids.at(-1)).map((instance) => instance.instanceId),
    );
  });
});
