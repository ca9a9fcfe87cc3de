import { afterEach, describe, expect, it } from "vitest";
import { SnsSdkPublisher } from "../../src/providers/aws/sns-publisher.ts";
import { snsSubject } from "../../src/providers/aws/sns-topic.ts";
import { type Receiver, startReceiver } from "./support/receivers.ts";

let sns: Receiver | undefined;
afterEach(async () => {
  await sns?.close();
  sns = undefined;
});

/** A local SNS: the Query protocol's Publish, signed with SigV4 for service `sns`, answered in SNS's XML. */
async function localSns(): Promise<Receiver> {
  return startReceiver((request) => {
    const form = new URLSearchParams(request.body);
    const auth = String(request.headers.authorization ?? "");
    if (!/^AWS4-HMAC-SHA256 Credential=AKIDLOCAL0000000000\/\d{8}\/eu-west-1\/sns\/aws4_request/.test(auth))
      return {
        status: 403,
        body: "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>",
        contentType: "text/xml",
      };
    if (form.get("Action") !== "Publish" || !form.get("TopicArn") || !form.get("Message"))
      return {
        status: 400,
        body: "<ErrorResponse><Error><Code>InvalidParameter</Code></Error></ErrorResponse>",
        contentType: "text/xml",
      };
    return {
      status: 200,
      contentType: "text/xml",
      body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult><ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata></PublishResponse>`,
    };
  });
}

describe("Class: SnsSdkPublisher (the real SNS client against a local SNS endpoint)", () => {
  it("publishes to the topic's region with a Subject and the message, through AWS_ENDPOINT_URL_SNS", async () => {
    sns = await localSns();
    const publisher = new SnsSdkPublisher({
      AWS_ENDPOINT_URL_SNS: sns.url,
      AWS_ACCESS_KEY_ID: "AKIDLOCAL0000000000",
      AWS_SECRET_ACCESS_KEY: "local-secret-key-0000000000",
    });
    const id = await publisher.publish(
      {
        topicArn: "arn:aws:sns:eu-west-1:123456789012:alerts",
        subject: snsSubject("powercron stop failed for 1 of 1 instance"),
        message: "line one\nline two",
        dedupeId: "x",
      },
      new AbortController().signal,
    );
    expect(id).toBe("94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
    expect(sns.received).toHaveLength(1);
    const form = new URLSearchParams(sns.received[0]?.body);
    expect(Object.fromEntries(form)).toMatchObject({
      Action: "Publish",
      TopicArn: "arn:aws:sns:eu-west-1:123456789012:alerts",
      Subject: "powercron stop failed for 1 of 1 instance",
      Message: "line one\nline two",
    });
    expect(form.has("MessageGroupId")).toBe(false);
  });

  it.each([
    ["a\nb", "a b"],
    ["x".repeat(150), `${"x".repeat(98)}…`],
  ])("keeps a Subject SNS accepts: %j", (title, subject) => {
    expect(snsSubject(title)).toBe(subject);
    expect(snsSubject(title).length).toBeLessThan(100);
  });
});
