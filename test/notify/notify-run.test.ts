import { afterEach, describe, expect, it, vi } from "vitest";
import { PowerRunFailedError, ScheduleMisfireError } from "../../src/errors.ts";
import { SentAlerts } from "../../src/notify/sent-alerts.ts";
import type { TopicMessage as SnsMessage } from "../../src/notify/topic.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { scheduleGroupResolver } from "../../src/runtime/resolve-group.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";
import { PLATFORM_EVENTS } from "../support/platform-events.ts";
import { type Receiver, startReceiver, webhookServer, wecomServer } from "./support/receivers.ts";

const KEY = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";
const HOOK_SECRET = "whsec-0123456789abcdef0123456789";

const CONFIG = `groups:
  - { name: office, provider: tencent, region: ap-shanghai, instanceIds: [ins-00000001, ins-00000002], timezone: Asia/Shanghai, stop: "0 21 * * 1-5" }
notify:
  channels:
    - { name: team, type: wecom, url: "\${BASE}/cgi-bin/webhook/send?key=\${WECOM_KEY}" }
    - { name: ops, type: webhook, url: "\${OPS_WEBHOOK}", secret: "\${OPS_SECRET}", on: [failure, misfire, success] }
`;

const receivers: Receiver[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

function capture() {
  const out: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void out.push(args.map(String).join(" ")));
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void out.push(args.map(String).join(" ")));
  return out;
}

async function setUp(options: { refuse?: boolean; wecomDown?: "hang" | 500 } = {}) {
  const wecom = await startReceiver(
    options.wecomDown === "hang"
      ? () => "hang"
      : options.wecomDown === 500
        ? () => ({ status: 500, body: "{}" })
        : wecomServer(KEY),
  );
  const ops = await startReceiver(webhookServer(HOOK_SECRET));
  receivers.push(wecom, ops);
  const config = parseScheduleConfig(CONFIG, "test.yaml");
  const cloud = new FakeProvider("tencent", "ap-shanghai", [
    { instanceId: "ins-00000001", state: "running" },
    {
      instanceId: "ins-00000002",
      state: "running",
      ...(options.refuse ? { refuses: { stop: "OperationDenied.InstanceOperationInProgress" } } : {}),
    },
  ]);
  const env = {
    BASE: wecom.url,
    WECOM_KEY: KEY,
    OPS_WEBHOOK: `${ops.url}/powercron?token=ops-token-123456789`,
    OPS_SECRET: HOOK_SECRET,
    POWER_MAX_EVENT_AGE: "0",
  };
  const sent = new SentAlerts();
  const handler = powerHandler("stop", () => ({
    env,
    platforms: PLATFORM_EVENTS,
    providers: () => cloud,
    clock: new FakeClock(Date.UTC(2026, 10, 23, 13, 0, 5)),
    random: () => 0.5,
    resolveGroup: scheduleGroupResolver({ loadConfig: async () => config }),
    notify: {
      sent,
      loadSettings: async () => ({
        ...(config.notify ? { notify: config.notify } : {}),
        providers: { office: "tencent" as const },
      }),
    },
  }));
  return { handler, wecom, ops, cloud };
}

const fire = (time: string) => ({
  Type: "Timer",
  TriggerName: "office-stop",
  Time: time,
  Message: '{"group":"office"}',
});
const context = (id: string) => ({ requestId: id, time_limit_in_ms: 30_000 });

describe("Function: powerHandler with alerts (notifyRun)", () => {
  it("a failing run sends exactly one failure alert per channel, with the failed ID and its code, and still fails", async () => {
    const log = capture();
    const { handler, wecom, ops } = await setUp({ refuse: true });
    const error = await handler(fire("2026-11-23T13:00:00Z"), context("req-1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerRunFailedError);
    expect(wecom.received).toHaveLength(1);
    expect(ops.received).toHaveLength(1);
    const content = (JSON.parse(wecom.received[0]?.body ?? "{}") as { markdown: { content: string } }).markdown.content;
    expect(content).toContain("关机失败:2 台中 2 台失败");
    expect(content).toContain("ins-00000002 (failed: OperationDenied.InstanceOperationInProgress)");
    expect(content).toContain("office");
    expect(content).toContain("req-1");
    const body = JSON.parse(ops.received[0]?.body ?? "{}") as { kind: string; report: { totals: unknown } };
    expect(body.kind).toBe("failure");
    expect(body.report.totals).toEqual({ instances: 2, failed: 2 }); // the refusal fails the whole call
    const logged = JSON.parse(log.find((line) => line.startsWith("{")) ?? "{}") as { notifications?: unknown };
    expect(logged.notifications).toEqual([
      { channel: "team", ok: true },
      { channel: "ops", ok: true },
    ]);
  });

  it("a clean run sends nothing to a failure-only channel, a summary where success is asked for", async () => {
    capture();
    const { handler, wecom, ops } = await setUp();
    const report = await handler(fire("2026-11-23T13:00:00Z"), context("req-2"));
    expect(report.totals).toEqual({ instances: 2, stopped: 2 });
    expect(wecom.received).toHaveLength(0);
    expect(ops.received).toHaveLength(1);
    expect((JSON.parse(ops.received[0]?.body ?? "{}") as { kind: string }).kind).toBe("success");
    expect(report.notifications).toEqual([{ channel: "ops", ok: true }]);
  });

  it("a misfire alerts every channel and is still thrown, with nothing changed in the cloud", async () => {
    capture();
    const { handler, wecom, ops, cloud } = await setUp();
    const error = await handler(fire("2026-11-23T05:17:00Z"), context("req-3")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScheduleMisfireError);
    expect(cloud.actionCalls()).toHaveLength(0);
    expect(wecom.received).toHaveLength(1);
    expect(ops.received).toHaveLength(1);
    const content = (JSON.parse(wecom.received[0]?.body ?? "{}") as { markdown: { content: string } }).markdown.content;
    expect(content).toContain("误触发");
    expect(content).toContain("2026-11-23T05:17:00Z");
    expect(content).toContain("office-stop");
  });

  it("the same run delivered twice (the platform's retry) alerts once", async () => {
    capture();
    const { handler, wecom } = await setUp();
    for (let i = 0; i < 2; i++) await handler(fire("2026-11-23T05:17:00Z"), context("req-4")).catch(() => undefined);
    expect(wecom.received).toHaveLength(1);
  });

  it.each(["hang", 500] as const)(
    "a chat channel that is down (%s) changes nothing but its notification: the run's outcome, the other channel",
    async (down) => {
      const log = capture();
      const { handler, wecom, ops } = await setUp({ refuse: true, wecomDown: down });
      const began = Date.now();
      const error = await handler(fire("2026-11-23T13:00:00Z"), context("req-5")).catch((e: unknown) => e);
      expect(Date.now() - began).toBeLessThan(3_000 + 1_000);
      expect(error).toBeInstanceOf(PowerRunFailedError);
      expect(wecom.received).toHaveLength(2); // one retry
      expect(ops.received).toHaveLength(1);
      const logged = JSON.parse(log.find((line) => line.startsWith("{")) ?? "{}") as {
        notifications?: { channel: string; ok: boolean; error?: string }[];
      };
      expect(logged.notifications?.map((n) => [n.channel, n.ok])).toEqual([
        ["team", false],
        ["ops", true],
      ]);
      const all = log.join("\n");
      expect(all).toContain('failure alert to channel "team" failed');
      for (const secret of [KEY, HOOK_SECRET, "ops-token-123456789", wecom.url]) expect(all).not.toContain(secret);
    },
  );

  it("POWER_NOTIFY_* without a config: an SNS topic gets the failure with the codes", async () => {
    capture();
    const published: SnsMessage[] = [];
    const cloud = new FakeProvider("aws", "us-east-1", [
      { instanceId: "i-00000000000000001", state: "running", refuses: { stop: "UnauthorizedOperation" } },
    ]);
    const handler = powerHandler("stop", () => ({
      env: { POWER_NOTIFY_SNS_TOPIC_ARN: "arn:aws:sns:us-east-1:123456789012:powercron-alerts" },
      providers: () => cloud,
      clock: new FakeClock(),
      notify: {
        sent: new SentAlerts(),
        loadSettings: async () => ({ providers: {} }),
        topic: async (message) => {
          published.push(message);
          return "m-1";
        },
      },
    }));
    await expect(
      handler({ provider: "aws", instanceIds: ["i-00000000000000001"], region: "us-east-1" }, { requestId: "a-1" }),
    ).rejects.toThrow(PowerRunFailedError);
    expect(published).toHaveLength(1);
    expect(published[0]?.topicArn).toBe("arn:aws:sns:us-east-1:123456789012:powercron-alerts");
    expect(published[0]?.subject).toBe("powercron stop failed for 1 of 1 instance");
    expect(published[0]?.message).toContain("i-00000000000000001 (failed: UnauthorizedOperation)");
    expect(published[0]?.message).toContain("Request ID: a-1");
  });

  it("never runs past the function's end: with 1 s left, a hung channel is given 700 ms", async () => {
    capture();
    const { handler, wecom } = await setUp({ refuse: true, wecomDown: "hang" });
    const began = Date.now();
    const error = await handler(fire("2026-11-23T13:00:00Z"), {
      requestId: "req-6",
      getRemainingTimeInMillis: () => 1_000,
    }).catch((e: unknown) => e);
    expect(wecom.received.length).toBeGreaterThanOrEqual(1);
    expect(error).toBeInstanceOf(PowerRunFailedError);
    expect(Date.now() - began).toBeLessThan(1_500);
  });
});
