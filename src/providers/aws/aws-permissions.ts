/**
 * AWS IAM statements the deploys and `npm run infra` write for EC2: start and stop only instances that carry the
 * management tag, in the functions' regions; tag them with powercron's stamps only; describe; kms:CreateGrant on the configured keys on EC2's behalf; assume
 * exactly the config's account roles; and the spoke role's CloudFormation template.
 */

import { STAMP_TAG_KEYS } from "../../domain/index.ts";

/** A CloudFormation string with `${AWS::Partition}`-style references. */
export interface FnSub {
  "Fn::Sub": string;
}
const sub = (text: string): FnSub => ({ "Fn::Sub": text });

export interface IamStatement {
  Effect: "Allow";
  Action: string[];
  Resource: string | FnSub | (string | FnSub)[];
  Condition?: Record<string, Record<string, string | string[] | FnSub>>;
}

/**
 * The stamps: CreateTags / DeleteTags only of powercron's own keys (every key of the request one of them, and at
 * least one key: a DeleteTags without keys would remove every tag) and only on instances that carry the management
 * tag (`aws:ResourceTag`); `extra` narrows further (the regions).
 */
function stampStatement(
  managementTag: { readonly key: string; readonly value: string },
  extra: Record<string, string[]> = {},
): IamStatement {
  return {
    Effect: "Allow",
    Action: ["ec2:CreateTags", "ec2:DeleteTags"],
    Resource: sub("arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:instance/*"),
    Condition: {
      StringEquals: { [`aws:ResourceTag/${managementTag.key}`]: managementTag.value, ...extra },
      "ForAllValues:StringEquals": { "aws:TagKeys": [...STAMP_TAG_KEYS] },
      Null: { "aws:TagKeys": "false" },
    },
  };
}

export interface Ec2Scope {
  readonly managementTag: { readonly key: string; readonly value: string };
  readonly regions: readonly string[];
  /** Customer-managed keys of the instances' EBS volumes: starting them needs a grant. */
  readonly kmsKeyArns: readonly string[];
}

/**
 * Start/stop only instances that carry the management tag, in the regions; describe (EC2 has no resource-level
 * describe: `*`) in those regions only; kms:CreateGrant only on the configured keys and only on EC2's behalf.
 */
export function ec2Statements(scope: Ec2Scope): IamStatement[] {
  const inRegions = { "aws:RequestedRegion": [...scope.regions] };
  const { key, value } = scope.managementTag;
  const statements: IamStatement[] = [
    {
      Effect: "Allow",
      Action: ["ec2:StartInstances", "ec2:StopInstances"],
      Resource: sub("arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:instance/*"),
      Condition: { StringEquals: { [`aws:ResourceTag/${key}`]: value, ...inRegions } },
    },
    stampStatement(scope.managementTag, inRegions),
    { Effect: "Allow", Action: ["ec2:DescribeInstances"], Resource: "*", Condition: { StringEquals: inRegions } },
  ];
  if (scope.kmsKeyArns.length > 0) {
    statements.push({
      Effect: "Allow",
      Action: ["kms:CreateGrant"],
      Resource: [...scope.kmsKeyArns],
      Condition: {
        StringLike: { "kms:ViaService": "ec2.*.amazonaws.com" },
        Bool: { "kms:GrantIsForAWSResource": "true" },
      },
    });
  }
  return statements;
}

/** `sts:AssumeRole` on exactly these roles; none without any. */
export function awsAssumeRoleStatements(roleArns: readonly string[]): IamStatement[] {
  return roleArns.length === 0 ? [] : [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [...roleArns] }];
}

/**
 * Listing the organisation's accounts (`accounts: {organization}` without `via`): ListAccounts and
 * ListAccountsForParent, read-only. Organizations' listing actions take no resource but `*` (the Service
 * Authorization Reference lists no resource type for ListAccounts).
 */
export function awsOrganizationListStatements(): IamStatement[] {
  return [
    {
      Effect: "Allow",
      Action: ["organizations:ListAccounts", "organizations:ListAccountsForParent"],
      Resource: "*",
    },
  ];
}

/** A spoke account's role: start/stop only instances with the management tag, in any region; describe. */
export function awsSpokeStatements(managementTag: { readonly key: string; readonly value: string }): IamStatement[] {
  return [
    {
      Effect: "Allow",
      Action: ["ec2:StartInstances", "ec2:StopInstances"],
      Resource: sub("arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:instance/*"),
      Condition: { StringEquals: { [`aws:ResourceTag/${managementTag.key}`]: managementTag.value } },
    },
    stampStatement(managementTag),
    { Effect: "Allow", Action: ["ec2:DescribeInstances"], Resource: "*" },
  ];
}

/**
 * The spoke role's template: deploy it in each other AWS account (`aws cloudformation deploy --template-file ...
 * --parameter-overrides HubRoleArn=... ExternalId=... --capabilities CAPABILITY_NAMED_IAM`).
 */
export function awsSpokeTemplate(
  managementTag: { readonly key: string; readonly value: string },
  roleName: string,
): Record<string, unknown> {
  const { key, value } = managementTag;
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
      RoleName: { Type: "String", Default: roleName },
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
              PolicyDocument: { Version: "2012-10-17", Statement: awsSpokeStatements(managementTag) },
            },
          ],
        },
      },
    },
    Outputs: { RoleArn: { Value: { "Fn::GetAtt": ["PowercronSpokeRole", "Arn"] } } },
  };
}
