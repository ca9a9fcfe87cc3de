/**
 * The SNS topic as an alert channel (for Lambda users): its type name in the config, its ARN grammar, its variable,
 * and SNS's Subject rule. src/notify builds the channel from this; the publisher is sns-publisher.ts.
 */
import { AWS_SETTINGS } from "./aws-settings.ts";

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

export const SNS_SUBJECT_MAX = 99;

/** SNS refuses a Subject with line breaks or control characters, or of 100 characters or more. */
export function snsSubject(title: string): string {
  const flat = title.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length <= SNS_SUBJECT_MAX ? flat : `${flat.slice(0, SNS_SUBJECT_MAX - 1)}…`;
}

/** An alert channel that publishes to a cloud's topic (rather than posting to a webhook). */
export interface AlertTopicChannel {
  /** The channel's `type` in the config's `notify.channels`. */
  readonly type: "sns";
  /** `SNS`, in messages. */
  readonly label: string;
  /** `an SNS topic ARN`: what a topic is called in error messages. */
  readonly noun: string;
  /** The config key of the topic (`topicArn`). */
  readonly targetKey: "topicArn";
  readonly pattern: RegExp;
  /** `arn:aws:sns:REGION:ACCOUNT:NAME`. */
  readonly shape: string;
  /** The variable that adds a topic channel to the environment's (POWER_NOTIFY_SNS_TOPIC_ARN), named `env-<type>`. */
  readonly setting: typeof AWS_SETTINGS.snsTopicArn;
  /** The title as the topic's subject line allows it. */
  subject(title: string): string;
}

export const SNS_TOPIC_CHANNEL: AlertTopicChannel = {
  type: "sns",
  label: "SNS",
  noun: "an SNS topic ARN",
  targetKey: "topicArn",
  pattern: TOPIC_ARN,
  shape: "arn:aws:sns:REGION:ACCOUNT:NAME",
  setting: AWS_SETTINGS.snsTopicArn,
  subject: snsSubject,
};
