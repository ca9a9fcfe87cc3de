/**
 * Many accounts, on the deploy side: the hub's permission to assume exactly the config's account roles (Lambda role
 * and SCF execution role), and the spoke templates each other account installs: an AWS CloudFormation role trusting
 * only the hub's function role with an ExternalId, and the Tencent CAM role's trust and policy. Both spokes may start
 * and stop only instances that carry the management tag (deploy.aws.managementTag, as in the hub), and describe.
 */
import type { ProviderName } from "../domain/index.ts";
import type { IamStatement } from "../platforms/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";
import type { CamPolicy, CamStatement } from "./policy-statements.ts";

/** The role name the spoke templates create by default (the config's roleArn must name it). */
export const SPOKE_ROLE_NAME = "PowercronSpoke";

function roleArns(config: ScheduleConfig, provider: ProviderName): string[] {
  return [...new Set(config.accounts.filter((a) => a.provider === provider).map((a) => a.roleArn))].sort();
}

/** The Lambda role's `sts:AssumeRole` on exactly the configured AWS roles; none without AWS accounts. */
export function awsAssumeRoleStatements(config: ScheduleConfig): IamStatement[] {
  const arns = roleArns(config, "aws");
  return arns.length === 0 ? [] : [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: arns }];
}

/** The SCF execution role's `sts:AssumeRole` on exactly the configured Tencent roles; none without Tencent accounts. */
export function tencentAssumeRoleStatements(config: ScheduleConfig): CamStatement[] {
  const arns = roleArns(config, "tencent");
  return arns.length === 0 ? [] : [{ effect: "allow", action: ["sts:AssumeRole"], resource: arns }];
}

/**
 * infra/aws/spoke-role.json: deploy it in each other AWS account (`aws cloudformation deploy --template-file ...
 * --parameter-overrides HubRoleArn=... ExternalId=... --capabilities CAPABILITY_NAMED_IAM`).
 */
export function awsSpokeTemplate(config: ScheduleConfig): Record<string, unknown> {
  const { key, value } = config.deploy.aws.managementTag;
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `powercron spoke role: the hub's function role may start and stop EC2 instances tagged ${key}=${value} in this account`,
    Parameters: {
      HubRoleArn: {
        Type: "String",
        AllowedPattern: "^arn:aws[a-z-]*:iam::\\d{12}:role/.+$",
        Description:
          "The hub's Lambda function role (powercron-<stage>-functions-<region>), the only principal trusted",
      },
      ExternalId: {
        Type: "String",
        MinLength: 2,
        AllowedPattern: "^[\\w+=,.@:/-]+$",
        NoEcho: true,
        Description: "The config's accounts[].externalId for this account",
      },
      RoleName: { Type: "String", Default: SPOKE_ROLE_NAME },
    },
    Resources: {
      PowercronSpokeRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: { Ref: "RoleName" },
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: { Ref: "HubRoleArn" } },
                Action: ["sts:AssumeRole"],
                Condition: { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } },
              },
            ],
          },
          Policies: [
            {
              PolicyName: "powercron-spoke",
              PolicyDocument: {
                Version: "2012-10-17",
                Statement: [
                  {
                    Effect: "Allow",
                    Action: ["ec2:StartInstances", "ec2:StopInstances"],
                    Resource: { "Fn::Sub": "arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:instance/*" },
                    Condition: { StringEquals: { [`aws:ResourceTag/${key}`]: value } },
                  },
                  { Effect: "Allow", Action: ["ec2:DescribeInstances"], Resource: "*" },
                ],
              },
            },
          ],
        },
      },
    },
    Outputs: { RoleArn: { Value: { "Fn::GetAtt": ["PowercronSpokeRole", "Arn"] } } },
  };
}

/**
 * infra/tencent/spoke-trust-policy.json: the trust of the spoke role in each other Tencent account. Replace
 * `<hub-uin>` with the hub account's uin and `<external-id>` with the config's accounts[].externalId for this account.
 */
export function tencentSpokeTrustPolicy(config: ScheduleConfig): CamPolicy {
  const hubRole = config.deploy.scf.role ?? "SCF_PowercronRole";
  return {
    version: "2.0",
    statement: [
      {
        effect: "allow",
        action: ["name/sts:AssumeRole"],
        principal: { qcs: [`qcs::cam::uin/<hub-uin>:roleName/${hubRole}`] },
        condition: { string_equal: { "sts:external_id": ["<external-id>"] } },
      },
    ],
  };
}

/** infra/tencent/spoke-policy.json: start/stop only CVM instances with the management tag (any region), describe. */
export function tencentSpokePolicy(config: ScheduleConfig): CamPolicy {
  const { key, value } = config.deploy.aws.managementTag;
  return {
    version: "2.0",
    statement: [
      {
        effect: "allow",
        action: ["cvm:StartInstances", "cvm:StopInstances"],
        resource: ["qcs::cvm::uin/*:instance/*"],
        condition: { "for_any_value:string_equal": { "qcs:resource_tag": [`${key}&${value}`] } },
      },
      { effect: "allow", action: ["cvm:DescribeInstances"], resource: ["*"] },
    ],
  };
}
