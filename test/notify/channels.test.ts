import { afterEach, describe, expect, it } from "vitest";
import { alertOfReport } from "../../src/notify/alert.ts";
import { ALERT_BUDGET_MS, deliverAlert } from "../../src/notify/deliver.ts";
import type { NotifyChannel } from "../../src/notify/notify-config.ts";
import { SentAlerts } from "../../src/notify/sent-alerts.ts";
import { stopReport } from "./support/alerts.ts";
import {
  dingtalkServer,
  feishuServer,
  type Platform,
  type Receiver,
  slackServer,
  startReceiver,
  webhookServer,
  wecomServer,
} from "./support/receivers.ts";

const KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const SECRET = "SEC5a3ecf88f2b3eb50db30ecfc00f53033ac909c99bf7f";
const TOKEN = "5e3d587e-d78e-4a07-bd07-265f269f86fd";
const SLACK_PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(platform: Platform): Promise<Receiver> {
  const r = await startReceiver(platform);
  receivers.push(r);
  return r;
}

const alert = alertOfReport(stopReport(9, 23), {
  action: "stop",
  groups: ["checkout-test"],
  trigger: "checkout-test-stop",
  firedAt: "2026-11-23T13:00:00Z",
  requestId: "req-0001",
});
if (alert === undefined) throw new Error("fixture: no alert");

function deps(env: Record<string, string>, budgetMs?: number) {
  return {
    env,
    sent: new SentAlerts(),
    now: Date.now,
    fetch,
    topic: () => {
      throw new Error("no SNS here");
    },
    ...(budgetMs === undefined ? {} : { budgetMs }),
  };
}

interface Case {
  readonly type: NotifyChannel["type"];
  readonly platform: Platform;
  readonly url: (base: string) => string;
  readonly secret: boolean;
  /** Where the message's text sits in the body the platform received. */
  readonly text: (body: Record<string, unknown>) => string;
  readonly contentType: RegExp;
}

const CASES: Case[] = [
  {
    type: "wecom",
    platform: wecomServer(KEY),
    url: (base) => `${base}/cgi-bin/webhook/send?key=\${WECOM_KEY}`,
    secret: false,
    text: (body) => (body.markdown as { content: string }).content,
    contentType: /^application\/json/,
  },
  {
    type: "dingtalk",
    platform: dingtalkServer(TOKEN, SECRET),
    url: (base) => `${base}/robot/send?access_token=\${DINGTALK_TOKEN}`,
    secret: true,
    text: (body) => (body.markdown as { text: string }).text,
    contentType: /^application\/json/,
  },
  {
    type: "feishu",
    platform: feishuServer(TOKEN, SECRET),
    url: (base) => `${base}/open-apis/bot/v2/hook/\${FEISHU_TOKEN}`,
    secret: true,
    text: (body) => JSON.stringify(body.card),
    contentType: /^application\/json/,
  },
  {
    type: "slack",
    platform: slackServer(SLACK_PATH),
    url: (base) => `${base}\${SLACK_PATH}`,
    secret: false,
    text: (body) => `${String(body.text)}\n${JSON.stringify(body.blocks)}`,
    contentType: /^application\/json/,
  },
  {
    type: "webhook",
    platform: webhookServer(SECRET),
    url: (base) => `${base}/hooks/powercron`,
    secret: true,
    text: (body) => `${String(body.text)}\n${JSON.stringify(body.report)}`,
    contentType: /^application\/json/,
  },
];

const ENV = { WECOM_KEY: KEY, DINGTALK_TOKEN: TOKEN, FEISHU_TOKEN: TOKEN, SLACK_PATH, HOOK_SECRET: SECRET };

function channel(c: Case, base: string, secret = "${HOOK_SECRET}"): NotifyChannel {
  return {
    name: `team-${c.type}`,
    type: c.type,
    target: c.url(base),
    ...(c.secret ? { secret } : {}),
    on: ["failure", "misfire"],
  };
}

describe("Function: deliverAlert, each channel against a receiver that checks it as its platform does", () => {
  it.each(CASES)(
    "$type: one POST in the platform's format, signature verified, failing IDs and codes listed",
    async (c) => {
      const r = await receiver(c.platform);
      const notifications = await deliverAlert(alert, [channel(c, r.url)], deps(ENV), stopReport(9, 23));
      expect(notifications).toEqual([{ channel: `team-${c.type}`, ok: true }]);
      expect(r.received).toHaveLength(1);
      const [request] = r.received;
      expect(request?.method).toBe("POST");
      expect(request?.headers["content-type"]).toMatch(c.contentType);
      const text = c.text(JSON.parse(request?.body ?? "{}") as Record<string, unknown>);
      // zh: a Tencent run; the first 20 failures by ID with their codes, then the rest counted
      expect(text).toContain("ins-000000rs (failed: LimitExceeded)");
      expect(text).toContain("ins-000000rt (failed: InternalError)");
      expect(text).toContain("checkout-test");
      expect(text).toContain("req-0001");
      expect(text).toContain("2026-11-23T13:00:00Z");
      if (c.type !== "webhook") {
        expect(text).toContain("另有 3 台未列出");
        expect(text).toContain("ins-000000sb"); // the 20th failure (1000 + 19 in base 36) is listed
        expect(text).not.toContain("ins-000000sc"); // the 21st is only counted
      }
    },
  );

  it.each(CASES.filter((c) => c.secret))(
    "$type: a wrong signing secret is refused by the platform and reported, masked",
    async (c) => {
      const r = await receiver(c.platform);
      const wrong = "SECwrongwrongwrongwrongwrongwrong";
      const notifications = await deliverAlert(alert, [channel(c, r.url, "${WRONG}")], deps({ ...ENV, WRONG: wrong }));
      expect(notifications).toHaveLength(1);
      expect(notifications[0]?.ok).toBe(false);
      expect(notifications[0]?.error).toMatch(/310000|19021|HTTP 401/);
      const shown = JSON.stringify(notifications);
      for (const secret of [wrong, KEY, TOKEN, SECRET]) expect(shown).not.toContain(secret);
    },
  );

  it.each([
    { case: "answers 500", platform: (() => ({ status: 500, body: "boom" })) as Platform, requests: 2 },
    { case: "never answers", platform: (() => "hang") as Platform, requests: 2 },
  ])(
    "a receiver that $case: one retry, done within the 3 s budget, reported not ok",
    async ({ platform, requests }) => {
      const r = await receiver(platform);
      const began = Date.now();
      const notifications = await deliverAlert(
        alert,
        [{ name: "down", type: "webhook", target: `${r.url}/x`, on: ["failure"] }],
        deps({}),
      );
      const took = Date.now() - began;
      expect(took).toBeLessThanOrEqual(ALERT_BUDGET_MS + 250);
      expect(r.received).toHaveLength(requests);
      expect(notifications).toEqual([{ channel: "down", ok: false, error: expect.stringMatching(/after a retry/) }]);
    },
  );

  it("a channel whose variable is unset fails alone, naming the variable; the others are sent", async () => {
    const r = await receiver(webhookServer(undefined));
    const notifications = await deliverAlert(
      alert,
      [
        { name: "good", type: "webhook", target: `${r.url}/ok`, on: ["failure"] },
        {
          name: "unset",
          type: "wecom",
          target: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${NOPE}",
          on: ["failure"],
        },
      ],
      deps({}),
    );
    expect(notifications).toEqual([
      { channel: "good", ok: true },
      { channel: "unset", ok: false, error: "unset.url: ${NOPE} is not set in the environment" },
    ]);
    expect(r.received).toHaveLength(1);
  });

  it("sends only where wanted: `on` and `groups` filter, and the same run's alert goes once per channel", async () => {
    const r = await receiver(webhookServer(undefined));
    const sent = new SentAlerts();
    const channels: NotifyChannel[] = [
      { name: "all", type: "webhook", target: `${r.url}/all`, on: ["failure"] },
      { name: "success-only", type: "webhook", target: `${r.url}/s`, on: ["success"] },
      { name: "other-group", type: "webhook", target: `${r.url}/g`, on: ["failure"], groups: ["search-dev"] },
      { name: "this-group", type: "webhook", target: `${r.url}/t`, on: ["failure"], groups: ["checkout-test"] },
    ];
    const first = await deliverAlert(alert, channels, { ...deps({}), sent });
    const again = await deliverAlert(alert, channels, { ...deps({}), sent });
    expect(first.map((n) => n.channel)).toEqual(["all", "this-group"]);
    expect(again).toEqual([]);
    expect(r.received.map((q) => q.path).sort()).toEqual(["/all", "/t"]);
  });
});
