/**
 * The generated IAM roles, evaluated by an IAM policy simulator (@cloud-copilot/iam-simulate), not by our own logic:
 * the functions may start and stop only tagged instances in the config's regions and nothing else; the scheduler may
 * only invoke the two functions; each role is assumable only by its own service.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../src/deploy/bundle.ts";
import { assumeRoleStatements } from "../../../src/platforms/account-roles.ts";
import type { IamStatement } from "../../../src/platforms/index.ts";
import {
  FUNCTION_ROLE_ID,
  type IamRoleResource,
  iamRoles,
  SCHEDULER_ROLE_ID,
} from "../../../src/platforms/lambda/serverless-settings.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../../src/schedule/config.ts";

/** The Lambda role's assume-role statements for the config's AWS accounts, as serverless-config.cjs passes them. */
const awsAssumeRoleStatements = (config: ScheduleConfig) => assumeRoleStatements(config, "aws") as IamStatement[];

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const TAG = "aws:ResourceTag/powercron:managed";
const KEYS = "aws:TagKeys";

let config: ScheduleConfig;
let roles: Record<string, IamRoleResource>;

/** CloudFormation's `Fn::Sub` of the pseudo parameters, as the stack would resolve them. */
function resolve(value: unknown, partition = "aws"): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, partition));
  if (value && typeof value === "object") {
    const sub = (value as { "Fn::Sub"?: string })["Fn::Sub"];
    if (typeof sub === "string") {
      return sub
        .replaceAll("${AWS::Partition}", partition)
        .replaceAll("${AWS::Region}", REGION)
        .replaceAll("${AWS::AccountId}", ACCOUNT);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, partition)]));
  }
  return value;
}

function identityPolicy(roleId: string, partition = "aws") {
  const role = resolve(roles[roleId], partition) as IamRoleResource;
  return role.Properties.Policies.map((policy) => ({ name: policy.PolicyName, policy: policy.PolicyDocument }));
}

async function decide(
  roleId: string,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
  partition = "aws",
): Promise<string> {
  const simulation: Simulation = {
    identityPolicies: identityPolicy(roleId, partition),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      principal: `arn:${partition}:iam::${ACCOUNT}:role/${roleId}`,
      action,
      resource: { resource, accountId: ACCOUNT },
      contextVariables: context,
    },
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
  return response.overallResult;
}

/** The role's trust policy as the resource policy of an sts:AssumeRole request by a service. */
async function assume(roleId: string, service: string, sourceAccount: string): Promise<string> {
  const role = resolve(roles[roleId]) as IamRoleResource;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/${roleId}`;
  const simulation: Simulation = {
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: {
      Version: "2012-10-17",
      Statement: role.Properties.AssumeRolePolicyDocument.Statement as never,
    },
    request: {
      principal: service,
      action: "sts:AssumeRole",
      resource: { resource: roleArn, accountId: ACCOUNT },
      contextVariables: { "aws:SourceAccount": sourceAccount },
    },
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
  return response.overallResult;
}

const instance = (region: string, partition = "aws") =>
  `arn:${partition}:ec2:${region}:${ACCOUNT}:instance/i-0abc12345678def90`;
const lambda = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

beforeAll(async () => {
  const source = join(REPO_ROOT, "config/schedules.yaml");
  config = parseScheduleConfig(await readFile(source, "utf8"), source);
  roles = iamRoles(config, "prod", awsAssumeRoleStatements(config));
});

describe("Function: the functions' role (IAM simulator)", () => {
  it("reads its regions from the config", () => {
    const regions = config.groups.filter((group) => group.platform === "aws").flatMap((group) => group.regions);
    expect([...new Set(regions)].sort()).toEqual(["eu-central-1", "us-east-1"]);
  });

  it.each([
    [
      "stop, tagged, us-east-1",
      "ec2:StopInstances",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1" },
      "Allowed",
    ],
    [
      "start, tagged, eu-central-1",
      "ec2:StartInstances",
      instance("eu-central-1"),
      { [TAG]: "true", "aws:RequestedRegion": "eu-central-1" },
      "Allowed",
    ],
    [
      "stop, untagged",
      "ec2:StopInstances",
      instance("us-east-1"),
      { "aws:RequestedRegion": "us-east-1" },
      "ImplicitlyDenied",
    ],
    [
      "stop, tag with another value",
      "ec2:StopInstances",
      instance("us-east-1"),
      { [TAG]: "false", "aws:RequestedRegion": "us-east-1" },
      "ImplicitlyDenied",
    ],
    [
      "stop, tagged, a region outside the config",
      "ec2:StopInstances",
      instance("ap-southeast-1"),
      { [TAG]: "true", "aws:RequestedRegion": "ap-southeast-1" },
      "ImplicitlyDenied",
    ],
    [
      "start, tagged, a region outside the config",
      "ec2:StartInstances",
      instance("us-west-2"),
      { [TAG]: "true", "aws:RequestedRegion": "us-west-2" },
      "ImplicitlyDenied",
    ],
    [
      "terminate, tagged",
      "ec2:TerminateInstances",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1" },
      "ImplicitlyDenied",
    ],
    [
      "reboot, tagged",
      "ec2:RebootInstances",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1" },
      "ImplicitlyDenied",
    ],
    [
      "tag an instance, no key named",
      "ec2:CreateTags",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1" },
      "ImplicitlyDenied",
    ],
    [
      "stamp a tagged instance (last-action)",
      "ec2:CreateTags",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1", [KEYS]: ["powercron:last-action"] },
      "Allowed",
    ],
    [
      "stamp a tagged instance (last-error)",
      "ec2:CreateTags",
      instance("eu-central-1"),
      { [TAG]: "true", "aws:RequestedRegion": "eu-central-1", [KEYS]: ["powercron:last-error"] },
      "Allowed",
    ],
    [
      "remove its last-error",
      "ec2:DeleteTags",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1", [KEYS]: ["powercron:last-error"] },
      "Allowed",
    ],
    [
      "CreateTags of another key",
      "ec2:CreateTags",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1", [KEYS]: ["owner"] },
      "ImplicitlyDenied",
    ],
    [
      "CreateTags of a stamp and another key",
      "ec2:CreateTags",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1", [KEYS]: ["powercron:last-action", "powercron:managed"] },
      "ImplicitlyDenied",
    ],
    [
      "DeleteTags of the management tag",
      "ec2:DeleteTags",
      instance("us-east-1"),
      { [TAG]: "true", "aws:RequestedRegion": "us-east-1", [KEYS]: ["powercron:managed"] },
      "ImplicitlyDenied",
    ],
    [
      "stamp an untagged instance",
      "ec2:CreateTags",
      instance("us-east-1"),
      { "aws:RequestedRegion": "us-east-1", [KEYS]: ["powercron:last-action"] },
      "ImplicitlyDenied",
    ],
    [
      "stamp a tagged instance outside the config's regions",
      "ec2:CreateTags",
      instance("ap-southeast-1"),
      { [TAG]: "true", "aws:RequestedRegion": "ap-southeast-1", [KEYS]: ["powercron:last-action"] },
      "ImplicitlyDenied",
    ],
    ["describe in a config region", "ec2:DescribeInstances", "*", { "aws:RequestedRegion": "us-east-1" }, "Allowed"],
    [
      "describe elsewhere",
      "ec2:DescribeInstances",
      "*",
      { "aws:RequestedRegion": "ap-southeast-1" },
      "ImplicitlyDenied",
    ],
    // The fan-out: a function invokes its own workers (itself), nothing else; the call is the function's own.
    [
      "stop invokes its workers (itself)",
      "lambda:InvokeFunction",
      lambda("powercron-prod-stop"),
      { "lambda:SourceFunctionArn": lambda("powercron-prod-stop") },
      "Allowed",
    ],
    [
      "start invokes its workers (itself)",
      "lambda:InvokeFunction",
      lambda("powercron-prod-start"),
      { "lambda:SourceFunctionArn": lambda("powercron-prod-start") },
      "Allowed",
    ],
    [
      "stop invokes start",
      "lambda:InvokeFunction",
      lambda("powercron-prod-start"),
      { "lambda:SourceFunctionArn": lambda("powercron-prod-stop") },
      "ImplicitlyDenied",
    ],
    [
      "stop invokes a version of itself",
      "lambda:InvokeFunction",
      `${lambda("powercron-prod-stop")}:3`,
      { "lambda:SourceFunctionArn": lambda("powercron-prod-stop") },
      "ImplicitlyDenied",
    ],
    [
      "stop invokes another stage's stop",
      "lambda:InvokeFunction",
      lambda("powercron-dev-stop"),
      { "lambda:SourceFunctionArn": lambda("powercron-prod-stop") },
      "ImplicitlyDenied",
    ],
    [
      "stop invokes any other function",
      "lambda:InvokeFunction",
      lambda("payroll"),
      { "lambda:SourceFunctionArn": lambda("powercron-prod-stop") },
      "ImplicitlyDenied",
    ],
    [
      "the role's keys used outside the function invoke stop",
      "lambda:InvokeFunction",
      lambda("powercron-prod-stop"),
      {},
      "ImplicitlyDenied",
    ],
    ["pass a role", "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/admin`, {}, "ImplicitlyDenied"],
    [
      "write its own log",
      "logs:PutLogEvents",
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/powercron-prod-stop:log-stream:x`,
      {},
      "Allowed",
    ],
    [
      "write another function's log",
      "logs:PutLogEvents",
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/other:log-stream:x`,
      {},
      "ImplicitlyDenied",
    ],
  ])("%s: %s → %s", async (_label, action, resource, context, expected) => {
    expect(await decide(FUNCTION_ROLE_ID, action, resource, context as Record<string, string | string[]>)).toBe(
      expected,
    );
  });

  it("holds in another partition: aws-cn instances by the same tag and region rule", async () => {
    const context = { [TAG]: "true", "aws:RequestedRegion": "us-east-1" };
    expect(
      await decide(FUNCTION_ROLE_ID, "ec2:StopInstances", instance("us-east-1", "aws-cn"), context, "aws-cn"),
    ).toBe("Allowed");
  });

  it("follows the config's management tag", async () => {
    const source = join(REPO_ROOT, "config/schedules.yaml");
    const text = (await readFile(source, "utf8")).replace(
      'managementTag: { key: "powercron:managed", value: "true" }',
      'managementTag: { key: "owner", value: "ops" }',
    );
    const parsed = parseScheduleConfig(text, source);
    roles = iamRoles(parsed, "prod", awsAssumeRoleStatements(parsed));
    try {
      const region = { "aws:RequestedRegion": "us-east-1" };
      expect(
        await decide(FUNCTION_ROLE_ID, "ec2:StopInstances", instance("us-east-1"), {
          ...region,
          "aws:ResourceTag/owner": "ops",
        }),
      ).toBe("Allowed");
      expect(
        await decide(FUNCTION_ROLE_ID, "ec2:StopInstances", instance("us-east-1"), { ...region, [TAG]: "true" }),
      ).toBe("ImplicitlyDenied");
    } finally {
      roles = iamRoles(config, "prod", awsAssumeRoleStatements(config));
    }
  });

  it("lists the organisation and assumes only the spoke role's name in a member, for a group with accounts: {organization}", async () => {
    const source = join(REPO_ROOT, "config/schedules.yaml");
    const text = (await readFile(source, "utf8")).replace(
      "groups:\n",
      'groups:\n  - {name: org-fleet, provider: aws, accounts: {organization: {role: PowercronSpoke}}, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}\n',
    );
    const parsed = parseScheduleConfig(text, source);
    const member = (role: string) => `arn:aws:iam::444455556666:role/${role}`;
    try {
      // Without such a group: no listing, no member role.
      expect(await decide(FUNCTION_ROLE_ID, "organizations:ListAccounts", "*")).toBe("ImplicitlyDenied");
      expect(await decide(FUNCTION_ROLE_ID, "sts:AssumeRole", member("PowercronSpoke"))).toBe("ImplicitlyDenied");
      roles = iamRoles(parsed, "prod", awsAssumeRoleStatements(parsed));
      expect(await decide(FUNCTION_ROLE_ID, "organizations:ListAccounts", "*")).toBe("Allowed");
      expect(
        await decide(
          FUNCTION_ROLE_ID,
          "organizations:ListAccountsForParent",
          "arn:aws:organizations::111122223333:ou/o-abc/ou-ab12-cd34ef56",
        ),
      ).toBe("Allowed");
      expect(await decide(FUNCTION_ROLE_ID, "sts:AssumeRole", member("PowercronSpoke"))).toBe("Allowed");
      expect(await decide(FUNCTION_ROLE_ID, "sts:AssumeRole", member("OrganizationAccountAccessRole"))).toBe(
        "ImplicitlyDenied",
      );
      expect(await decide(FUNCTION_ROLE_ID, "organizations:CreateAccount", "*")).toBe("ImplicitlyDenied");
    } finally {
      roles = iamRoles(config, "prod", awsAssumeRoleStatements(config));
    }
  });

  it("may be assumed by Lambda only", async () => {
    expect(await assume(FUNCTION_ROLE_ID, "lambda.amazonaws.com", ACCOUNT)).toBe("Allowed");
    expect(await assume(FUNCTION_ROLE_ID, "scheduler.amazonaws.com", ACCOUNT)).toBe("ImplicitlyDenied");
  });
});

describe("Function: the scheduler's role (IAM simulator)", () => {
  it.each([
    ["invoke powercron-prod-start", "lambda:InvokeFunction", lambda("powercron-prod-start"), "Allowed"],
    ["invoke powercron-prod-stop", "lambda:InvokeFunction", lambda("powercron-prod-stop"), "Allowed"],
    ["invoke a version of stop", "lambda:InvokeFunction", `${lambda("powercron-prod-stop")}:3`, "Allowed"],
    ["invoke another stage's function", "lambda:InvokeFunction", lambda("powercron-dev-stop"), "ImplicitlyDenied"],
    ["invoke any other function", "lambda:InvokeFunction", lambda("payroll"), "ImplicitlyDenied"],
    ["change a function's code", "lambda:UpdateFunctionCode", lambda("powercron-prod-stop"), "ImplicitlyDenied"],
    ["start an instance", "ec2:StartInstances", instance("us-east-1"), "ImplicitlyDenied"],
    ["stop an instance", "ec2:StopInstances", instance("us-east-1"), "ImplicitlyDenied"],
  ])("%s: %s → %s", async (_label, action, resource, expected) => {
    const context: Record<string, string> = action.startsWith("ec2:")
      ? { [TAG]: "true", "aws:RequestedRegion": "us-east-1" }
      : {};
    expect(await decide(SCHEDULER_ROLE_ID, action, resource, context)).toBe(expected);
  });

  it("may be assumed by EventBridge Scheduler of this account only", async () => {
    expect(await assume(SCHEDULER_ROLE_ID, "scheduler.amazonaws.com", ACCOUNT)).toBe("Allowed");
    expect(await assume(SCHEDULER_ROLE_ID, "scheduler.amazonaws.com", "444455556666")).toBe("ImplicitlyDenied");
    expect(await assume(SCHEDULER_ROLE_ID, "lambda.amazonaws.com", ACCOUNT)).toBe("ImplicitlyDenied");
  });
});
