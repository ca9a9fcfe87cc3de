/**
 * What serverless.yml takes from the schedule config (through scripts/serverless-config.cjs): the functions'
 * settings, their schedule events, and the two IAM roles. Pure: config in, plain objects out.
 *
 * Two roles, each as narrow as the config allows (and the backstops of backstops.ts: Errors alarms, a failure topic):
 * - the functions' role trusts Lambda only; it may start and stop only instances that carry the management tag, only
 *   in the regions of the config's AWS groups, describe instances in those regions, write its own two log groups,
 *   and create KMS grants on the listed keys for EC2; it invokes nothing;
 * - the Scheduler role trusts EventBridge Scheduler of this account only (`aws:SourceAccount`) and may only invoke
 *   the two functions.
 * Every ARN is written with `${AWS::Partition}`, so the statements hold in aws-cn and aws-us-gov too.
 */

import type { FnSub, IamStatement } from "../../providers/index.ts";
import { descriptorOf } from "../../providers/index.ts";
import type { DeploySettings, ScheduleConfig } from "../../schedule/index.ts";

type AwsDeploySettings = DeploySettings["aws"];

import { fitName } from "../../schedule/index.ts";
import { copiedEnvironment } from "../cloud-keys-environment.ts";
import { assertDeployable, deployedEnvironment } from "../deploy-check.ts";
import { FUNCTION_NAMES, type FunctionName } from "../function-names.ts";
import { handlerString } from "../handler-string.ts";
import { type BackstopResource, backstopResources, failureDestination, failureTopicStatement } from "./backstops.ts";
import { awsEnforceTriggers } from "./enforce-schedules.ts";
import { LAMBDA_BUNDLE } from "./lambda-bundle.ts";
import type { AwsScheduleTrigger } from "./schedule-trigger.ts";
import { awsScheduleTriggers } from "./schedules.ts";

export const SERVICE_NAME = "powercron";
export const FUNCTION_ROLE_ID = "PowercronFunctionRole";
export const SCHEDULER_ROLE_ID = "PowercronSchedulerRole";

export type { FnSub };

const sub = (text: string): FnSub => ({ "Fn::Sub": text });

export interface ServerlessScheduleEvent {
  schedule: {
    method: "scheduler";
    name: string;
    description: string;
    rate: [string];
    timezone: string;
    input: string;
    roleArn: { "Fn::GetAtt": [string, "Arn"] };
  };
}

/** The deployed Lambda function's name, as the framework names it: `powercron-<stage>-<name>`. */
export function lambdaName(stage: string, name: FunctionName): string {
  return `${SERVICE_NAME}-${stage}-${name}`;
}

/** The schedule's name with the stage in it (≤ 64 characters): `powercron-<stage>-<group>-<action>`. */
export function scheduleName(stage: string, trigger: AwsScheduleTrigger): string {
  const suffix = trigger.enforce ? `-enforce-${trigger.action}` : `-${trigger.action}`;
  return fitName(`${SERVICE_NAME}-${stage}-${trigger.group}`, suffix, 64);
}

export function scheduleEvents(
  triggers: readonly AwsScheduleTrigger[],
  action: FunctionName,
  stage: string,
): ServerlessScheduleEvent[] {
  return triggers
    .filter((trigger) => trigger.action === action)
    .map((trigger) => ({
      schedule: {
        method: "scheduler",
        name: scheduleName(stage, trigger),
        description: trigger.enforce
          ? `powercron (${stage}): enforce the ${trigger.action} state of group ${trigger.group}`
          : `powercron (${stage}): ${trigger.action} group ${trigger.group}`,
        rate: [trigger.expression],
        timezone: trigger.timezone,
        input: trigger.input,
        roleArn: { "Fn::GetAtt": [SCHEDULER_ROLE_ID, "Arn"] },
      },
    }));
}

export type { IamStatement };

/** The regions of the enabled AWS groups deployed on Lambda: the only ones the role may act in. */
export function awsRegions(config: ScheduleConfig): string[] {
  const regions = new Set<string>();
  for (const group of config.groups) {
    if (group.enabled && group.platform === "aws" && group.provider === "aws") {
      for (const region of group.regions) regions.add(region);
    }
  }
  return [...regions].sort();
}

/**
 * The functions' EC2 and KMS statements: start/stop only instances that carry the management tag, in the config's
 * regions; describe (EC2 has no resource-level describe: `*`) in those regions only; kms:CreateGrant only on the
 * configured keys and only on EC2's behalf (starting an instance whose EBS volumes use a customer-managed key needs it).
 */
export function iamStatements(aws: AwsDeploySettings, regions: readonly string[]): IamStatement[] {
  const scope = { managementTag: aws.managementTag, regions, diskKeys: aws.kmsKeyArns };
  return descriptorOf("aws").permissions.compute(scope) as IamStatement[];
}

/** The functions' own log streams: their two log groups, nothing else. */
export function logStatements(stage: string): IamStatement[] {
  return [
    {
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: FUNCTION_NAMES.map((name) =>
        sub(
          `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${lambdaName(stage, name)}:*`,
        ),
      ),
    },
  ];
}

/** The two functions' ARNs (and their versions and aliases). */
export function functionArns(stage: string): FnSub[] {
  return FUNCTION_NAMES.flatMap((name) => {
    const arn = `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${lambdaName(stage, name)}`;
    return [sub(arn), sub(`${arn}:*`)];
  });
}

/**
 * The fan-out's one permission: each function may invoke itself (its own workers), nothing else. The role is the two
 * functions' one role, so each statement holds only for calls the function itself makes (lambda:SourceFunctionArn).
 */
export function workerInvokeStatements(stage: string): IamStatement[] {
  return FUNCTION_NAMES.map((name) => {
    const arn = sub(
      `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${lambdaName(stage, name)}`,
    );
    return {
      Effect: "Allow",
      Action: ["lambda:InvokeFunction"],
      Resource: [arn],
      Condition: { ArnEquals: { "lambda:SourceFunctionArn": arn } },
    } as IamStatement;
  });
}

/** Each function's own environment: the worker it fans out to is itself (src/runtime/fan-out.ts). */
export function workerEnvironment(stage: string): Record<FunctionName, Record<string, string>> {
  return {
    start: { POWER_WORKER_FUNCTION: lambdaName(stage, "start") },
    stop: { POWER_WORKER_FUNCTION: lambdaName(stage, "stop") },
  };
}

export interface IamRoleResource {
  Type: "AWS::IAM::Role";
  Properties: {
    RoleName: FnSub;
    AssumeRolePolicyDocument: { Version: "2012-10-17"; Statement: unknown[] };
    Policies: { PolicyName: string; PolicyDocument: { Version: "2012-10-17"; Statement: IamStatement[] } }[];
  };
}

function role(name: string, trust: unknown, policyName: string, statements: IamStatement[]): IamRoleResource {
  return {
    Type: "AWS::IAM::Role",
    Properties: {
      // Stage and region in the name: roles are global, the stack is regional.
      RoleName: sub(`${name}-\${AWS::Region}`),
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [trust] },
      Policies: [{ PolicyName: policyName, PolicyDocument: { Version: "2012-10-17", Statement: statements } }],
    },
  };
}

/**
 * The CloudFormation resources of both roles. `accountStatements`: the assume-role statements for the config's other
 * accounts (platforms/account-roles.ts), passed in by the wiring.
 */
export function iamRoles(
  config: ScheduleConfig,
  stage: string,
  accountStatements: readonly IamStatement[] = [],
): Record<string, IamRoleResource> {
  const aws = config.deploy.aws;
  return {
    [FUNCTION_ROLE_ID]: role(
      `${SERVICE_NAME}-${stage}-functions`,
      { Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] },
      `${SERVICE_NAME}-${stage}-functions`,
      [
        ...logStatements(stage),
        ...iamStatements(aws, awsRegions(config)),
        failureTopicStatement(config),
        ...workerInvokeStatements(stage),
        ...accountStatements,
      ],
    ),
    [SCHEDULER_ROLE_ID]: role(
      `${SERVICE_NAME}-${stage}-scheduler`,
      {
        Effect: "Allow",
        Principal: { Service: ["scheduler.amazonaws.com"] },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "aws:SourceAccount": sub("${AWS::AccountId}") } },
      },
      `${SERVICE_NAME}-${stage}-scheduler`,
      [{ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: functionArns(stage) }],
    ),
  };
}

export interface ServerlessSettings {
  region: string;
  memoryMb: number;
  timeoutSeconds: number;
  logRetentionDays: number;
  environment: Record<string, string>;
  /** Each function's own variables, over `environment`: POWER_WORKER_FUNCTION. */
  workerEnvironment: Record<FunctionName, Record<string, string>>;
  roles: Record<string, IamRoleResource>;
  /** Every resource serverless.yml adds to the stack: the roles, the Errors alarms and the failure topic. */
  resources: Record<string, IamRoleResource | BackstopResource>;
  /** Each function's on-failure destination for its asynchronous invocations. */
  destinations: ReturnType<typeof failureDestination>;
  handlers: Record<FunctionName, string>;
  events: Record<FunctionName, ServerlessScheduleEvent[]>;
}

/**
 * Everything serverless.yml reads, from one loaded config, its digest and the stage. Throws (InvalidInputError) what
 * the deploy refuses (../deploy-check.ts).
 */
export function serverlessSettings(
  config: ScheduleConfig,
  options: {
    stage: string;
    configDigest: string;
    accountStatements?: readonly IamStatement[];
    /** The deploy's environment: the alert channels' variables are copied from it (notify-environment.ts). */
    env?: Readonly<Record<string, string | undefined>>;
  },
): ServerlessSettings {
  const { stage, configDigest } = options;
  assertDeployable(config, "aws", stage);
  const aws = config.deploy.aws;
  const triggers = [...awsScheduleTriggers(config), ...awsEnforceTriggers(config)];
  const roles = iamRoles(config, stage, options.accountStatements);
  return {
    region: aws.region,
    memoryMb: aws.memoryMb,
    timeoutSeconds: aws.timeoutSeconds,
    logRetentionDays: aws.logRetentionDays,
    // POWER_CONFIG is left to its default, config/schedules.yaml in the working directory: /var/task, the zip's root.
    // POWERCRON_STAGE: the stage the stamps name (`stopped ... by <group> (<stage>)`).
    environment: deployedEnvironment(config, "aws", configDigest, {
      ...copiedEnvironment(config, "aws", options.env ?? {}).variables,
      POWERCRON_STAGE: stage,
    }),
    workerEnvironment: workerEnvironment(stage),
    roles,
    resources: { ...roles, ...backstopResources(config, stage, (name) => lambdaName(stage, name)) },
    destinations: failureDestination(config),
    handlers: { start: handlerString(LAMBDA_BUNDLE, "start"), stop: handlerString(LAMBDA_BUNDLE, "stop") },
    events: { start: scheduleEvents(triggers, "start", stage), stop: scheduleEvents(triggers, "stop", stage) },
  };
}
