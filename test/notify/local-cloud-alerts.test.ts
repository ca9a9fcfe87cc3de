/**
 * Alerts from the deployed handler's code path against the local cloud (real EC2 and CVM SDKs over HTTP): a failing
 * run alerts each channel exactly once with the failed IDs and codes, a clean run alerts none.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { localCloudEnv } from "../../src/cli/local-env.ts";
import { SentAlerts } from "../../src/notify/sent-alerts.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";
import { awsId, fleetOf, harnessPerTest, tencentId } from "../integration/support/local-cloud-run.ts";
import { dingtalkServer, type Receiver, slackServer, startReceiver, webhookServer } from "./support/receivers.ts";

const start = harnessPerTest();
const TOKEN = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const SECRET = "SECc0ffee0123456789abcdef0123456789abcdef";
const SLACK_PATH = "/services/T0000LOCAL/B0000LOCAL/abcdefghijklmnopqrstuvwx";
const receivers: Receiver[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function channels() {
  const ding = await startReceiver(dingtalkServer(TOKEN, SECRET));
  const slack = await startReceiver(slackServer(SLACK_PATH));
  const hook = await startReceiver(webhookServer(undefined));
  receivers.push(ding, slack, hook);
  const yaml = {
    channels: [
      { name: "ding", type: "dingtalk" as const, url: "${DING_URL}", secret: "${DING_SECRET}" },
      { name: "slack", type: "slack" as const, url: "${SLACK_WEBHOOK}" },
      { name: "hook", type: "webhook" as const, url: `${hook.url}/alerts` },
    ],
  };
  const env = {
    DING_URL: `${ding.url}/robot/send?access_token=${TOKEN}`,
    DING_SECRET: SECRET,
    SLACK_WEBHOOK: `${slack.url}${SLACK_PATH}`,
  };
  return { ding, slack, hook, yaml, env };
}

describe("Alerts through the real SDKs against the local cloud", () => {
  it("2 stop-protected EC2 instances among 10: one alert per channel naming both with OperationNotPermitted", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => awsId("b", i));
    const locked = [ids[2] as string, ids[7] as string];
    const h = await start([
      ...fleetOf(
        "aws",
        "us-east-1",
        ids.filter((id) => !locked.includes(id)),
      ),
      ...fleetOf("aws", "us-east-1", locked, { disableApiStop: true }),
    ]);
    const { ding, slack, hook, yaml, env } = await channels();
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void out.push(String(line)));
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void out.push(String(line)));
    const handler = powerHandler("stop", () => ({
      env: { ...localCloudEnv(h.cloud.url), POWER_TIME_BUDGET_SECONDS: "60", POWER_REQUEST_TIMEOUT_MS: "3000", ...env },
      pollIntervalMs: 100,
      notify: { sent: new SentAlerts(), loadSettings: async () => ({ notify: yaml, providers: {} }) },
    }));
    await expect(
      handler({ provider: "aws", region: "us-east-1", instanceIds: ids }, { requestId: "lc-1" }),
    ).rejects.toThrow(/stop failed for 2 of 10 instances/);
    expect([ding.received.length, slack.received.length, hook.received.length]).toEqual([1, 1, 1]);
    const dingText = (JSON.parse(ding.received[0]?.body ?? "{}") as { markdown: { text: string } }).markdown.text;
    const slackText = String((JSON.parse(slack.received[0]?.body ?? "{}") as { text: string }).text);
    for (const id of locked) {
      expect(dingText).toContain(`${id} (failed: OperationNotPermitted)`);
      expect(slackText).toContain(`${id} (failed: OperationNotPermitted)`);
    }
    expect(dingText).toContain("stopped 8, failed 2");
    const logged = JSON.parse(out.find((line) => line.startsWith("{")) ?? "{}") as { notifications?: unknown };
    expect(logged.notifications).toEqual([
      { channel: "ding", ok: true },
      { channel: "slack", ok: true },
      { channel: "hook", ok: true },
    ]);
    for (const secret of [TOKEN, SECRET, SLACK_PATH.slice(10)]) expect(out.join("\n")).not.toContain(secret);
  });

  it("a clean Tencent stop alerts nobody (failure and misfire only)", async () => {
    const ids = Array.from({ length: 5 }, (_, i) => tencentId("c", i));
    const h = await start(fleetOf("tencent", "ap-shanghai", ids));
    const { ding, slack, hook, yaml, env } = await channels();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const handler = powerHandler("stop", () => ({
      env: { ...localCloudEnv(h.cloud.url), POWER_TIME_BUDGET_SECONDS: "60", ...env },
      pollIntervalMs: 100,
      notify: { sent: new SentAlerts(), loadSettings: async () => ({ notify: yaml, providers: {} }) },
    }));
    const report = await handler({ provider: "tencent", region: "ap-shanghai", instanceIds: ids });
    expect(report.totals).toEqual({ instances: 5, stopped: 5 });
    expect(report.notifications).toBeUndefined();
    expect([ding.received.length, slack.received.length, hook.received.length]).toEqual([0, 0, 0]);
  });
});
