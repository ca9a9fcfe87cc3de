import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { environmentChannels, NotifyConfigError, resolveReferences } from "../../src/notify/notify-config.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

const GROUP = `groups:
  - { name: office, provider: tencent, region: ap-shanghai, instanceIds: [ins-00000001], timezone: Asia/Shanghai, stop: "0 21 * * *" }
`;

function parse(notify: string) {
  return parseScheduleConfig(`${GROUP}notify:\n${notify}`, "test.yaml");
}

function problems(notify: string): string {
  try {
    parse(notify);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.issues.join("\n");
    throw error;
  }
  return "";
}

describe("Schema: the config's notify section", () => {
  it("reads channels with ${ENV} references, defaults `on` to failure and misfire", () => {
    const config = parse(`  channels:
    - { type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=\${WECOM_KEY}" }
    - { name: ding, type: dingtalk, url: "\${DING_URL}", secret: "\${DING_SECRET}", on: [failure, success], groups: [office], locale: en }
    - { type: sns, topicArn: "arn:aws:sns:us-east-1:123456789012:alerts" }
`);
    expect(config.notify?.channels.map((c) => [c.type, c.name, c.on])).toEqual([
      ["wecom", undefined, undefined],
      ["dingtalk", "ding", ["failure", "success"]],
      ["sns", undefined, undefined],
    ]);
  });

  it.each([
    [
      '    - { type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6" }',
      "notify.channels[0].url",
      "is a literal URL",
    ],
    [
      '    - { type: feishu, url: "${U}", secret: "SEC123456789" }',
      "notify.channels[0].secret",
      "is not a ${ENV_NAME} reference",
    ],
    ['    - { type: teams, url: "${U}" }', "notify.channels[0].type", ""],
    ['    - { type: slack, url: "${U}", on: [always] }', "notify.channels[0].on[0]", ""],
    [
      '    - { type: sns, topicArn: "arn:aws:sqs:us-east-1:123456789012:q" }',
      "notify.channels[0].topicArn",
      "is not an SNS topic ARN",
    ],
    [
      '    - { type: slack, url: "${U}" }\n    - { type: slack, url: "${V}" }',
      "notify.channels[1].name",
      "is also the name of channels[0]",
    ],
  ])("refuses %s, naming %s", (line, path, words) => {
    const text = problems(`  channels:\n${line}\n`);
    expect(text).toContain(path);
    expect(text).toContain(words);
    expect(text).not.toContain("693a91f6"); // a literal key is not echoed back
    expect(text).not.toContain("SEC123456789");
  });

  it("accepts a literal URL for a local receiver", () => {
    expect(problems('  channels:\n    - { type: webhook, url: "http://127.0.0.1:8080/hook" }\n')).toBe("");
  });
});

describe("Function: environmentChannels", () => {
  it.each([
    ["https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "wecom"],
    ["https://oapi.dingtalk.com/robot/send?access_token=t", "dingtalk"],
    ["https://open.feishu.cn/open-apis/bot/v2/hook/t", "feishu"],
    ["https://open.larksuite.com/open-apis/bot/v2/hook/t", "feishu"],
    ["https://hooks.slack.com/services/T/B/X", "slack"],
    ["https://example.com/hook", "webhook"],
  ])("takes the type of %s from its host: %s", (url, type) => {
    expect(environmentChannels({ POWER_NOTIFY_WEBHOOK_URL: url })).toEqual([
      { name: "env", type, target: url, on: ["failure", "misfire", "drift"] },
    ]);
  });

  it("reads the secret, the kinds, the locale and an SNS topic", () => {
    expect(
      environmentChannels({
        POWER_NOTIFY_WEBHOOK_URL: "https://example.com/h",
        POWER_NOTIFY_TYPE: "feishu",
        POWER_NOTIFY_SECRET: "s3cr3t-value",
        POWER_NOTIFY_ON: "failure, success",
        POWER_NOTIFY_LOCALE: "zh",
        POWER_NOTIFY_SNS_TOPIC_ARN: "arn:aws:sns:us-east-1:123456789012:t",
      }),
    ).toEqual([
      {
        name: "env",
        type: "feishu",
        target: "https://example.com/h",
        secret: "s3cr3t-value",
        on: ["failure", "success"],
        locale: "zh",
      },
      {
        name: "env-sns",
        type: "sns",
        target: "arn:aws:sns:us-east-1:123456789012:t",
        on: ["failure", "success"],
        locale: "zh",
      },
    ]);
  });

  it.each([
    [
      { POWER_NOTIFY_WEBHOOK_URL: "https://x.test/h", POWER_NOTIFY_ON: "failure,sometimes" },
      'POWER_NOTIFY_ON: "failure,sometimes"',
    ],
    [{ POWER_NOTIFY_WEBHOOK_URL: "https://x.test/h", POWER_NOTIFY_TYPE: "teams" }, 'POWER_NOTIFY_TYPE: "teams"'],
    [{ POWER_NOTIFY_SECRET: "s3cr3t-value" }, "POWER_NOTIFY_WEBHOOK_URL: not set"],
    [{ POWER_NOTIFY_SNS_TOPIC_ARN: "arn:aws:sns:x" }, 'POWER_NOTIFY_SNS_TOPIC_ARN: "arn:aws:sns:x"'],
    [{ POWER_NOTIFY_WEBHOOK_URL: "https://x.test/h", POWER_NOTIFY_LOCALE: "fr" }, 'POWER_NOTIFY_LOCALE: "fr"'],
  ])("refuses a bad value, naming it: %j", (env, message) => {
    expect(() => environmentChannels(env)).toThrow(NotifyConfigError);
    expect(() => environmentChannels(env)).toThrow(message);
  });

  it("fills in references, and names the unset variable", () => {
    expect(resolveReferences("https://h/send?key=${K}", { K: "abc" }, "c.url")).toBe("https://h/send?key=abc");
    expect(() => resolveReferences("${K}", {}, "c.url")).toThrow("c.url: ${K} is not set in the environment");
  });
});

describe("Secrets: the alert variables count as credentials everywhere (report/redact.ts)", () => {
  it("masks POWER_NOTIFY_WEBHOOK_URL, POWER_NOTIFY_SECRET and any *WEBHOOK* variable", async () => {
    const { redact, secretValues } = await import("../../src/report/redact.ts");
    const env = {
      POWER_NOTIFY_WEBHOOK_URL: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-aaaa",
      POWER_NOTIFY_SECRET: "SECabcdef0123456789",
      SLACK_WEBHOOK: "https://hooks.slack.com/services/T1/B2/XYZXYZXYZXYZ",
      POWER_NOTIFY_ON: "failure,misfire,success",
    };
    const text = redact(
      `${env.POWER_NOTIFY_WEBHOOK_URL} ${env.POWER_NOTIFY_SECRET} ${env.SLACK_WEBHOOK} ${env.POWER_NOTIFY_ON}`,
      secretValues(env),
    );
    expect(text).toBe("[redacted] [redacted] [redacted] failure,misfire,success");
  });
});
