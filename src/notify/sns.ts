/**
 * AWS SNS topic (for Lambda users): Publish with a Subject (under 100 characters, no line breaks) and the alert as
 * plain text. The SDK client is in sns-sdk.ts.
 */
export interface SnsMessage {
  readonly topicArn: string;
  readonly subject: string;
  readonly message: string;
  /** For a FIFO topic: the message's deduplication ID. */
  readonly dedupeId: string;
}

/** Publishes and returns the message ID; rejects on an SNS error or when the signal aborts. */
export type SnsPublish = (message: SnsMessage, signal: AbortSignal) => Promise<string>;

export const SNS_SUBJECT_MAX = 99;

/** SNS refuses a Subject with line breaks or control characters, or of 100 characters or more. */
export function snsSubject(title: string): string {
  const flat = title.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return flat.length <= SNS_SUBJECT_MAX ? flat : `${flat.slice(0, SNS_SUBJECT_MAX - 1)}…`;
}

/** The topic's region, from its ARN: SNS publishes only to topics of the client's region. */
export function topicRegion(topicArn: string): string {
  return topicArn.split(":")[3] ?? "";
}
