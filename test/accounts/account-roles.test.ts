/**
 * The deploy side of many accounts, evaluated by an IAM policy simulator (@cloud-copilot/iam-simulate): the hub's
 * function role may assume exactly the configured roles; the spoke role trusts only the hub's role with the
 * ExternalId, and may start and stop only tagged instances. The files in infra/ are what `npm run infra` generates.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";
import { spokeFiles } from "../../src/deploy/infra-files.ts";
import { assumeRoleStatements } from "../../src/platforms/account-roles.ts";
import type { IamStatement } from "../../src/platforms/index.ts";
import { FUNCTION_ROLE_ID, iamRoles } from "../../src/platforms/lambda/serverless-settings.ts";
import { scfExecutionPolicy } from "../../src/platforms/scf/scf-policies.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";

/** The Lambda role's assume-role statements for the config's AWS accounts, as serverless-config.cjs passes them. */
const awsAssumeRoleStatements = (config: ScheduleConfig) => assumeRoleStatements(config, "aws") as IamStatement[];

/** The spoke files `npm run infra` writes for each cloud, as the tests used to name them. */
const awsSpokeTemplate = (config: ScheduleConfig) =>
  spokeFiles(config)["aws/spoke-role.json"] as Record<string, unknown>;
const tencentSpokePolicy = (config: ScheduleConfig) => spokeFiles(config)["tencent/spoke-policy.json"];

const HUB = "111122223333";
const SPOKE = "222233334444";
const ROLE_A = `arn:aws:iam::${SPOKE}:role/PowercronSpoke`;
const ROLE_B = "qcs::cam::uin/100000000002:roleName/PowercronSpoke";
const HUB_ROLE = `arn:aws:iam::${HUB}:role/powercron-prod-functions-us-east-1`;

const CONFIG = parseScheduleConfig(
  `
accounts:
  - {name: team-a, provider: aws, roleArn: "${ROLE_A}", externalId: ext-a}
  - {name: team-b, provider: tencent, roleArn: "${ROLE_B}"}
groups:
  - {name: g, provider: aws, account: team-a, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`,
  "accounts.yaml",
);
const PLAIN = parseScheduleConfig(
  `groups:\n  - {name: g, provider: aws, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}\n`,
  "plain.yaml",
);

async function simulate(simulation: Omit<Simulation, "serviceControlPolicies" | "resourceControlPolicies">) {
  const response = await runSimulation(
    { serviceControlPolicies: [], resourceControlPolicies: [], ...simulation } as Simulation,
    {},
  );
  if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
  return response.overallResult;
}

/** CloudFormation's `Fn::Sub` of the pseudo parameters, as the hub's stack would resolve them. */
function resolveSubs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveSubs);
  if (value && typeof value === "object") {
    const sub = (value as { "Fn::Sub"?: string })["Fn::Sub"];
    if (typeof sub === "string") {
      return sub
        .replaceAll("${AWS::Partition}", "aws")
        .replaceAll("${AWS::Region}", "us-east-1")
        .replaceAll("${AWS::AccountId}", HUB);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveSubs(item)]));
  }
  return value;
}

function hubPolicies(config = CONFIG) {
  const role = iamRoles(config, "prod", awsAssumeRoleStatements(config))[FUNCTION_ROLE_ID];
  return resolveSubs(role?.Properties.Policies.map((p) => ({ name: p.PolicyName, policy: p.PolicyDocument }))) as never;
}

async function hubMayAssume(roleArn: string, config = CONFIG): Promise<string> {
  // Cross-account: the spoke's trust (from the template) allows the hub; the hub's own policy decides.
  const trust = spokeRole("ext-a").Properties.AssumeRolePolicyDocument.Statement;
  return simulate({
    identityPolicies: hubPolicies(config),
    resourcePolicy: { Version: "2012-10-17", Statement: trust },
    request: {
      principal: HUB_ROLE,
      action: "sts:AssumeRole",
      resource: { resource: roleArn, accountId: roleArn.split(":")[4] ?? "" },
      contextVariables: { "sts:ExternalId": "ext-a" },
    },
  });
}

/** The spoke template with its parameters and pseudo parameters resolved, as CloudFormation would. */
function spokeRole(externalId: string) {
  const text = JSON.stringify((awsSpokeTemplate(CONFIG).Resources as Record<string, unknown>).PowercronSpokeRole)
    .replaceAll('{"Ref":"HubRoleArn"}', JSON.stringify(HUB_ROLE))
    .replaceAll('{"Ref":"ExternalId"}', JSON.stringify(externalId))
    .replaceAll('{"Ref":"RoleName"}', '"PowercronSpoke"')
    .replaceAll(
      '{"Fn::Sub":"arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:instance/*"}',
      `"arn:aws:ec2:*:${SPOKE}:instance/*"`,
    );
  return JSON.parse(text) as {
    Properties: {
      AssumeRolePolicyDocument: { Statement: never };
      Policies: { PolicyName: string; PolicyDocument: unknown }[];
    };
  };
}

describe("the hub's function role", () => {
  it.each([
    [ROLE_A, "Allowed"],
    [`arn:aws:iam::${SPOKE}:role/SomethingElse`, "ImplicitlyDenied"],
    [`arn:aws:iam::999988887777:role/PowercronSpoke`, "ImplicitlyDenied"],
  ])("may assume %s: %s", async (roleArn, expected) => {
    expect(await hubMayAssume(roleArn)).toBe(expected);
  });

  it("may assume nothing when the config has no accounts", async () => {
    expect(await hubMayAssume(ROLE_A, PLAIN)).toBe("ImplicitlyDenied");
  });

  it("the SCF execution policy allows sts:AssumeRole on exactly the Tencent roles", () => {
    const statements = scfExecutionPolicy(CONFIG).statement.filter((s) => s.action.includes("sts:AssumeRole"));
    expect(statements).toEqual([{ effect: "allow", action: ["sts:AssumeRole"], resource: [ROLE_B] }]);
    expect(scfExecutionPolicy(PLAIN).statement.some((s) => s.action.includes("sts:AssumeRole"))).toBe(false);
  });
});

describe("the AWS spoke role template", () => {
  async function assume(principal: string, externalId: string | undefined): Promise<string> {
    const role = spokeRole("ext-a");
    // Cross-account: the caller's own policy allows the call (the hub's statement); the trust decides.
    const callerPolicy = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
    };
    return simulate({
      identityPolicies: [{ name: "hub", policy: callerPolicy }],
      resourcePolicy: { Version: "2012-10-17", Statement: role.Properties.AssumeRolePolicyDocument.Statement },
      request: {
        principal,
        action: "sts:AssumeRole",
        resource: { resource: ROLE_A, accountId: SPOKE },
        contextVariables: externalId === undefined ? {} : { "sts:ExternalId": externalId },
      },
    });
  }

  it.each([
    ["the hub's role with the ExternalId", HUB_ROLE, "ext-a", "Allowed"],
    ["the hub's role with another ExternalId", HUB_ROLE, "ext-b", "ImplicitlyDenied"],
    ["the hub's role without ExternalId", HUB_ROLE, undefined, "ImplicitlyDenied"],
    ["another role of the hub account", `arn:aws:iam::${HUB}:role/Other`, "ext-a", "ImplicitlyDenied"],
  ])("trusts %s: %s", async (_, principal, externalId, expected) => {
    expect(await assume(principal, externalId)).toBe(expected);
  });

  async function act(action: string, tags: Record<string, string>): Promise<string> {
    const role = spokeRole("ext-a");
    return simulate({
      identityPolicies: role.Properties.Policies.map((p) => ({
        name: p.PolicyName,
        policy: p.PolicyDocument,
      })) as never,
      request: {
        principal: ROLE_A,
        action,
        resource: { resource: `arn:aws:ec2:us-east-1:${SPOKE}:instance/i-0abc12345678def90`, accountId: SPOKE },
        contextVariables: Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v])),
      },
    });
  }

  it.each([
    ["ec2:StopInstances", { "powercron:managed": "true" }, "Allowed"],
    ["ec2:StartInstances", { "powercron:managed": "true" }, "Allowed"],
    ["ec2:StopInstances", {}, "ImplicitlyDenied"],
    ["ec2:StopInstances", { "powercron:managed": "false" }, "ImplicitlyDenied"],
    ["ec2:TerminateInstances", { "powercron:managed": "true" }, "ImplicitlyDenied"],
  ])("lets the hub %s an instance tagged %j: %s", async (action, tags, expected) => {
    expect(await act(action, tags)).toBe(expected);
  });
});

describe("infra/ holds what `npm run infra` generates from config/schedules.yaml", () => {
  it("infra/aws/spoke-role.json and the Tencent spoke policy", async () => {
    const source = join(REPO_ROOT, "config/schedules.yaml");
    const repo = parseScheduleConfig(await readFile(source, "utf8"), source);
    const onDisk = JSON.parse(await readFile(join(REPO_ROOT, "infra/aws/spoke-role.json"), "utf8"));
    expect(onDisk).toEqual(awsSpokeTemplate(repo));
    const tencent = JSON.parse(await readFile(join(REPO_ROOT, "infra/tencent/spoke-policy.json"), "utf8"));
    expect(tencent).toEqual(tencentSpokePolicy(repo));
    const { key, value } = repo.deploy.aws.managementTag;
    expect(JSON.stringify(onDisk)).toContain(`aws:ResourceTag/${key}`);
    expect(JSON.stringify(tencent)).toContain(`${key}&${value}`);
  });
});
