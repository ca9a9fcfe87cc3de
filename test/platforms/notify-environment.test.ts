/**
 * The deploys copy the alert channels' variables from the deploy's environment into the functions': the config's
 * `${ENV}` references (each a secret when it sits in a URL or a signing secret) and the POWER_NOTIFY_* that are set.
 * An unset reference is named with its channel's field; a value the config's deploy environment sets is left to it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";
import { notifyEnvironment } from "../../src/platforms/notify-environment.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

const SOURCE = join(REPO_ROOT, "config/schedules.yaml");

async function configWith(notify: string, environment = "") {
  let text = await readFile(SOURCE, "utf8");
  if (environment) {
    const empty = "    environment: {} # extra variables";
    expect(text).toContain(empty);
    text = text.replace(empty, `    environment: ${environment} # extra variables`);
  }
  return parseScheduleConfig(`${text}\nnotify:\n  channels:\n${notify}`, SOURCE);
}

const WECOM = `    - { name: team, type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=\${WECOM_KEY}" }\n`;
const DING = `    - { type: dingtalk, url: "\${DING_URL}", secret: "\${DING_SIGN}", groups: [checkout-test] }\n`;
const TOPIC = `    - { type: sns, topicArn: "\${ALERT_TOPIC}", groups: [payments-test] }\n`;

describe("Function: notifyEnvironment", () => {
  it.each([
    {
      case: "copies each reference from the deploy's environment; URLs and signing secrets are secrets",
      notify: WECOM + DING,
      platform: "scf" as const,
      env: {
        WECOM_KEY: "k".repeat(16),
        DING_URL: "https://oapi.dingtalk.com/robot/send?access_token=t",
        DING_SIGN: "s",
      },
      variables: {
        WECOM_KEY: "k".repeat(16),
        DING_URL: "https://oapi.dingtalk.com/robot/send?access_token=t",
        DING_SIGN: "s",
      },
      secretNames: ["WECOM_KEY", "DING_URL", "DING_SIGN", "POWER_NOTIFY_WEBHOOK_URL", "POWER_NOTIFY_SECRET"],
      missing: [],
    },
    {
      case: "names an unset reference by its channel's field",
      notify: WECOM + DING,
      platform: "scf" as const,
      env: { WECOM_KEY: "key" },
      variables: { WECOM_KEY: "key" },
      secretNames: ["WECOM_KEY", "DING_URL", "DING_SIGN", "POWER_NOTIFY_WEBHOOK_URL", "POWER_NOTIFY_SECRET"],
      missing: [
        "notify.channels[1].url: ${DING_URL} is not set in the deploy's environment: export it before deploying (the deploy copies it into the functions' environment; without it the channel fails at every alert)",
        "notify.channels[1].secret: ${DING_SIGN} is not set in the deploy's environment: export it before deploying (the deploy copies it into the functions' environment; without it the channel fails at every alert)",
      ],
    },
    {
      case: "leaves out a channel limited to the other platform's groups (checkout-test is on SCF)",
      notify: DING + TOPIC,
      platform: "aws" as const,
      env: { ALERT_TOPIC: "arn:aws:sns:us-east-1:123456789012:alerts" },
      variables: { ALERT_TOPIC: "arn:aws:sns:us-east-1:123456789012:alerts" },
      secretNames: ["POWER_NOTIFY_WEBHOOK_URL", "POWER_NOTIFY_SECRET"],
      missing: [],
    },
    {
      case: "copies the POWER_NOTIFY_* that are set, the URL and secret as secrets, the rest shown",
      notify: WECOM,
      platform: "scf" as const,
      env: {
        WECOM_KEY: "key",
        POWER_NOTIFY_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/X",
        POWER_NOTIFY_ON: "failure,success",
        POWER_NOTIFY_LOCALE: " ",
      },
      variables: {
        WECOM_KEY: "key",
        POWER_NOTIFY_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/X",
        POWER_NOTIFY_ON: "failure,success",
      },
      secretNames: ["WECOM_KEY", "POWER_NOTIFY_WEBHOOK_URL", "POWER_NOTIFY_SECRET"],
      missing: [],
    },
  ])("$case", async ({ notify, platform, env, variables, secretNames, missing }) => {
    const result = notifyEnvironment(await configWith(notify), platform, env);
    expect(result).toEqual({ variables, secretNames, missing });
  });

  it("leaves a variable to deploy.<platform>.environment when the config sets it there", async () => {
    const config = await configWith(WECOM, "{ POWER_NOTIFY_ON: failure }");
    const result = notifyEnvironment(config, "scf", { WECOM_KEY: "key", POWER_NOTIFY_ON: "success" });
    expect(result.variables).toEqual({ WECOM_KEY: "key" });
  });

  it("copies nothing and misses nothing without a notify section or POWER_NOTIFY_*", async () => {
    const config = parseScheduleConfig(await readFile(SOURCE, "utf8"), SOURCE);
    expect(notifyEnvironment(config, "aws", { HOME: "/root" })).toMatchObject({ variables: {}, missing: [] });
  });
});
