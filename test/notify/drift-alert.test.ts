/** An enforce tick that corrects drift alerts the channels, through the handler the platforms call. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { SentAlerts } from "../../src/notify/sent-alerts.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { scheduleEnforceResolver } from "../../src/runtime/resolve-enforce.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";
import { FakeClock } from "../support/fake-clock.ts";
import { FakeProvider } from "../support/fake-provider.ts";
import { type Receiver, startReceiver, webhookServer, wecomServer } from "./support/receivers.ts";

const KEY = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";
const HOOK_SECRET = "whsec-0123456789abcdef0123456789";

/** Weekdays 09:00-21:00 Shanghai (01:00-13:00 UTC), kept off outside them; 2026-11-23 is a Monday. */
const CONFIG = `groups:
  - { name: web-test, provider: tencent, region: ap-shanghai, tags: { env: test }, timezone: Asia/Shanghai, start: "0 9 * * 1-5", stop: "0 21 * * 1-5", enforce: stop }
notify:
  channels:
    - { name: team, type: wecom, url: "\${BASE}/cgi-bin/webhook/send?key=\${WECOM_KEY}" }
    - { name: ops, type: webhook, url: "\${OPS_WEBHOOK}", secret: "\${OPS_SECRET}", on: [success] }
    - { name: pager, type: webhook, url: "\${OPS_WEBHOOK}", secret: "\${OPS_SECRET}", on: [failure] }
`;

const receivers: Receiver[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function enforceTick(running: string[]) {
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  const wecom = await startReceiver(wecomServer(KEY));
  const ops = await startReceiver(webhookServer(HOOK_SECRET));
  receivers.push(wecom, ops);
  const config = parseScheduleConfig(CONFIG, "test.yaml");
  const ids = ["ins-00000001", "ins-00000002", "ins-00000003"];
  const cloud = new FakeProvider(
    "tencent",
    "ap-shanghai",
    ids.map((instanceId) => ({
      instanceId,
      state: running.includes(instanceId) ? ("running" as const) : ("stopped" as const),
      tags: { env: "test" },
    })),
  );
  const handler = powerHandler("stop", () => ({
    env: {
      BASE: wecom.url,
      WECOM_KEY: KEY,
      OPS_WEBHOOK: `${ops.url}/powercron?token=ops-token-123456789`,
      OPS_SECRET: HOOK_SECRET,
      POWER_CONFIG: "schedules.yaml",
    },
    providers: () => cloud,
    clock: new FakeClock(Date.parse("2026-11-23T15:00:10Z")),
    random: () => 0.5,
    resolveEnforce: scheduleEnforceResolver({ loadConfig: async () => config }),
    notify: {
      sent: new SentAlerts(),
      loadSettings: async () => ({
        ...(config.notify ? { notify: config.notify } : {}),
        providers: { "web-test": "tencent" as const },
      }),
    },
  }));
  const report = await handler(
    { group: "web-test", enforce: true, scheduledTime: "2026-11-23T15:00:00Z" },
    { requestId: "req-e", time_limit_in_ms: 30_000 },
  );
  return { report, wecom, ops, cloud };
}

describe("Drift alerts from an enforce tick", () => {
  it("names the instance it stopped at 23:00 and when it was due, to the default channel and to a success channel", async () => {
    const { report, wecom, ops, cloud } = await enforceTick(["ins-00000002"]);

    expect(cloud.actionCalls().map((call) => call.instanceIds)).toEqual([["ins-00000002"]]);
    expect(report.notifications).toEqual([
      { channel: "team", ok: true },
      { channel: "ops", ok: true },
    ]);
    const content = (JSON.parse(wecom.received[0]?.body ?? "{}") as { markdown: { content: string } }).markdown.content;
    expect(content).toContain("纠偏:关机了 1 台偏离计划的实例");
    expect(content).toContain("ins-00000002 (stopped, 应于 2026-11-23T13:00:00.000Z)");
    expect((JSON.parse(ops.received[0]?.body ?? "{}") as { kind: string }).kind).toBe("drift");
  });

  it("sends nothing to the default channel when nothing drifted", async () => {
    const { report, wecom, ops, cloud } = await enforceTick([]);

    expect(cloud.actionCalls()).toEqual([]);
    expect(wecom.received).toHaveLength(0);
    expect(ops.received).toHaveLength(1);
    expect((JSON.parse(ops.received[0]?.body ?? "{}") as { kind: string }).kind).toBe("success");
    expect(report.notifications).toEqual([{ channel: "ops", ok: true }]);
  });
});
