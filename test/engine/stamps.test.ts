/**
 * The stamps as the engine writes them (src/engine/stamps.ts), against an in-memory cloud with tagging calls: which
 * instances get which tag, the run's one time, as few calls as the limit allows, and a tagging failure that changes
 * no outcome.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_OPTIONS,
  type PowerAction,
  type PowerOptions,
  type PowerRequest,
  type StampContext,
  type Tags,
} from "../../src/domain/types.ts";
import { runPower } from "../../src/engine/run-power.ts";
import { CloudApiError } from "../../src/errors.ts";
import type { CallOptions, ProviderTagging } from "../../src/providers/compute-provider.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { type FakeInstance, FakeProvider } from "../support/fake-provider.ts";

const NOW = Date.parse("2026-12-02T08:00:00Z");
const FIRE = "2026-12-02T07:59:00.000Z";
const LAST_ACTION = "powercron:last-action";
const LAST_ERROR = "powercron:last-error";

interface TagCall {
  readonly kind: "tag" | "untag";
  readonly ids: readonly string[];
  readonly change: Tags | readonly string[];
}

/** The fake cloud with tagging calls: records them, applies them to the instances, fails them on demand. */
class TaggingCloud extends FakeProvider {
  readonly tagCalls: TagCall[] = [];
  /** Codes the next tagging calls fail with, in order ("" passes). */
  readonly failTagging: string[] = [];
  /** Instances the cloud refuses to tag: any call naming one fails as a whole, nothing applied. */
  readonly refusesTagging = new Set<string>();
  maxTagIds = 50;
  maxValueLength = 256;

  get tagging(): ProviderTagging {
    return {
      maxIdsPerCall: this.maxTagIds,
      callsPerSecond: 10,
      maxValueLength: this.maxValueLength,
      actionNames: { tag: "CreateTags", untag: "DeleteTags" },
      tag: async (ids: readonly string[], tags: Tags, _call?: CallOptions) => this.retag("tag", ids, tags),
      untag: async (ids: readonly string[], keys: readonly string[], _call?: CallOptions) =>
        this.retag("untag", ids, keys),
    };
  }

  private retag(kind: "tag" | "untag", ids: readonly string[], change: Tags | readonly string[]): void {
    this.tagCalls.push({ kind, ids, change });
    const code = this.failTagging.shift();
    if (code) throw new CloudApiError(code, `injected ${code}`, { action: kind });
    const refused = ids.find((id) => this.refusesTagging.has(id));
    if (refused) throw new CloudApiError("InvalidInstanceID.NotFound", `no ${refused}`, { action: kind });
    for (const id of ids) {
      const instance = this.instances.get(id) as FakeInstance;
      const tags = { ...instance.tags };
      if (kind === "tag") Object.assign(tags, change);
      else for (const key of change as readonly string[]) delete tags[key];
      instance.tags = tags;
    }
  }

  tagsOf(id: string): Tags {
    return this.instances.get(id)?.tags ?? {};
  }
}

const STAMP: StampContext = { by: "checkout-test", stage: "prod", at: FIRE };

async function run(
  cloud: TaggingCloud,
  action: PowerAction,
  options: Partial<PowerOptions> = {},
  stamps: StampContext | null = STAMP,
  budgetMs = 60_000,
) {
  const request: PowerRequest = {
    action,
    targets: [{ provider: cloud.provider, region: cloud.region, instanceIds: [...cloud.instances.keys()], tags: {} }],
    options: { ...DEFAULT_OPTIONS, ...options },
    scope: {},
    ...(stamps ? { stamps } : {}),
  };
  return runPower(request, {
    providers: () => cloud,
    clock: new FakeClock(NOW),
    random: () => 0.5,
    budgetMs,
    policy: { pollIntervalMs: 10 },
  });
}

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `i-${prefix}${i.toString(16).padStart(16, "0")}`);
const fleet = (list: readonly string[], instance: Omit<FakeInstance, "instanceId">) =>
  list.map((instanceId) => ({ instanceId, ...instance }));

describe("which instances a run stamps", () => {
  it.each([
    {
      case: "a stop our call reached",
      action: "stop",
      instance: { state: "running" },
      tags: { [LAST_ACTION]: `stopped ${FIRE} by checkout-test (prod)` },
    },
    {
      case: "a start our call reached",
      action: "start",
      instance: { state: "stopped" },
      tags: { [LAST_ACTION]: `started ${FIRE} by checkout-test (prod)` },
    },
    { case: "already stopped: no call of ours", action: "stop", instance: { state: "stopped" }, tags: {} },
    {
      case: "a success removes a previous last-error",
      action: "stop",
      instance: { state: "running", tags: { [LAST_ERROR]: "ActionDidNotTake 2026-12-01T08:00:00.000Z" } },
      tags: { [LAST_ACTION]: `stopped ${FIRE} by checkout-test (prod)` },
    },
    {
      case: "a last-error stays on an instance that needed no call",
      action: "stop",
      instance: { state: "stopped", tags: { [LAST_ERROR]: "ActionDidNotTake 2026-12-01T08:00:00.000Z" } },
      tags: { [LAST_ERROR]: "ActionDidNotTake 2026-12-01T08:00:00.000Z" },
    },
  ] as const)("$case", async ({ action, instance, tags }) => {
    const cloud = new TaggingCloud("aws", "us-east-1", [{ instanceId: "i-0a0000000000000a1", ...instance }]);
    const report = await run(cloud, action, { wait: true });
    expect(cloud.tagsOf("i-0a0000000000000a1")).toEqual(tags);
    expect(report.stampFailures).toBeUndefined();
  });

  it.each([128, 256])("cuts a long group's stamp to the cloud's longest tag value (%i characters)", async (max) => {
    const cloud = new TaggingCloud("aws", "us-east-1", [{ instanceId: "i-0a0000000000000a1", state: "running" }]);
    cloud.maxValueLength = max;
    const by = "g".repeat(300);
    await run(cloud, "stop", { wait: true }, { ...STAMP, by });
    expect(cloud.tagsOf("i-0a0000000000000a1")[LAST_ACTION]).toBe(`stopped ${FIRE} by ${by} (prod)`.slice(0, max));
  });

  it("an accepted start that falls back gets last-error with its code, and keeps no new last-action", async () => {
    const cloud = new TaggingCloud("tencent", "ap-shanghai", [
      { instanceId: "i-0a0000000000000a1", state: "stopped", operationFails: true },
    ]);
    const report = await run(cloud, "start", { wait: true });
    expect(report.instances[0]).toMatchObject({ outcome: "failed", code: "ActionDidNotTake" });
    expect(cloud.tagsOf("i-0a0000000000000a1")).toEqual({ [LAST_ERROR]: `ActionDidNotTake ${FIRE}` });
  });

  it("takes the run's start when the fire has no time: one value for every instance", async () => {
    const cloud = new TaggingCloud("aws", "us-east-1", fleet(ids("a", 3), { state: "running" }));
    await run(cloud, "stop", {}, { by: "event", stage: "manual" });
    const values = new Set([...cloud.instances.keys()].map((id) => cloud.tagsOf(id)[LAST_ACTION]));
    expect([...values]).toEqual([`stopped ${new Date(NOW).toISOString()} by event (manual)`]);
  });

  it("a dry run, or a request without stamps (POWER_STAMPS=off), makes no tagging call", async () => {
    const dry = new TaggingCloud("aws", "us-east-1", fleet(ids("b", 3), { state: "running" }));
    await run(dry, "stop", { dryRun: true });
    const off = new TaggingCloud("aws", "us-east-1", fleet(ids("c", 3), { state: "running" }));
    const report = await run(off, "stop", {}, null);
    expect(report.totals).toEqual({ instances: 3, stopped: 3 });
    expect([...dry.tagCalls, ...off.tagCalls]).toEqual([]);
  });
});

describe("as few tagging calls as the limit allows", () => {
  it("250 stopped instances with a limit of 50: 5 calls, counted in the report's calls", async () => {
    const cloud = new TaggingCloud("aws", "us-east-1", fleet(ids("d", 250), { state: "running" }));
    const report = await run(cloud, "stop");
    expect(cloud.tagCalls.map((call) => call.ids.length)).toEqual([50, 50, 50, 50, 50]);
    expect(report.apiCalls.CreateTags).toBe(5);
    expect(report.apiCalls.StopInstances).toBe(3);
  });
});

describe("a tagging failure never changes an outcome", () => {
  it("refused (UnauthorizedOperation): every row keeps stopped, with a note, and the head says so", async () => {
    const cloud = new TaggingCloud("aws", "us-east-1", fleet(ids("e", 3), { state: "running" }));
    cloud.failTagging.push("UnauthorizedOperation");
    const report = await run(cloud, "stop");
    expect(report.totals).toEqual({ instances: 3, stopped: 3 });
    for (const row of report.instances) {
      expect(row.notes).toEqual([
        expect.stringMatching(/^stamp not written: CreateTags failed \(UnauthorizedOperation/),
      ]);
    }
    expect(report.stampFailures).toEqual([
      "stamps not written on 3 instances: CreateTags in aws us-east-1: UnauthorizedOperation",
    ]);
  });

  it("throttled once: sent again after its slot, every stamp written", async () => {
    const cloud = new TaggingCloud("aws", "us-east-1", fleet(ids("f", 3), { state: "running" }));
    cloud.failTagging.push("RequestLimitExceeded");
    const report = await run(cloud, "stop");
    expect(report.apiCalls.CreateTags).toBe(2);
    expect(report.stampFailures).toBeUndefined();
    for (const id of cloud.instances.keys()) expect(cloud.tagsOf(id)[LAST_ACTION]).toMatch(/^stopped /);
  });

  it("one instance the cloud refuses to tag is split out: only it goes without its stamp", async () => {
    const list = ids("g", 8);
    const cloud = new TaggingCloud("aws", "us-east-1", fleet(list, { state: "running" }));
    cloud.refusesTagging.add(list[5] as string);
    const report = await run(cloud, "stop");
    expect(report.totals).toEqual({ instances: 8, stopped: 8 });
    for (const id of list) {
      expect(cloud.tagsOf(id)[LAST_ACTION] !== undefined, id).toBe(id !== list[5]);
    }
    expect(report.instances.filter((row) => row.notes).map((row) => row.instanceId)).toEqual([list[5]]);
    // 1 + 2 halves + 2 + 2 down to the one: log2(8) levels.
    expect(cloud.tagCalls.length).toBeLessThanOrEqual(7);
  });

  it("no time left once the stops are answered: the stamps are skipped with a note, the outcomes stand", async () => {
    const cloud = new TaggingCloud("aws", "us-east-1", fleet(ids("h", 2), { state: "running", stuck: true }));
    // A stuck stop with wait: confirmation takes the whole budget, down to its final look in the reserve.
    const report = await run(cloud, "stop", { wait: true }, STAMP, 5_000);
    expect(report.instances.every((row) => row.outcome === "failed" && row.code === "NotConfirmed")).toBe(true);
    expect(cloud.tagCalls).toEqual([]);
    for (const row of report.instances) {
      expect(row.notes).toContain("stamp skipped: no time left in the budget for CreateTags");
    }
    expect(report.stampFailures).toEqual([
      "stamps not written on 2 instances: CreateTags in aws us-east-1: TimeBudgetExhausted",
    ]);
  });
});

describe("stamps across accounts", () => {
  it("an account is stamped as soon as its own targets end, while another account's stops are still unanswered", async () => {
    const events: string[] = [];
    let fastStamped: () => void = () => undefined;
    const stampedFirst = new Promise<void>((resolve) => {
      fastStamped = resolve;
    });
    class RecordingCloud extends TaggingCloud {
      constructor(
        readonly name: string,
        fleetOf: readonly FakeInstance[],
      ) {
        super("aws", "us-east-1", fleetOf);
      }
      override get tagging(): ProviderTagging {
        const inner = super.tagging;
        return {
          ...inner,
          tag: async (list, tags, call) => {
            events.push(`${this.name} stamped`);
            if (this.name === "fast") fastStamped();
            return inner.tag(list, tags, call);
          },
        };
      }
    }
    const fast = new RecordingCloud("fast", fleet(ids("f", 3), { state: "running" }));
    const slow = new RecordingCloud("slow", fleet(ids("s", 3), { state: "running" }));
    // The slow account's stop is answered once the fast account was stamped (or after a real second, if never).
    slow.holdAnswer = async () => {
      await Promise.race([stampedFirst, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      events.push("slow answered");
    };
    const clouds: Record<string, RecordingCloud> = { fast, slow };
    const request: PowerRequest = {
      action: "stop",
      targets: Object.entries(clouds).map(([account, cloud]) => ({
        provider: "aws",
        region: "us-east-1",
        account,
        instanceIds: [...cloud.instances.keys()],
        tags: {},
      })),
      options: DEFAULT_OPTIONS,
      scope: {},
      stamps: STAMP,
    };
    const report = await runPower(request, {
      providers: (_provider, _region, account) => clouds[account ?? ""] as RecordingCloud,
      clock: new FakeClock(NOW),
      random: () => 0.5,
      budgetMs: 60_000,
      policy: { pollIntervalMs: 10 },
    });
    expect(report.totals).toEqual({ instances: 6, stopped: 6 });
    expect(events).toEqual(["fast stamped", "slow answered", "slow stamped"]);
  });
});
