import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { REPO_ROOT } from "../../../src/deploy/bundle.ts";
import { configDigest } from "../../../src/deploy/config-digest.ts";
import { assumeRoleStatements } from "../../../src/platforms/account-roles.ts";
import { awsScheduleTriggers } from "../../../src/platforms/lambda/schedules.ts";
import {
  type IamStatement,
  iamRoles,
  iamStatements,
  workerInvokeStatements,
} from "../../../src/platforms/lambda/serverless-settings.ts";
import { loadScheduleConfig, type ScheduleConfig } from "../../../src/schedule/config.ts";
import {
  type Packaged,
  resourcesOf,
  roleStatements,
  slsPackage as slsPackageIn,
  type Template,
} from "./support/sls-package.ts";

/** The Lambda role's assume-role statements for the config's AWS accounts, as serverless-config.cjs passes them. */
const awsAssumeRoleStatements = (config: ScheduleConfig) => assumeRoleStatements(config, "aws") as IamStatement[];

const KMS_KEYS = [
  "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  "arn:aws:kms:eu-central-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321",
];

let workDir: string;
let configFile: string;
let config: ScheduleConfig;
let prod: Packaged;
let dev: Packaged;

/** `npx serverless package` of the test's config, and nothing else: no build step before it. */
const slsPackage = (label: string, args: readonly string[] = []) =>
  slsPackageIn(workDir, label, args, { config: configFile });

/** Every name the stack gives a resource: functions, schedules, roles, log groups. */
function deployedNames(template: Template): string[] {
  return Object.values(template.Resources).flatMap((resource) => {
    const { FunctionName, Name, RoleName, LogGroupName } = resource.Properties as Record<string, unknown>;
    return [FunctionName, Name, RoleName, LogGroupName]
      .filter((name) => name !== undefined && !(typeof name === "object" && "Ref" in (name as object)))
      .map((name) => JSON.stringify(name));
  });
}

async function shippedFiles(distDir: string, name: "start" | "stop"): Promise<Record<string, string>> {
  const files = unzipSync(await readFile(join(distDir, "aws", `${name}.zip`)));
  return Object.fromEntries(Object.entries(files).map(([path, bytes]) => [path, Buffer.from(bytes).toString("utf8")]));
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "powercron-sls-"));
  // The repo's config, with KMS keys added so that the kms:CreateGrant statement is generated too.
  const document = parseDocument(await readFile(join(REPO_ROOT, "config/schedules.yaml"), "utf8"));
  document.setIn(["deploy", "aws", "kmsKeyArns"], KMS_KEYS);
  configFile = join(workDir, "schedules.yaml");
  await writeFile(configFile, document.toString());
  config = await loadScheduleConfig(configFile);
  // One after the other: two `serverless package` runs of one service at once have been seen to lose one's template.
  prod = await slsPackage("prod");
  dev = await slsPackage("dev", ["--stage", "dev"]);
}, 240_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("Function: serverless package", () => {
  it("builds the zips itself, from the current config, and names the config digest", async () => {
    const digest = configDigest(await readFile(configFile));
    expect(prod.output).toContain(`config ${digest}`);
    for (const name of ["start", "stop"] as const) {
      const files = await shippedFiles(prod.distDir, name);
      expect(files["config/schedules.yaml"]).toBe(await readFile(configFile, "utf8"));
      expect(files[`dist/aws/${name}/index.js`]).toContain(JSON.stringify(digest));
    }
  });

  it("creates one EventBridge Scheduler schedule per group action, named with the stage, run by the scheduler role", () => {
    const triggers = awsScheduleTriggers(config);
    expect(triggers.length).toBeGreaterThan(0);
    const schedules = resourcesOf(prod.template, "AWS::Scheduler::Schedule").map((resource) => resource.Properties);
    expect(schedules).toHaveLength(triggers.length);
    for (const trigger of triggers) {
      const schedule = schedules.find(
        (candidate) => candidate.Name === `powercron-prod-${trigger.group}-${trigger.action}`,
      );
      expect(schedule, trigger.name).toBeDefined();
      expect(schedule?.ScheduleExpression).toBe(trigger.expression);
      expect(schedule?.ScheduleExpressionTimezone).toBe(trigger.timezone);
      const target = schedule?.Target as { Input: string; Arn: { "Fn::GetAtt": [string, string] }; RoleArn: unknown };
      expect(JSON.parse(target.Input)).toEqual(JSON.parse(trigger.input));
      expect(target.RoleArn).toEqual({ "Fn::GetAtt": ["PowercronSchedulerRole", "Arn"] });
      expect(target.Arn["Fn::GetAtt"][0]).toBe(
        trigger.action === "start" ? "StartLambdaFunction" : "StopLambdaFunction",
      );
    }
  });

  it("gives two stages disjoint resource names", () => {
    const prodNames = deployedNames(prod.template);
    const devNames = deployedNames(dev.template);
    expect(prodNames.length).toBeGreaterThanOrEqual(10);
    expect(devNames).toHaveLength(prodNames.length);
    expect(prodNames.filter((name) => devNames.includes(name))).toEqual([]);
    for (const name of devNames) expect(name).toContain("-dev-");
  });

  it("has exactly the two generated roles: functions trusted by Lambda only, scheduler by this account's Scheduler", () => {
    const roles = Object.entries(prod.template.Resources).filter(([, resource]) => resource.Type === "AWS::IAM::Role");
    expect(roles.map(([id]) => id).sort()).toEqual(["PowercronFunctionRole", "PowercronSchedulerRole"]);
    const expected = iamRoles(config, "prod", awsAssumeRoleStatements(config));
    for (const [id, resource] of roles) expect(resource).toEqual(expected[id]);
    const functionStatements = roleStatements(prod.template, "PowercronFunctionRole");
    for (const statement of iamStatements(config.deploy.aws, ["eu-central-1", "us-east-1"])) {
      expect(functionStatements).toContainEqual(statement);
    }
    // The one Invoke permission is the fan-out's: each function its own workers, itself (lambda:SourceFunctionArn).
    const invokes = functionStatements.filter((statement) => statement.Action.includes("lambda:InvokeFunction"));
    expect(invokes).toEqual(workerInvokeStatements("prod"));
    const kms = functionStatements.find((statement) => statement.Action.includes("kms:CreateGrant"));
    expect(kms?.Resource).toEqual(KMS_KEYS);
    expect(JSON.stringify(prod.template)).not.toMatch(/"arn:aws:(?!kms)/);
    for (const fn of resourcesOf(prod.template, "AWS::Lambda::Function")) {
      expect(fn.Properties.Role).toEqual({ "Fn::GetAtt": ["PowercronFunctionRole", "Arn"] });
    }
  });

  it("sets runtime, handler, memory, timeout, environment and log retention from the config", async () => {
    const functions = resourcesOf(prod.template, "AWS::Lambda::Function").map((resource) => resource.Properties);
    expect(functions).toHaveLength(2);
    expect(functions.map((fn) => fn.FunctionName).sort()).toEqual(["powercron-prod-start", "powercron-prod-stop"]);
    expect(functions.map((fn) => fn.Handler).sort()).toEqual([
      "dist/aws/start/index.handler",
      "dist/aws/stop/index.handler",
    ]);
    for (const fn of functions) {
      expect(fn.Runtime).toBe("nodejs22.x");
      expect(fn.MemorySize).toBe(config.deploy.aws.memoryMb);
      expect(fn.Timeout).toBe(config.deploy.aws.timeoutSeconds);
      const variables = (fn.Environment as { Variables: Record<string, string> }).Variables;
      expect(variables).toEqual({
        NODE_OPTIONS: `--enable-source-maps --max-semi-space-size=2 --max-old-space-size=${Math.floor(config.deploy.aws.memoryMb * 0.62)}`,
        MALLOC_MMAP_THRESHOLD_: "131072",
        POWER_ALLOWED_TAG: "powercron:managed=true",
        POWER_ALLOWED_REGIONS: "aws:eu-central-1,aws:us-east-1",
        POWERCRON_CONFIG_DIGEST: configDigest(await readFile(configFile)),
        POWERCRON_STAGE: "prod",
        POWER_WORKER_FUNCTION: fn.FunctionName,
      });
    }
    const logGroups = resourcesOf(prod.template, "AWS::Logs::LogGroup");
    expect(logGroups).toHaveLength(2);
    for (const group of logGroups) expect(group.Properties.RetentionInDays).toBe(config.deploy.aws.logRetentionDays);
  });

  it("adds the backstops: an alarm on each function's Errors and an on-failure destination, both to the failure topic", () => {
    for (const [stage, template] of [
      ["prod", prod.template],
      ["dev", dev.template],
    ] as const) {
      const topics = Object.entries(template.Resources).filter(([, resource]) => resource.Type === "AWS::SNS::Topic");
      expect(topics).toEqual([
        [
          "PowercronFailureTopic",
          {
            Type: "AWS::SNS::Topic",
            Properties: { TopicName: `powercron-${stage}-failures`, DisplayName: `powercron ${stage} failures` },
          },
        ],
      ]);
      const alarms = resourcesOf(template, "AWS::CloudWatch::Alarm").map((alarm) => alarm.Properties);
      expect(alarms.map((alarm) => alarm.Dimensions)).toEqual(
        expect.arrayContaining([
          [{ Name: "FunctionName", Value: `powercron-${stage}-start` }],
          [{ Name: "FunctionName", Value: `powercron-${stage}-stop` }],
        ]),
      );
      expect(alarms).toHaveLength(2);
      for (const alarm of alarms) {
        expect(alarm).toMatchObject({
          Namespace: "AWS/Lambda",
          MetricName: "Errors",
          Statistic: "Sum",
          Threshold: 1,
          ComparisonOperator: "GreaterThanOrEqualToThreshold",
          TreatMissingData: "notBreaching",
          AlarmActions: [{ Ref: "PowercronFailureTopic" }],
        });
      }
      const invokeConfigs = resourcesOf(template, "AWS::Lambda::EventInvokeConfig").map((config) => config.Properties);
      // The framework's order of resources is its own: compare as sets.
      expect(invokeConfigs.map((config) => config.FunctionName)).toEqual(
        expect.arrayContaining([{ Ref: "StartLambdaFunction" }, { Ref: "StopLambdaFunction" }]),
      );
      expect(invokeConfigs).toHaveLength(2);
      for (const config of invokeConfigs) {
        expect(config.DestinationConfig).toEqual({ OnFailure: { Destination: { Ref: "PowercronFailureTopic" } } });
      }
      // The destination publishes as the function: its role may publish to the topic, and to nothing else.
      const publish = roleStatements(template, "PowercronFunctionRole").filter((statement) =>
        statement.Action.some((action) => action.startsWith("sns:")),
      );
      expect(publish).toEqual([
        { Effect: "Allow", Action: ["sns:Publish"], Resource: [{ "Fn::Sub": "${PowercronFailureTopic}" }] },
      ]);
    }
  });

  it("ships zips within 560 KB (the EC2, SNS and STS clients)", async () => {
    for (const name of ["start", "stop"]) {
      const zip = await readFile(join(prod.distDir, "aws", `${name}.zip`));
      expect(zip.byteLength).toBeLessThanOrEqual(560 * 1024);
    }
  });

  it("after a group's stop time is edited, `serverless package` alone puts the new time in the template and the zip", async () => {
    const text = await readFile(configFile, "utf8");
    expect(text).toContain('stop: "0 19 * * MON-FRI"');
    await writeFile(configFile, text.replace('stop: "0 19 * * MON-FRI"', 'stop: "30 17 * * MON-FRI"'));
    const edited = await slsPackage("prod");
    const schedule = resourcesOf(edited.template, "AWS::Scheduler::Schedule").find(
      (resource) => resource.Properties.Name === "powercron-prod-payments-test-stop",
    );
    expect(schedule?.Properties.ScheduleExpression).toBe("cron(30 17 * * ? *)"); // daily: the group has a calendar;
    const digest = configDigest(await readFile(configFile));
    expect(digest).not.toBe(configDigest(text));
    const stop = resourcesOf(edited.template, "AWS::Lambda::Function").find(
      (resource) => resource.Properties.FunctionName === "powercron-prod-stop",
    );
    expect(
      (stop?.Properties.Environment as { Variables: Record<string, string> }).Variables.POWERCRON_CONFIG_DIGEST,
    ).toBe(digest);
    const files = await shippedFiles(edited.distDir, "stop");
    expect(files["config/schedules.yaml"]).toContain('stop: "30 17 * * MON-FRI"');
    expect(files["config/schedules.yaml"]).not.toContain('stop: "0 19 * * MON-FRI"');
    expect(files["dist/aws/stop/index.js"]).toContain(JSON.stringify(digest));
  }, 180_000);
});
