/**
 * The SNS publisher over `@aws-sdk/client-sns`. The SDK is loaded on the first SNS alert only (`await import`), and the
 * SCF bundle replaces this module with a stub whose constructor throws (src/deploy/bundle.ts): it never carries the
 * SNS client; an SNS channel on SCF fails as an alert, never as the run.
 */
import type { Environment } from "../settings/index.ts";
import { awsCredential, SETTINGS } from "../settings/index.ts";
import { type SnsPublish, topicRegion } from "./sns.ts";

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
      const endpoint = this.env[SETTINGS.awsSnsEndpoint.name]?.trim();
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
