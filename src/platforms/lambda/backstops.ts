/**
 * The platform's own backstops, for what powercron's alerts cannot tell (a function that crashed, timed out or ran
 * out of memory before it could alert): a CloudWatch alarm on each function's `Errors` metric, and an on-failure
 * destination for the asynchronous invocations (EventBridge Scheduler invokes asynchronously: a failed invocation,
 * after Lambda's retries, is published there with its event and error). Both go to one SNS topic: the config's alert
 * topic when it names one (a literal ARN in the deploy's region), else one the stack creates,
 * `powercron-<stage>-failures`, for the team to subscribe to. Pure: config in, CloudFormation out.
 */
import type { FnSub, IamStatement } from "../../providers/index.ts";
import type { ScheduleConfig } from "../../schedule/index.ts";
import { FUNCTION_NAMES, type FunctionName } from "../function-names.ts";

export const FAILURE_TOPIC_ID = "PowercronFailureTopic";
/** An alarm per function: `PowercronStartErrorsAlarm`, `PowercronStopErrorsAlarm`. */
export const alarmId = (name: FunctionName): string => `Powercron${name[0]?.toUpperCase()}${name.slice(1)}ErrorsAlarm`;

/** An SNS topic ARN: `arn:<partition>:sns:<region>:<account>:<name>`. */
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

export type TopicRef = string | { Ref: string };

/** The config's own alert topic, when one is written out (not a ${ENV} reference) and lives in the deploy's region. */
export function configAlertTopic(config: ScheduleConfig): string | undefined {
  for (const channel of config.notify?.channels ?? []) {
    if (channel.type !== "sns") continue;
    const match = TOPIC_ARN.exec(channel.topicArn);
    // FIFO topics take no alarm actions or destinations' messages without a group ID.
    if (match && match[1] === config.deploy.aws.region && match[2] === undefined) return channel.topicArn;
  }
  return undefined;
}

/** Where the alarms and the failed invocations go. */
export function failureTopic(config: ScheduleConfig): TopicRef {
  return configAlertTopic(config) ?? { Ref: FAILURE_TOPIC_ID };
}

/** serverless.yml's `destinations` of each function. */
export function failureDestination(config: ScheduleConfig): { onFailure: string | { type: "sns"; arn: TopicRef } } {
  const topic = failureTopic(config);
  return { onFailure: typeof topic === "string" ? topic : { type: "sns", arn: topic } };
}

/** The functions' role may publish to the topic (the destination publishes as the function; so does an SNS alert). */
export function failureTopicStatement(config: ScheduleConfig): IamStatement {
  const topic = failureTopic(config);
  const resource: string | FnSub = typeof topic === "string" ? topic : { "Fn::Sub": `\${${FAILURE_TOPIC_ID}}` };
  return { Effect: "Allow", Action: ["sns:Publish"], Resource: [resource] };
}

export interface BackstopResource {
  Type: "AWS::SNS::Topic" | "AWS::CloudWatch::Alarm";
  Properties: Record<string, unknown>;
}

/** The alarms (and the topic, when the config names none), as CloudFormation resources. */
export function backstopResources(
  config: ScheduleConfig,
  stage: string,
  functionName: (name: FunctionName) => string,
): Record<string, BackstopResource> {
  const topic = failureTopic(config);
  const resources: Record<string, BackstopResource> = {};
  if (typeof topic !== "string") {
    resources[FAILURE_TOPIC_ID] = {
      Type: "AWS::SNS::Topic",
      Properties: { TopicName: `powercron-${stage}-failures`, DisplayName: `powercron ${stage} failures` },
    };
  }
  for (const name of FUNCTION_NAMES) {
    resources[alarmId(name)] = {
      Type: "AWS::CloudWatch::Alarm",
      Properties: {
        AlarmName: `${functionName(name)}-errors`,
        AlarmDescription:
          `powercron (${stage}): the ${name} function failed (an error, a timeout or out of memory): ` +
          `see its log group /aws/lambda/${functionName(name)}`,
        Namespace: "AWS/Lambda",
        MetricName: "Errors",
        Dimensions: [{ Name: "FunctionName", Value: functionName(name) }],
        Statistic: "Sum",
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
        AlarmActions: [topic],
      },
    };
  }
  return resources;
}
