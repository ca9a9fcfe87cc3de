/**
 * A topic channel (a cloud's notification topic, such as SNS): the message handed to the publisher. What the topic is
 * (its type name, ARN grammar, variable, subject rule) is its cloud's (src/providers/<cloud>/); the publisher is
 * injected.
 */
import { alertTopicChannel } from "../providers/catalog.ts";

export interface TopicMessage {
  readonly topicArn: string;
  readonly subject: string;
  readonly message: string;
  /** For a FIFO topic: the message's deduplication ID. */
  readonly dedupeId: string;
}

/** Publishes and returns the message ID; rejects on an error or when the signal aborts. */
export type TopicPublish = (message: TopicMessage, signal: AbortSignal) => Promise<string>;

/** The topic channel the clouds offer. */
export const TOPIC = alertTopicChannel;
