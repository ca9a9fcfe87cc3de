/**
 * What serverless.yml takes from the schedule config (through scripts/serverless-config.cjs): the functions'
 * settings, their schedule events and the least-privilege IAM statements. Pure: config in, plain objects out.
 */
import type { AwsDeploySettings, ScheduleConfig } from "../schedule/config.ts";
import { type AwsScheduleTrigger, awsScheduleTriggers } from "../schedule/triggers.ts";
import { type FunctionName, handlerString } from "./bundle.ts";

export interface ServerlessScheduleEvent {
  schedule: {
    method: "scheduler";
    name: string;
    description: string;
    rate: [string];
    timezone: string;
    input: string;
  };
}

export function scheduleEvents(
  triggers: readonly AwsScheduleTrigger[],
  action: FunctionName,
): ServerlessScheduleEvent[] {
  return triggers
    .filter((trigger) => trigger.action === action)
    .map((trigger) => ({
      schedule: {
        method: "scheduler",
        name: trigger.name,
        description: `powercron: ${trigger.action} group ${trigger.group}`,
        rate: [trigger.expression],
        timezone: trigger.timezone,
        input: trigger.input,
      },
    }));
}

export interface IamStatement {
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * Start/stop only instances that carry the management tag; describe needs `*` (EC2 has no resource-level describe);
 * kms:CreateGrant only on the configured keys and only on EC2's behalf (starting an instance whose EBS volumes use a
 * customer-managed key needs it).
 */
export function iamStatements(aws: AwsDeploySettings): IamStatement[] {
  const statements: IamStatement[] = [
    {
      Effect: "Allow",
      Action: ["ec2:StartInstances", "ec2:StopInstances"],
      Resource: "arn:aws:ec2:*:*:instance/*",
      Condition: { StringEquals: { [`aws:ResourceTag/${aws.managementTag.key}`]: aws.managementTag.value } },
    },
    { Effect: "Allow", Action: ["ec2:DescribeInstances"], Resource: "*" },
  ];
  if (aws.kmsKeyArns.length > 0) {
    statements.push({
      Effect: "Allow",
      Action: ["kms:CreateGrant"],
      Resource: [...aws.kmsKeyArns],
      Condition: {
        StringLike: { "kms:ViaService": "ec2.*.amazonaws.com" },
        Bool: { "kms:GrantIsForAWSResource": "true" },
      },
    });
  }
  return statements;
}

export interface ServerlessSettings {
  region: string;
  memoryMb: number;
  timeoutSeconds: number;
  logRetentionDays: number;
  environment: Record<string, string>;
  iamStatements: IamStatement[];
  handlers: Record<FunctionName, string>;
  events: Record<FunctionName, ServerlessScheduleEvent[]>;
}

/** Everything serverless.yml reads, from one loaded config. */
export function serverlessSettings(config: ScheduleConfig): ServerlessSettings {
  const aws = config.deploy.aws;
  const triggers = awsScheduleTriggers(config);
  return {
    region: aws.region,
    memoryMb: aws.memoryMb,
    timeoutSeconds: aws.timeoutSeconds,
    logRetentionDays: aws.logRetentionDays,
    // POWER_CONFIG is left to its default, config/schedules.yaml in the working directory: /var/task, the zip's root.
    environment: { NODE_OPTIONS: "--enable-source-maps", ...aws.environment },
    iamStatements: iamStatements(aws),
    handlers: { start: handlerString("aws", "start"), stop: handlerString("aws", "stop") },
    events: { start: scheduleEvents(triggers, "start"), stop: scheduleEvents(triggers, "stop") },
  };
}
