/** The local cloud's ECS as the real SDK meets it: AllTogether vs SuccessFirst, the ACS3 checks, STS-issued keys. */
import EcsModule, * as $Ecs from "@alicloud/ecs20140526";
import { describe, expect, it } from "vitest";
import { alibabaSdkConfig, clientClass } from "../../src/providers/alibaba/alibaba-sdk-config.ts";
import { ecsFleet, ecsId, harnessPerTest, LOCAL_KEYS } from "./alibaba-harness.ts";

const REGION = "cn-beijing";
const Client = clientClass(EcsModule);
const start = harnessPerTest();

function client(url: string, keys = LOCAL_KEYS) {
  return new Client(
    alibabaSdkConfig({ region: REGION, endpoint: url, requestTimeoutMs: 2_000, credential: () => keys }),
  );
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: { code?: string }) => error.code,
  );

describe("Local cloud: ECS StartInstances/StopInstances", () => {
  const running = ecsId("a", 1);
  const stopped = ecsId("b", 1);

  it("AllTogether (the default) fails the whole call for one refused instance and applies nothing", async () => {
    const h = await start([...ecsFleet(REGION, [running]), ...ecsFleet(REGION, [stopped], { state: "Stopped" })]);
    const code = await codeOf(
      client(h.cloud.url).stopInstances(
        new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [running, stopped] }),
      ),
    );
    expect(code).toBe("IncorrectInstanceStatus");
    expect(h.cloud.instance("alibaba", REGION, running)?.state).toBe("Running");
  });

  it("SuccessFirst answers each instance: 200 for the accepted, the refusal's code for the others", async () => {
    const h = await start([...ecsFleet(REGION, [running]), ...ecsFleet(REGION, [stopped], { state: "Stopped" })]);
    const answer = await client(h.cloud.url).stopInstances(
      new $Ecs.StopInstancesRequest({
        regionId: REGION,
        instanceId: [running, stopped, ecsId("u", 1)],
        batchOptimization: "SuccessFirst",
      }),
    );
    const lines = answer.body?.instanceResponses?.instanceResponse?.map((line) => [
      line.instanceId,
      line.code,
      line.previousStatus,
      line.currentStatus,
    ]);
    expect(lines).toEqual([
      [running, "200", "Running", "Stopping"],
      [stopped, "IncorrectInstanceStatus", "Stopped", "Stopped"],
      [ecsId("u", 1), "InvalidInstanceId.NotFound", "", ""],
    ]);
  });

  it("moves asynchronously: Stopping, then Stopped after the transition time", async () => {
    const h = await start(ecsFleet(REGION, [running]), { transitionMs: 80 });
    await client(h.cloud.url).stopInstances(
      new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [running], batchOptimization: "SuccessFirst" }),
    );
    expect(h.cloud.instance("alibaba", REGION, running)?.state).toBe("Stopping");
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(h.cloud.instance("alibaba", REGION, running)?.state).toBe("Stopped");
  });

  it("an accepted stop that does not take (the opFailed fault) falls back to Running", async () => {
    const h = await start(ecsFleet(REGION, [running]), { faults: { StopInstances: { at: { "1": "opFailed" } } } });
    await client(h.cloud.url).stopInstances(
      new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [running], batchOptimization: "SuccessFirst" }),
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(h.cloud.instance("alibaba", REGION, running)?.state).toBe("Running");
  });
});

describe("Local cloud: ECS zones out of stock (alibaba.noStockZones, powercron local-cloud --ecs-no-stock)", () => {
  it("refuses a start of an instance stopped with StopCharging in such a zone (OperationDenied.NoStock), and no other", async () => {
    const [economical, kept, elsewhere] = [ecsId("n", 1), ecsId("n", 2), ecsId("n", 3)];
    const h = await start(
      [
        ...ecsFleet(REGION, [economical], { state: "Stopped", stoppedMode: "StopCharging", zone: "cn-beijing-h" }),
        ...ecsFleet(REGION, [kept], { state: "Stopped", stoppedMode: "KeepCharging", zone: "cn-beijing-h" }),
        ...ecsFleet(REGION, [elsewhere], { state: "Stopped", stoppedMode: "StopCharging", zone: "cn-beijing-k" }),
      ],
      { alibaba: { noStockZones: ["cn-beijing-h"] } },
    );
    const answer = await client(h.cloud.url).startInstances(
      new $Ecs.StartInstancesRequest({
        regionId: REGION,
        instanceId: [economical, kept, elsewhere],
        batchOptimization: "SuccessFirst",
      }),
    );
    const codes = answer.body?.instanceResponses?.instanceResponse?.map((line) => [line.instanceId, line.code]);
    expect(codes).toEqual([
      [economical, "OperationDenied.NoStock"],
      [kept, "200"],
      [elsewhere, "200"],
    ]);
  });
});

describe("Local cloud: ACS3 signature checks", () => {
  it.each([
    ["an unknown key", { accessKeyId: "NOSUCHKEY", accessKeySecret: "x" }, "InvalidAccessKeyId.NotFound"],
    ["a wrong secret", { accessKeyId: LOCAL_KEYS.accessKeyId, accessKeySecret: "wrong" }, "SignatureDoesNotMatch"],
  ])("refuses %s", async (_what, keys, code) => {
    const h = await start(ecsFleet(REGION, [ecsId("s", 1)]));
    expect(
      await codeOf(
        client(h.cloud.url, keys).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION })),
      ),
    ).toBe(code);
    expect(h.calls().map((call) => call.result)).toEqual([code]);
  });

  it("refuses a request whose body does not match its signed hash", async () => {
    const h = await start([]);
    const response = await fetch(`${h.cloud.url}/?RegionId=${REGION}`, {
      method: "POST",
      headers: {
        "x-acs-action": "DescribeInstances",
        "x-acs-version": "2014-05-26",
        "x-acs-date": new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        "x-acs-signature-nonce": "n1",
        "x-acs-content-sha256": "0".repeat(64),
        authorization: `ACS3-HMAC-SHA256 Credential=${LOCAL_KEYS.accessKeyId},SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${"0".repeat(64)}`,
      },
      body: "tampered",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { Code: string }).Code).toBe("SignatureDoesNotMatch");
  });
});
