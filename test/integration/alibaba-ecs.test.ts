/**
 * The engine through @alicloud/ecs20140526, over HTTP, against the local cloud: the real RPC wire format and ACS3
 * signature, SuccessFirst per-instance results, StopCharging read back, and the failure tests.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS } from "../../src/domain/index.ts";
import { CloudApiError, InvalidInputError } from "../../src/errors.ts";
import { readAlibabaCredential } from "../../src/providers/alibaba/alibaba-own-keys.ts";
import type { EcsInstanceView } from "../../src/providers/alibaba/ecs-stopped-mode.ts";
import {
  batchSizes,
  CLIENTS,
  ecsFleet,
  ecsId,
  ecsProvider,
  harnessPerTest,
  MUTATING,
  settle,
} from "./alibaba-harness.ts";

const REGION = "cn-hangzhou";
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ecsId(prefix, i));
describe.each(CLIENTS)("Alibaba ECS through the %s client", (kind) => {
  const start = harnessPerTest(kind);
  const adapter = (
    cloud: Parameters<typeof ecsProvider>[0],
    region: string,
    credential?: Parameters<typeof ecsProvider>[2],
  ) => ecsProvider(cloud, region, credential, kind);

  describe("the adapter, over HTTP", () => {
    it("describes by IDs with InstanceIds as a JSON array, and by tags with Tag.N in pages of 100 through NextToken", async () => {
      const tagged = ids("a", 250);
      // Direct adapter calls, without the engine's pacing: no rate limit here.
      const h = await start(
        [...ecsFleet(REGION, tagged), ...ecsFleet(REGION, ids("p", 5), { tags: { env: "prod" } })],
        {
          rateLimits: { DescribeInstances: { perSecond: Number.POSITIVE_INFINITY } },
        },
      );
      const provider = adapter(h.cloud, REGION);

      const some = await provider.describeByIds(tagged.slice(0, 100));
      expect(some.map((view) => view.instanceId)).toEqual(tagged.slice(0, 100));
      const [byIds] = h.calls();
      expect(JSON.parse(String(byIds?.params.InstanceIds))).toEqual(tagged.slice(0, 100));

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await provider.describeByTags({ env: "test" }, cursor);
        seen.push(...page.instances.map((view) => view.instanceId));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(tagged);
      const tagCalls = h.calls().slice(1);
      expect(
        tagCalls.map((call) => [call.params["Tag.1.Key"], call.params["Tag.1.Value"], call.params.MaxResults]),
      ).toEqual([
        ["env", "test", "100"],
        ["env", "test", "100"],
        ["env", "test", "100"],
      ]);
      expect(tagCalls[0]?.params.NextToken).toBeUndefined();
      expect(tagCalls[1]?.params.NextToken).toEqual(expect.any(String));
    });

    it("leaves unknown IDs out of a describe", async () => {
      const h = await start(ecsFleet(REGION, ids("k", 2)));
      const views = await adapter(h.cloud, REGION).describeByIds([...ids("k", 2), ecsId("u", 1)]);
      expect(views.map((view) => view.instanceId)).toEqual(ids("k", 2));
    });

    it("rejects a bad signature with SignatureDoesNotMatch, a call the engine fails whole", async () => {
      const h = await start(ecsFleet(REGION, ids("s", 1)));
      const provider = adapter(h.cloud, REGION, () => ({
        accessKeyId: "ALIBABALOCALCLOUD",
        accessKeySecret: "wrong",
      }));
      const error = await provider.describeByIds(ids("s", 1)).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(CloudApiError);
      expect((error as CloudApiError).code).toBe("SignatureDoesNotMatch");
      expect((error as CloudApiError).details.httpStatus).toBe(400);
      expect(provider.classify(error as CloudApiError).kind).toBe("global");
    });

    it("fails with a clear error naming the variables, before any call, when no credentials are set", async () => {
      const h = await start(ecsFleet(REGION, ids("n", 1)));
      const provider = adapter(h.cloud, REGION, () => readAlibabaCredential({}));
      const error = await provider.describeByIds(ids("n", 1)).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID");
      expect(h.calls()).toEqual([]);
    });

    it("sends StoppedMode, ForceStop and BatchOptimization=SuccessFirst, and reads each instance's CurrentStatus", async () => {
      const h = await start(ecsFleet(REGION, ids("f", 3)));
      const provider = adapter(h.cloud, REGION);
      const answer = await provider.stop(ids("f", 3), {
        ...DEFAULT_OPTIONS,
        releaseComputeWhileStopped: true,
        shutdown: "forced",
      });
      expect([...(answer.currentStates ?? new Map())]).toEqual(ids("f", 3).map((id) => [id, "stopping"]));
      const [call] = h.calls();
      expect(call?.params).toMatchObject({
        "InstanceId.1": ids("f", 3)[0],
        "InstanceId.3": ids("f", 3)[2],
        BatchOptimization: "SuccessFirst",
        StoppedMode: "StopCharging",
        ForceStop: "true",
        RegionId: REGION,
      });
    });
  });

  describe("the engine", () => {
    it("stops 250 instances in 3 calls of 100, 100 and 50, and a second run makes no Start/Stop call", async () => {
      const good = ids("b", 250);
      const h = await start(ecsFleet(REGION, good));
      const first = await h.run("stop", [{ region: REGION, instanceIds: good }]);
      expect(first.totals).toEqual({ instances: 250, stopped: 250 });
      const answered = h.calls((call) => call.result === "ok");
      expect(batchSizes(answered, "StopInstances")).toEqual([100, 100, 50]);
      expect(batchSizes(answered, "DescribeInstances")).toEqual([100, 100, 50]);
      expect(
        answered
          .filter((call) => MUTATING.has(call.action))
          .every((call) => call.params.BatchOptimization === "SuccessFirst"),
      ).toBe(true);

      await settle();
      h.cloud.resetCalls();
      const second = await h.run("stop", [{ region: REGION, instanceIds: good }]);
      expect(second.totals).toEqual({ instances: 250, "already-stopped": 250 });
      expect(h.calls((call) => MUTATING.has(call.action))).toEqual([]);
    });

    it("one refused instance among 250 fails alone with its own code; the other 249 stop, at most the minimum calls plus 2", async () => {
      const good = ids("c", 249);
      const refused = ecsId("r", 1);
      const all = [...good.slice(0, 120), refused, ...good.slice(120)];
      const h = await start([
        ...ecsFleet(REGION, good),
        ...ecsFleet(REGION, [refused], { refusal: "InstanceLockedForSecurity" }),
      ]);
      const report = await h.run("stop", [{ region: REGION, instanceIds: all }]);

      expect(report.totals).toEqual({ instances: 250, stopped: 249, failed: 1 });
      const failed = report.instances.find((row) => row.instanceId === refused);
      expect(failed).toMatchObject({ outcome: "failed", code: "InstanceLockedForSecurity" });
      for (const id of good) expect(h.cloud.instance("alibaba", REGION, id)?.state).toMatch(/^Stopp/);
      // Minimum: 3 describes + 3 stops. The refusal comes back per instance (ActionResponse.refused): it costs at
      // most one describe of the refused instance alone, no stop is sent again.
      const stops = h.calls((call) => call.action === "StopInstances" && call.result === "ok");
      expect(batchSizes(stops, "StopInstances")).toEqual([100, 100, 50]);
      const describes = h.calls((call) => call.action === "DescribeInstances" && call.result === "ok");
      expect(describes.length).toBeLessThanOrEqual(3 + 1);
      expect(h.calls(() => true).length).toBeLessThanOrEqual(6 + 1);
      // The others get no note (no "already Stopping" from a describe of their batch).
      for (const row of report.instances.filter((line) => line.instanceId !== refused)) {
        expect(row.notes ?? []).toEqual([]);
      }
      // The accepted instances of the refused batch are never sent again.
      const resent = stops.flatMap((call) => call.instanceIds).filter((id) => id !== refused);
      expect(new Set(resent).size).toBe(resent.length);
    });

    it("stops 250 instances selected by tag in two regions with StopCharging; the ineligible stop with KeepCharging and the report says so", async () => {
      const hz = ids("h", 125);
      const sh = ids("g", 125);
      const prepaid = hz.slice(0, 3);
      const classic = sh.slice(0, 2);
      const local = sh.slice(2, 4);
      const fleet = [
        ...ecsFleet(REGION, hz).map((entry) =>
          prepaid.includes(entry.instanceId) ? { ...entry, chargeType: "PrePaid" } : entry,
        ),
        ...ecsFleet("cn-shanghai", sh).map((entry) =>
          classic.includes(entry.instanceId)
            ? { ...entry, networkType: "classic" }
            : local.includes(entry.instanceId)
              ? { ...entry, localStorageAmount: 2 }
              : entry,
        ),
      ];
      const h = await start(fleet);
      const report = await h.run(
        "stop",
        [
          { region: REGION, tags: { env: "test" } },
          { region: "cn-shanghai", tags: { env: "test" } },
        ],
        {
          releaseComputeWhileStopped: true,
        },
      );
      expect(report.totals).toEqual({ instances: 250, stopped: 250 });
      const ineligible = new Set([...prepaid, ...classic, ...local]);
      for (const row of report.instances) {
        if (ineligible.has(row.instanceId)) expect(row.notes?.join(" ")).toMatch(/stopped with KeepCharging/);
        else expect(row.notes).toBeUndefined();
      }
      // Read back: the mode that applied, from describe's StoppedMode.
      await settle();
      const back = [
        ...(await adapter(h.cloud, REGION).describeByIds(hz.slice(0, 100))),
        ...(await adapter(h.cloud, "cn-shanghai").describeByIds(sh.slice(0, 100))),
      ] as EcsInstanceView[];
      for (const view of back) {
        expect(view.ecs?.stoppedMode).toBe(ineligible.has(view.instanceId) ? "KeepCharging" : "StopCharging");
      }
      // Ineligible instances share their batches: 2 stop calls a region, as without them.
      expect(
        batchSizes(
          h.calls((call) => call.result === "ok"),
          "StopInstances",
        ),
      ).toEqual([100, 100, 25, 25]);
    });

    it("an answer lost after the cloud applied the stop is never re-sent blind: a describe decides, and nothing is stopped twice", async () => {
      const good = ids("l", 150);
      const h = await start(ecsFleet(REGION, good), { faults: { StopInstances: { at: { "1": "lost" } } } });
      const report = await h.run("stop", [{ region: REGION, instanceIds: good }]);
      expect(report.totals).toEqual({ instances: 150, stopped: 150 });
      const calls = h.calls();
      const lost = calls.find((call) => call.fault === "lost");
      expect(lost?.result).toBe("lost");
      const after = calls.slice(calls.indexOf(lost as (typeof calls)[number]) + 1);
      const lostIds = new Set(lost?.instanceIds);
      const firstResend = after.findIndex(
        (call) => call.action === "StopInstances" && call.instanceIds.some((id) => lostIds.has(id)),
      );
      const firstDescribe = after.findIndex(
        (call) => call.action === "DescribeInstances" && call.instanceIds.some((id) => lostIds.has(id)),
      );
      expect(firstDescribe).toBeGreaterThanOrEqual(0);
      // The lost call was applied: its instances were Stopping when described, so none is sent again.
      expect(firstResend).toBe(-1);
    });

    it("a hung answer (applied, never answered) ends at the SDK's read timeout; a describe decides, nothing is sent twice", async () => {
      const good = ids("q", 30);
      const h = await start(ecsFleet(REGION, good), {
        faults: { StopInstances: { at: { "1": "hang" } } },
        hangMs: 5_000,
      });
      const report = await h.run("stop", [{ region: REGION, instanceIds: good }]);
      expect(report.totals).toEqual({ instances: 30, stopped: 30 });
      expect(h.calls((call) => call.action === "StopInstances").map((call) => call.result)).toEqual(["hung"]);
    });

    it("throttled calls (Throttling.User) are retried after a pause: every instance stops", async () => {
      const good = ids("t", 120);
      const h = await start(ecsFleet(REGION, good), {
        faults: { StopInstances: { at: { "1-2": "throttle" } }, DescribeInstances: { at: { "1": "throttle" } } },
      });
      const report = await h.run("stop", [{ region: REGION, instanceIds: good }]);
      expect(report.totals).toEqual({ instances: 120, stopped: 120 });
      expect(h.calls((call) => call.result === "Throttling.User").length).toBe(3);
      expect(
        batchSizes(
          h.calls((call) => call.result === "ok"),
          "StopInstances",
        ),
      ).toEqual([100, 20]);
    });

    it("another actor stopping instances at the same moment: they end stopped, refused ones are looked at again, none fails", async () => {
      const good = ids("o", 40);
      const h = await start(ecsFleet(REGION, good));
      // Someone else stops half of them just before our run, so our describe may still see some Running.
      h.cloud.act("alibaba", REGION, good.slice(0, 20), "stop");
      const report = await h.run("stop", [{ region: REGION, instanceIds: good }]);
      expect(report.totals.failed).toBeUndefined();
      expect((report.totals.stopped ?? 0) + (report.totals["already-stopped"] ?? 0)).toBe(40);
    });

    it("starts instances; a StopCharging instance without stock is refused alone (OperationDenied.NoStock) after retries", async () => {
      const stopped = ids("w", 10);
      const dry = ecsId("d", 1);
      const h = await start([
        ...ecsFleet(REGION, stopped, { state: "Stopped", stoppedMode: "StopCharging" }),
        ...ecsFleet(REGION, [dry], { state: "Stopped", stoppedMode: "StopCharging", noStock: true }),
      ]);
      const report = await h.run("start", [{ region: REGION, instanceIds: [...stopped, dry] }]);
      expect(report.totals).toEqual({ instances: 11, started: 10, failed: 1 });
      expect(report.instances.find((row) => row.instanceId === dry)).toMatchObject({ code: "OperationDenied.NoStock" });
    });
  });
});
