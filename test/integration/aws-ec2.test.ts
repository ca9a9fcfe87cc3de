/** The engine through @aws-sdk/client-ec2, over HTTP (EC2 query API, XML answers), against the local cloud. */
import { describe, expect, it } from "vitest";
import { awsId, batchSizes, fleetOf, harnessPerTest, MUTATING } from "./support/local-cloud-run.ts";

const REGION = "eu-central-1";
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => awsId(prefix, i));

const ec2 = (instanceIds: readonly string[], extra: Record<string, unknown> = {}) =>
  fleetOf("aws", REGION, instanceIds, extra);
const start = harnessPerTest();

describe("AWS EC2 through the real SDK", () => {
  it("stops 150 instances in batches of 100 and 50, and a second run calls no stop", async () => {
    const good = ids("a", 150);
    const h = await start(ec2(good));
    const first = await h.run("stop", { provider: "aws", region: REGION, instanceIds: good });
    expect(first.totals).toEqual({ instances: 150, stopped: 150 });
    const answered = h.calls((c) => c.result === "ok");
    expect(batchSizes(answered, "DescribeInstances")).toEqual([100, 50]);
    expect(batchSizes(answered, "StopInstances")).toEqual([100, 50]);
    expect(h.calls((c) => c.result !== "ok").every((c) => c.result === "RequestLimitExceeded")).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 120));
    h.cloud.resetCalls();
    const second = await h.run("stop", { provider: "aws", region: REGION, instanceIds: good });
    expect(second.totals).toEqual({ instances: 150, "already-stopped": 150 });
    expect(h.calls((call) => MUTATING.has(call.action))).toEqual([]);
  });

  it("isolates an unknown ID (InvalidInstanceID.NotFound fails the whole call) and acts on every other instance", async () => {
    const good = ids("b", 40);
    const unknown = awsId("f", 1);
    const h = await start(ec2(good));
    const report = await h.run("start", { provider: "aws", region: REGION, instanceIds: [unknown] });
    expect(report.instances).toEqual([expect.objectContaining({ instanceId: unknown, outcome: "not-found" })]);

    const mixed = await h.run("stop", { provider: "aws", region: REGION, instanceIds: [...good, unknown] });
    expect(mixed.totals).toEqual({ instances: 41, stopped: 40, "not-found": 1 });
    expect(mixed.instances.find((r) => r.instanceId === unknown)?.code).toBe("InvalidInstanceID.NotFound");
    expect(h.calls((c) => c.action === "StopInstances" && c.instanceIds.includes(unknown))).toEqual([]);
  });

  it("hibernates the instances configured for it and plainly stops the others, with a note", async () => {
    const [sleeper, plain] = [awsId("c", 1), awsId("c", 2)];
    const h = await start([...ec2([sleeper], { hibernationConfigured: true }), ...ec2([plain])]);
    const report = await h.run("stop", {
      provider: "aws",
      region: REGION,
      instanceIds: [sleeper, plain],
      options: { hibernate: true },
    });
    expect(report.totals).toEqual({ instances: 2, stopped: 2 });
    const stops = h.calls((c) => c.action === "StopInstances");
    expect(stops.map((c) => [c.instanceIds, c.params.Hibernate ?? "false"])).toEqual(
      expect.arrayContaining([
        [[sleeper], "true"],
        [[plain], "false"],
      ]),
    );
    expect(report.instances.find((r) => r.instanceId === plain)?.notes).toEqual([
      expect.stringContaining("hibernation not configured"),
    ]);
    expect(h.cloud.instance("aws", REGION, sleeper)?.stateReason?.code).toBe("Client.UserInitiatedHibernate");
  });

  it("dry run uses EC2's own DryRun: the calls are made, answered DryRunOperation, and nothing changes", async () => {
    const all = ids("d", 3);
    const h = await start(ec2(all));
    const report = await h.run("stop", {
      provider: "aws",
      region: REGION,
      instanceIds: all,
      options: { dryRun: true },
    });
    expect(report.totals).toEqual({ instances: 3, "would-stop": 3 });
    expect(h.calls((c) => c.action === "StopInstances").map((c) => [c.dryRun, c.result])).toEqual([
      [true, "DryRunOperation"],
    ]);
    expect(h.cloud.instances().every((instance) => instance.state === "running")).toBe(true);
  });

  it("wait reports a start that did not take (KMS grant missing: pending then back to stopped) as failed", async () => {
    const [ok, noKms] = [awsId("e", 1), awsId("e", 2)];
    const h = await start([
      ...ec2([ok], { state: "stopped" }),
      ...ec2([noKms], { state: "stopped", kmsGrantMissing: true }),
    ]);
    const report = await h.run("start", {
      provider: "aws",
      region: REGION,
      instanceIds: [ok, noKms],
      options: { wait: true },
    });
    const byId = Object.fromEntries(report.instances.map((r) => [r.instanceId, r]));
    expect(byId[ok]).toMatchObject({ outcome: "started", after: "running" });
    expect(byId[noKms]).toMatchObject({ outcome: "failed", after: "stopped" });
    expect(byId[noKms]?.code).toMatch(/ActionDidNotTake|InternalError/);
  });

  it("runs two regions of two clouds in one event, each through its own SDK", async () => {
    const aws = ids("9", 3);
    const tencentIds = ["ins-mixed001", "ins-mixed002"];
    const h = await start([
      ...ec2(aws),
      ...tencentIds.map((instanceId) => ({
        provider: "tencent" as const,
        region: "ap-guangzhou",
        instanceId,
        state: "RUNNING" as const,
        tags: {},
      })),
    ]);
    const report = await h.run("stop", {
      targets: [
        { provider: "aws", region: REGION, instanceIds: aws },
        { region: "ap-guangzhou", instanceIds: tencentIds },
      ],
    });
    expect(report.totals).toEqual({ instances: 5, stopped: 5 });
    expect(new Set(h.calls().map((c) => `${c.provider}/${c.region}`))).toEqual(
      new Set([`aws/${REGION}`, "tencent/ap-guangzhou"]),
    );
  });

  it("gives up on hung requests at the request timeout and retries: every instance stopped, nothing else touched", async () => {
    const wanted = ids("7", 60);
    const others = ids("8", 20);
    const h = await start([...ec2(wanted), ...ec2(others)], {
      seed: 3,
      faults: { "*": { hang: 0.2, throttle: 0.1, serverError: 0.1 } },
      hangMs: 10_000,
    });
    const report = await h.run(
      "stop",
      { provider: "aws", region: REGION, instanceIds: wanted, options: { wait: true } },
      { POWER_REQUEST_TIMEOUT_MS: "300" },
    );
    expect(h.calls((c) => c.result === "hung").length).toBeGreaterThan(0);
    expect(report.totals.failed ?? 0).toBe(0);
    for (const id of wanted) expect(h.cloud.instance("aws", REGION, id)?.state).toBe("stopped");
    for (const id of others) expect(h.cloud.instance("aws", REGION, id)?.state).toBe("running");
  });
});
