import { DescribeInstancesCommand, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/local-cloud/index.ts";
import { cvmClient, ec2Client, failureOf, rawTencent, useLocalCloud } from "./support/clients.ts";
import { NO_RATE_LIMITS, TEST_FLEET } from "./support/fleet.ts";

const localCloud = useLocalCloud();

describe("The call log", () => {
  it("records each API call in arrival order with provider, service, region, action, IDs, params and result", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, rateLimits: NO_RATE_LIMITS });
    const cvm = cvmClient(cloud);

    const stopped = await cvm.StopInstances({ InstanceIds: ["ins-run00001"], StopType: "SOFT" });
    await failureOf(cvm.StartInstances({ InstanceIds: ["ins-run00002"] }));
    await ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000a", "i-0000000c"] }));
    await failureOf(ec2Client(cloud).send(new StopInstancesCommand({ InstanceIds: ["i-0000000a"], DryRun: true })));

    const calls = cloud.calls();
    expect(calls).toEqual([
      {
        seq: 1,
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        provider: "tencent",
        service: "cvm",
        region: "ap-guangzhou",
        action: "StopInstances",
        instanceIds: ["ins-run00001"],
        params: { InstanceIds: ["ins-run00001"], StopType: "SOFT" },
        result: "ok",
        requestId: stopped.RequestId,
      },
      expect.objectContaining({
        seq: 2,
        action: "StartInstances",
        instanceIds: ["ins-run00002"],
        result: "UnsupportedOperation.InstanceStateRunning",
      }),
      expect.objectContaining({
        seq: 3,
        provider: "aws",
        service: "ec2",
        region: "us-east-1",
        action: "StopInstances",
        instanceIds: ["i-0000000a", "i-0000000c"],
        params: { "InstanceId.1": "i-0000000a", "InstanceId.2": "i-0000000c" },
        result: "ok",
      }),
      expect.objectContaining({ seq: 4, dryRun: true, result: "DryRunOperation" }),
    ]);
  });

  it("holds no secret: no Authorization header, no key, no token", async () => {
    const key = { secretId: "AKIDTEMP", secretKey: "super-secret-key", token: "super-secret-token" };
    const cloud = await localCloud({ fleet: TEST_FLEET, credentials: { tencent: [key] } });

    await cvmClient(cloud, { credential: key }).DescribeInstances({ Limit: 1 });
    const text = JSON.stringify(cloud.calls());

    expect(text).not.toMatch(/super-secret|Signature=|TC3-HMAC/);
  });

  it("hands out copies: changing what calls() answered changes nothing", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET });
    await cvmClient(cloud).DescribeInstances({ InstanceIds: ["ins-run00001"] });

    const first = cloud.calls();
    first[0]?.instanceIds.push("ins-tampered");

    expect(cloud.calls()[0]?.instanceIds).toEqual(["ins-run00001"]);
  });

  it("empties on resetCalls(), the sequence numbers going on", async () => {
    const cloud = await localCloud({ fleet: TEST_FLEET, rateLimits: NO_RATE_LIMITS });
    const cvm = cvmClient(cloud);
    await cvm.DescribeInstances({ Limit: 1 });

    cloud.resetCalls();
    const afterReset = cloud.calls();
    await cvm.DescribeInstances({ Limit: 1 });

    expect(afterReset).toEqual([]);
    expect(cloud.calls().map((call) => call.seq)).toEqual([2]);
  });

  it("logs refused calls too: bad signatures, throttling, faults", async () => {
    const cloud = await localCloud({
      fleet: TEST_FLEET,
      rateLimits: { DescribeInstancesStatus: { perSecond: 1, burst: 1 } },
      faults: { StopInstances: { hang: 1 }, StartInstances: { serverError: 1 } },
      hangMs: 1000,
    });
    const cvm = cvmClient(cloud, { timeoutMs: 100 });

    await rawTencent(cloud, { action: "DescribeInstances", secretKey: "wrong" });
    await cvm.DescribeInstancesStatus({});
    await failureOf(cvm.DescribeInstancesStatus({}));
    await failureOf(cvm.StartInstances({ InstanceIds: ["ins-stp00001"] }));
    await failureOf(cvm.StartInstances({ InstanceIds: ["ins-stp00001"] }));
    await failureOf(cvm.StopInstances({ InstanceIds: ["ins-run00001"] }));

    expect(cloud.calls().map((call) => call.result)).toEqual([
      "AuthFailure.SignatureFailure",
      "ok",
      "RequestLimitExceeded",
      "InternalServerError",
      "http-5xx",
      "hung",
    ]);
  });

  describe("over HTTP", () => {
    it("answers GET /_calls with the same records as calls()", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });
      await ec2Client(cloud).send(new DescribeInstancesCommand({ InstanceIds: ["i-0000000a"] }));

      const answer = await fetch(`${cloud.url}/_calls`);
      const records = (await answer.json()) as CallRecord[];

      expect(answer.status).toBe(200);
      expect(records).toEqual(cloud.calls());
      expect(records[0]).toMatchObject({ action: "DescribeInstances", instanceIds: ["i-0000000a"] });
    });

    it("resets the log on DELETE /_calls, and on POST /_calls/reset", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET, rateLimits: NO_RATE_LIMITS });
      const cvm = cvmClient(cloud);
      await cvm.DescribeInstances({ Limit: 1 });

      const deleted = await fetch(`${cloud.url}/_calls`, { method: "DELETE" });
      const afterDelete = cloud.calls();
      await cvm.DescribeInstances({ Limit: 1 });
      const posted = await fetch(`${cloud.url}/_calls/reset`, { method: "POST" });

      expect(deleted.status).toBe(204);
      expect(afterDelete).toEqual([]);
      expect(posted.status).toBe(204);
      expect(cloud.calls()).toEqual([]);
    });

    it("does not log control requests, and answers GET /_instances and GET /_health", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      const health = await (await fetch(`${cloud.url}/_health`)).json();
      const instances = (await (await fetch(`${cloud.url}/_instances`)).json()) as unknown[];
      const unknown = await fetch(`${cloud.url}/_nothing`);

      expect(health).toEqual({ ok: true, instances: 18 });
      expect(instances).toEqual(cloud.instances());
      expect(unknown.status).toBe(404);
      expect(cloud.calls()).toEqual([]);
    });

    it("answers a request that speaks neither API with HTTP 400 and does not log it", async () => {
      const cloud = await localCloud({ fleet: TEST_FLEET });

      const answer = await fetch(cloud.url, {
        method: "POST",
        body: "{}",
        headers: { "content-type": "application/json" },
      });

      expect(answer.status).toBe(400);
      expect(cloud.calls()).toEqual([]);
    });
  });
});
