import { describe, expect, it } from "vitest";
import { cvmClient, failureOf, rawTencent, tencentResponse, useLocalCloud } from "./support/clients.ts";
import { TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

const TEMPORARY_KEY = { secretId: "AKIDTEMPORARY", secretKey: "temporary-secret", token: "session-token" };

describe("Tencent CVM: wire protocol and TC3 signatures", () => {
  it("answers errors as HTTP 200 with {Response:{Error:{Code,Message},RequestId}}", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const answer = await rawTencent(cloud, { action: "StartInstances", body: { InstanceIds: ["ins-gone0001"] } });
    const body = (await answer.json()) as unknown;

    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("application/json");
    expect(body).toEqual({
      Response: {
        Error: { Code: "InvalidInstanceId.NotFound", Message: expect.stringContaining("ins-gone0001") },
        RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
  });

  it("answers success as {Response:{...fields, RequestId}}", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const response = await tencentResponse(
      await rawTencent(cloud, { action: "DescribeInstancesStatus", body: { InstanceIds: ["ins-run00001"] } }),
    );

    expect(response).toEqual({
      TotalCount: 1,
      InstanceStatusSet: [{ InstanceId: "ins-run00001", InstanceState: "RUNNING" }],
      RequestId: expect.any(String),
    });
  });

  it("gives the SDK the error code and the request ID", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const error = (await cvmClient(cloud)
      .StartInstances({ InstanceIds: ["ins-run00001"] })
      .catch((e: unknown) => e)) as { code?: string; requestId?: string };

    expect(error.code).toBe("UnsupportedOperation.InstanceStateRunning");
    expect(error.requestId).toBe(cloud.calls()[0]?.requestId);
  });

  it.each([
    {
      what: "a wrong SecretKey",
      request: { secretKey: "not-the-secret" },
      code: "AuthFailure.SignatureFailure",
    },
    {
      what: "a timestamp 6 minutes old",
      request: { timestamp: Math.floor(Date.now() / 1000) - 360 },
      code: "AuthFailure.SignatureExpire",
    },
    {
      what: "a timestamp 6 minutes ahead",
      request: { timestamp: Math.floor(Date.now() / 1000) + 360 },
      code: "AuthFailure.SignatureExpire",
    },
    { what: "an unknown SecretId", request: { secretId: "AKIDNOBODY" }, code: "AuthFailure.SecretIdNotFound" },
    {
      what: "no Authorization in TC3 form",
      request: { authorization: "Basic dXNlcjpwYXNz" },
      code: "AuthFailure.InvalidAuthorization",
    },
    {
      what: "a service other than cvm in the scope",
      request: { service: "cbs" },
      code: "AuthFailure.SignatureFailure",
    },
    { what: "another API version", request: { version: "2099-01-01" }, code: "NoSuchVersion" },
    { what: "no region", request: { region: undefined }, code: "MissingParameter" },
  ])("refuses $what with $code", async ({ request, code }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const response = await tencentResponse(await rawTencent(cloud, { action: "DescribeInstances", ...request }));

    expect(response.Error).toMatchObject({ Code: code });
    expect(cloud.calls()[0]?.result).toBe(code);
  });

  it("accepts a timestamp 4 minutes old", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const response = await tencentResponse(
      await rawTencent(cloud, { action: "DescribeInstances", timestamp: Math.floor(Date.now() / 1000) - 240 }),
    );

    expect(response.Error).toBeUndefined();
  });

  it("refuses a wrong SecretKey sent through the SDK with AuthFailure.SignatureFailure", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const client = cvmClient(cloud, { credential: { secretId: "AKIDLOCALCLOUD", secretKey: "wrong" } });

    const failure = await failureOf(client.DescribeInstances({}));

    expect(failure.code).toBe("AuthFailure.SignatureFailure");
  });

  it("refuses a signature that does not match the request with AuthFailure.SignatureFailure", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    const date = new Date().toISOString().slice(0, 10);

    const response = await tencentResponse(
      await rawTencent(cloud, {
        action: "DescribeInstances",
        body: { Limit: 2 },
        authorization: `TC3-HMAC-SHA256 Credential=AKIDLOCALCLOUD/${date}/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${"0".repeat(64)}`,
      }),
    );

    expect(response.Error).toMatchObject({ Code: "AuthFailure.SignatureFailure" });
  });

  describe("a temporary key pair", () => {
    it("needs its token: without it AuthFailure.TokenFailure", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, credentials: { tencent: [TEMPORARY_KEY] } });
      const { token: _token, ...withoutToken } = TEMPORARY_KEY;

      const failure = await failureOf(cvmClient(cloud, { credential: withoutToken }).DescribeInstances({}));

      expect(failure.code).toBe("AuthFailure.TokenFailure");
    });

    it("refuses a wrong token with AuthFailure.TokenFailure", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, credentials: { tencent: [TEMPORARY_KEY] } });

      const failure = await failureOf(
        cvmClient(cloud, { credential: { ...TEMPORARY_KEY, token: "stale" } }).DescribeInstances({}),
      );

      expect(failure.code).toBe("AuthFailure.TokenFailure");
    });

    it("accepts the call with its token", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, credentials: { tencent: [TEMPORARY_KEY] } });

      const answer = await cvmClient(cloud, { credential: TEMPORARY_KEY }).DescribeInstances({ Limit: 1 });

      expect(answer.InstanceSet).toHaveLength(1);
    });
  });

  it.each([
    { what: "a body that is not JSON", body: "{InstanceIds:", code: "InvalidParameter" },
    { what: "a JSON array body", body: "[]", code: "InvalidParameter" },
    { what: "an unknown parameter", body: JSON.stringify({ InstanceIdz: ["ins-run00001"] }), code: "UnknownParameter" },
    { what: "a parameter of the wrong type", body: JSON.stringify({ Limit: "10" }), code: "InvalidParameter" },
  ])("refuses $what with $code", async ({ body, code }) => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const response = await tencentResponse(await rawTencent(cloud, { action: "DescribeInstances", body }));

    expect(response.Error).toMatchObject({ Code: code });
  });

  it("refuses an action CVM does not have with InvalidAction", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });

    const response = await tencentResponse(await rawTencent(cloud, { action: "RebootInstances" }));

    expect(response.Error).toMatchObject({ Code: "InvalidAction" });
  });
});
