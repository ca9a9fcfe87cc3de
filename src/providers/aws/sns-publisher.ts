/**
 * The SNS publisher of the alerts' SNS channel, over `@aws-sdk/client-sns`; src/notify gets it injected (its
 * `SnsPublish` has this shape). The SDK is loaded on the first SNS alert only (`await import`), and the SCF bundle
 * replaces this module with a stub whose constructor throws (src/deploy/bundle.ts): it never carries the SNS client;
 * an SNS channel on SCF fails as an alert, never as the run.
 */
import { type Environment, settingText } from "../../settings/index.ts";
import { AWS_SETTINGS, awsCredential } from "./aws-settings.ts";

/** One SNS Publish: a Subject (under 100 characters, no line breaks) and the alert as plain text. */
export interface SnsMessage {
  readonly topicArn: string;
  readonly subject: string;
  readonly message: string;
  /** For a FIFO topic: the message's deduplication ID. */
  readonly dedupeId: string;
}

/** Publishes and returns the message ID; rejects on an SNS error or when the signal aborts. */
export type SnsPublish = (message: SnsMessage, signal: AbortSignal) => Promise<string>;

/** The topic's region, from its ARN: SNS publishes only to topics of the client's region. */
export function topicRegion(topicArn: string): string {
  return topicArn.split(":")[3] ?? "";
}

type SnsClientLike = { send: (command: unknown, options: unknown) => Promise<unknown> };

/** SNS through `@aws-sdk/client-sns`, with the SDK's own one retry; keys from the environment or the SDK's chain. */
export class SnsSdkPublisher {
  private readonly clients = new Map<string, Promise<SnsClientLike>>();
  private commandClass: Promise<new (input: unknown) => unknown> | undefined;

  constructor(private readonly env: Environment) {}

  private client(region: string) {
    let client = this.clients.get(region);
    if (client === undefined) {
      const credentials = awsCredential(this.env);
      const endpoint = settingText(this.env, AWS_SETTINGS.snsEndpoint);
      client = import("@aws-sdk/client-sns").then(
        ({ SNSClient }) =>
          new SNSClient({
            region,
            maxAttempts: 2,
            ...(credentials === undefined ? {} : { credentials }),
            ...(endpoint ? { endpoint } : {}),
          }) as never,
      );
      this.clients.set(region, client);
    }
    return client;
  }

  readonly publish: SnsPublish = async (message, signal) => {
    this.commandClass ??= import("@aws-sdk/client-sns").then((module) => module.PublishCommand as never);
    const [client, PublishCommand] = await Promise.all([this.client(topicRegion(message.topicArn)), this.commandClass]);
    const fifo = message.topicArn.endsWith(".fifo");
    const command = new PublishCommand({
      TopicArn: message.topicArn,
      Subject: message.subject,
      Message: message.message,
      ...(fifo ? { MessageGroupId: "powercron", MessageDeduplicationId: message.dedupeId } : {}),
    });
    const answer = (await client.send(command, { abortSignal: signal })) as { MessageId?: string };
    return answer.MessageId ?? "";
  };
}
