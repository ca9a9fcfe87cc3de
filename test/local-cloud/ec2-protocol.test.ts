import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { ec2Client, failureOf, rawEc2, useLocalCloud } from "./support/clients.ts";
import { TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const SESSION_KEY = { accessKeyId: "ASIALOCALSESSION", secretAccessKey: "session-secret", sessionToken: "token-1" };

describe("EC2: wire protocol and SigV4", () => {
  it("answers errors as <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await rawEc2(cloud, { Action: "StartInstances", "InstanceId.1": "i-00000099" });
    const xml = await answer.text();

    expect(answer.status).toBe(400);
    expect(xml).toMatch(
      /<Response><Errors><Error><Code>InvalidInstanceID\.NotFound<\/Code><Message>The instance ID (?:'|&apos;)i-00000099(?:'|&apos;) does not exist<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>/,
    );
  });

  it("gives the SDK the error code, the HTTP status and the request ID", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const error = (await ec2Client(cloud)
      .send(new DescribeInstancesCommand({ InstanceIds: ["i-00000099"] }))
      .catch((e: unknown) => e)) as { name?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };

    expect(error.name).toBe("InvalidInstanceID.NotFound");
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.$metadata?.requestId).toBe(cloud.calls()[0]?.requestId);
  });

  it.each([
    { what: "a wrong secret key", options: { secretAccessKey: "not-the-secret" }, code: "AuthFailure", status: 401 },
    { what: "an unknown access key", options: { accessKeyId: "AKIDNOBODY" }, code: "AuthFailure", status: 401 },
    {
      what: "a garbled signature",
      options: {
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDLOCALAWS/20260101/us-east-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${"0".repeat(64)}`,
      },
      code: "AuthFailure",
      status: 401,
    },
    { what: "no signature", options: { authorization: "" }, code: "AuthFailure", status: 401 },
    {
      what: "a signature 6 minutes old",
      options: { signingDate: new Date(Date.now() - 6 * 60_000) },
      code: "RequestExpired",
      status: 400,
    },
  ])("refuses $what with $code", async ({ options, code, status }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await rawEc2(cloud, { Action: "DescribeInstances" }, options);
    const xml = await answer.text();

    expect(xml).toContain(`<Code>${code}</Code>`);
    expect(answer.status).toBe(status);
    expect(cloud.calls()[0]?.result).toBe(code);
  });

  it("refuses a wrong secret key sent through the SDK with AuthFailure", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const client = ec2Client(cloud, { credentials: { accessKeyId: "AKIDLOCALAWS", secretAccessKey: "wrong" } });

    const failure = await failureOf(client.send(new DescribeInstancesCommand({})));

    expect(failure.code).toBe("AuthFailure");
  });

  it("needs the session token of a temporary key", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, credentials: { aws: [SESSION_KEY] } });
    const { sessionToken: _token, ...withoutToken } = SESSION_KEY;

    const refused = await failureOf(
      ec2Client(cloud, { credentials: withoutToken }).send(new DescribeInstancesCommand({})),
    );
    const accepted = await ec2Client(cloud, { credentials: SESSION_KEY }).send(new DescribeInstancesCommand({}));

    expect(refused.code).toBe("AuthFailure");
    expect(accepted.Reservations?.length).toBeGreaterThan(0);
  });

  it.each<{ what: string; form: Record<string, string>; code: string }>([
    { what: "an unknown action", form: { Action: "RebootInstances" }, code: "InvalidAction" },
    { what: "an unknown parameter", form: { Action: "DescribeInstances", Colour: "red" }, code: "UnknownParameter" },
    {
      what: "a parameter of another action",
      form: { Action: "StartInstances", "InstanceId.1": "i-0000000b", Hibernate: "true" },
      code: "UnknownParameter",
    },
    {
      what: "a boolean that is not true or false",
      form: { Action: "StopInstances", "InstanceId.1": "i-0000000a", Force: "yes" },
      code: "InvalidParameterValue",
    },
  ])("refuses $what with $code", async ({ form, code }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await rawEc2(cloud, form);

    expect(await answer.text()).toContain(`<Code>${code}</Code>`);
    expect(answer.status).toBe(400);
  });
});
