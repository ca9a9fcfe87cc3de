/**
 * `serverless package` with what a deploy takes from outside the config's deploy section: the alert channels'
 * variables (copied from the shell, never from the repo; an unset one is named, and `serverless deploy` refuses),
 * the config's alert topic as the backstops' target, and a config the deploy refuses (reported once, exit 2).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { REPO_ROOT } from "../../../src/deploy/bundle.ts";
import { resourcesOf, roleStatements, run, slsPackage } from "./support/sls-package.ts";

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "powercron-sls-alerts-"));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("Function: serverless package with alert channels", () => {
  const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:team-alerts";
  const WECOM_KEY = "wecom0123456789abcdef";

  it("copies the channels' variables from the shell, warns of an unset one, and sends the backstops to the alert topic", async () => {
    const text = await readFile(join(REPO_ROOT, "config/schedules.yaml"), "utf8");
    const alerts = join(workDir, "alerts.yaml");
    await writeFile(
      alerts,
      `${text}
notify:
  channels:
    - { type: sns, topicArn: "${TOPIC_ARN}" }
    - { name: team, type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=\${WECOM_KEY}" }
    - { type: dingtalk, url: "\${DING_URL}", secret: "\${DING_SIGN}", groups: [payments-test] }
`,
    );
    const packaged = await slsPackage(workDir, "alerts", [], {
      config: alerts,
      env: { WECOM_KEY, DING_URL: "https://oapi.dingtalk.com/robot/send?access_token=x", POWER_NOTIFY_ON: "failure" },
    });
    for (const fn of resourcesOf(packaged.template, "AWS::Lambda::Function")) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(variables).toMatchObject({
        WECOM_KEY,
        DING_URL: "https://oapi.dingtalk.com/robot/send?access_token=x",
        POWER_NOTIFY_ON: "failure",
      });
      expect(variables).not.toHaveProperty("DING_SIGN");
    }
    expect(packaged.output).toMatch(
      /notify\.channels\[2\]\.secret: \$\{DING_SIGN\} is not set in the deploy's environment/,
    );
    expect(packaged.output).toContain("a deploy to AWS Lambda refuses (exit 2) until the above is fixed");
    expect(packaged.output).not.toContain(WECOM_KEY);
    // The config names a topic in the deploy's region: the alarms and the failed invocations go there.
    expect(resourcesOf(packaged.template, "AWS::SNS::Topic")).toEqual([]);
    for (const alarm of resourcesOf(packaged.template, "AWS::CloudWatch::Alarm")) {
      expect(alarm.Properties.AlarmActions).toEqual([TOPIC_ARN]);
    }
    for (const config of resourcesOf(packaged.template, "AWS::Lambda::EventInvokeConfig")) {
      expect(config.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: TOPIC_ARN } });
    }
    expect(roleStatements(packaged.template, "PowercronFunctionRole")).toContainEqual({
      Effect: "Allow",
      Action: ["sns:Publish"],
      Resource: [TOPIC_ARN],
    });
  }, 150_000);
});

describe("Function: serverless package with a config the deploy refuses", () => {
  it("prints the problem once, naming the setting, without a stack, and exits 2", async () => {
    const document = parseDocument(await readFile(join(REPO_ROOT, "config/schedules.yaml"), "utf8"));
    document.setIn(["deploy", "aws", "logRetentionDays"], 10);
    document.setIn(["deploy", "aws", "environment"], { DB_PASSWORD: "x" });
    const badConfig = join(workDir, "refused.yaml");
    await writeFile(badConfig, document.toString());
    const failure = await run(process.execPath, [join(REPO_ROOT, "node_modules/osls/bin/serverless.js"), "package"], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: workDir,
        POWER_CONFIG: badConfig,
        POWERCRON_DIST_DIR: join(workDir, "dist-refused"),
        SLS_TELEMETRY_DISABLED: "1",
        AWS_REGION: "us-east-1",
      },
      timeout: 150_000,
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    const output = `${failure?.stdout}${failure?.stderr}`;
    expect(output.match(/deploy\.aws\.logRetentionDays: 10 is not a retention/g)).toHaveLength(1);
    expect(output.match(/deploy\.aws\.environment\.DB_PASSWORD/g)).toHaveLength(1);
    expect(output).not.toMatch(/\n\s+at /);
  }, 120_000);
});
