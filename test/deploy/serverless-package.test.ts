import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { type IamStatement, iamStatements } from "../../src/deploy/aws-serverless.ts";
import { buildAll, REPO_ROOT } from "../../src/deploy/bundle.ts";
import { loadScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";
import { awsScheduleTriggers } from "../../src/schedule/triggers.ts";

const run = promisify(execFile);
const KMS_KEYS = [
  "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  "arn:aws:kms:eu-central-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321",
];

interface Resource {
  Type: string;
  Properties: Record<string, unknown> & { [key: string]: unknown };
}
interface Template {
  Resources: Record<string, Resource>;
}

let workDir: string;
let config: ScheduleConfig;
let template: Template;
let zipBytes: Record<string, number>;

function resourcesOf(type: string): Resource[] {
  return Object.values(template.Resources).filter((resource) => resource.Type === type);
}

function roleStatements(): IamStatement[] {
  const roles = resourcesOf("AWS::IAM::Role");
  return roles.flatMap((role) =>
    ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: IamStatement[] } }[]).flatMap(
      (policy) => policy.PolicyDocument.Statement,
    ),
  );
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "powercron-sls-"));
  // The repo's config, with KMS keys added so that the kms:CreateGrant statement is generated too.
  const document = parseDocument(await readFile(join(REPO_ROOT, "config/schedules.yaml"), "utf8"));
  document.setIn(["deploy", "aws", "kmsKeyArns"], KMS_KEYS);
  const configFile = join(workDir, "schedules.yaml");
  await writeFile(configFile, document.toString());
  config = await loadScheduleConfig(configFile);

  const distDir = join(workDir, "dist");
  const bundles = await buildAll(["aws"], { distDir, configFile });
  zipBytes = Object.fromEntries(bundles.map((bundle) => [bundle.name, bundle.zipBytes]));

  const packageDir = join(workDir, "package");
  await run(
    process.execPath,
    [join(REPO_ROOT, "node_modules/osls/bin/serverless.js"), "package", "--package", packageDir],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: workDir,
        POWER_CONFIG: configFile,
        POWERCRON_DIST_DIR: distDir,
        SLS_TELEMETRY_DISABLED: "1",
        SLS_NOTIFICATIONS_MODE: "off",
        // No credentials are needed to package; fake ones keep the framework from looking for any.
        AWS_ACCESS_KEY_ID: "AKIDFAKEFORPACKAGE",
        AWS_SECRET_ACCESS_KEY: "fake-secret-for-package",
        AWS_REGION: "us-east-1",
      },
      timeout: 150_000,
    },
  );
  template = JSON.parse(await readFile(join(packageDir, "cloudformation-template-update-stack.json"), "utf8"));
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("Function: serverless package", () => {
  it("creates one EventBridge Scheduler schedule per group action, from the config", () => {
    const triggers = awsScheduleTriggers(config);
    expect(triggers.length).toBeGreaterThan(0);
    const schedules = resourcesOf("AWS::Scheduler::Schedule").map((resource) => resource.Properties);
    expect(schedules).toHaveLength(triggers.length);
    for (const trigger of triggers) {
      const schedule = schedules.find((candidate) => candidate.Name === trigger.name);
      expect(schedule, trigger.name).toBeDefined();
      expect(schedule?.ScheduleExpression).toBe(trigger.expression);
      expect(schedule?.ScheduleExpressionTimezone).toBe(trigger.timezone);
      const target = schedule?.Target as { Input: string; Arn: { "Fn::GetAtt": [string, string] } };
      expect(JSON.parse(target.Input)).toEqual(JSON.parse(trigger.input));
      expect(JSON.parse(target.Input).group).toBe(trigger.group);
      expect(target.Arn["Fn::GetAtt"][0]).toBe(
        trigger.action === "start" ? "StartLambdaFunction" : "StopLambdaFunction",
      );
    }
  });

  it("grants the configured EC2 and KMS statements and nothing broader", () => {
    const statements = roleStatements();
    const expected = iamStatements(config.deploy.aws);
    for (const statement of expected) expect(statements).toContainEqual(statement);
    const kms = statements.find((statement) => statement.Action.includes("kms:CreateGrant"));
    expect(kms?.Resource).toEqual(KMS_KEYS);
    expect(kms?.Condition?.StringLike).toEqual({ "kms:ViaService": "ec2.*.amazonaws.com" });

    const startStop = statements.find((statement) => statement.Action.includes("ec2:StartInstances"));
    expect(startStop?.Resource).toBe("arn:aws:ec2:*:*:instance/*");
    expect(startStop?.Condition?.StringEquals).toEqual({
      [`aws:ResourceTag/${config.deploy.aws.managementTag.key}`]: config.deploy.aws.managementTag.value,
    });

    // Everything else is the framework's own: log streams of these functions, and the scheduler invoking them.
    const others = statements.filter(
      (statement) => !expected.some((item) => JSON.stringify(item) === JSON.stringify(statement)),
    );
    for (const statement of others) {
      for (const action of statement.Action) {
        expect([
          "logs:CreateLogStream",
          "logs:CreateLogGroup",
          "logs:TagResource",
          "logs:PutLogEvents",
          "lambda:InvokeFunction",
        ]).toContain(action);
      }
      expect(JSON.stringify(statement.Resource)).toMatch(/log-group:\/aws\/lambda\/powercron-|function:powercron-/);
    }
    for (const statement of statements) {
      expect(statement.Action.some((action) => action === "*" || action.endsWith(":*"))).toBe(false);
      if (statement.Resource === "*") expect(statement.Action).toEqual(["ec2:DescribeInstances"]);
    }
  });

  it("sets runtime, handler, memory, timeout, environment and log retention from the config", () => {
    const functions = resourcesOf("AWS::Lambda::Function").map((resource) => resource.Properties);
    expect(functions).toHaveLength(2);
    expect(functions.map((fn) => fn.Handler).sort()).toEqual([
      "dist/aws/start/index.handler",
      "dist/aws/stop/index.handler",
    ]);
    for (const fn of functions) {
      expect(fn.Runtime).toBe("nodejs22.x");
      expect(fn.MemorySize).toBe(config.deploy.aws.memoryMb);
      expect(fn.Timeout).toBe(config.deploy.aws.timeoutSeconds);
      const variables = (fn.Environment as { Variables: Record<string, string> }).Variables;
      expect(variables).toMatchObject({ ...config.deploy.aws.environment, NODE_OPTIONS: "--enable-source-maps" });
    }
    const logGroups = resourcesOf("AWS::Logs::LogGroup");
    expect(logGroups).toHaveLength(2);
    for (const group of logGroups) expect(group.Properties.RetentionInDays).toBe(config.deploy.aws.logRetentionDays);
  });

  it("ships zips within 500 KB", async () => {
    for (const name of ["start", "stop"]) {
      expect(zipBytes[name]).toBeLessThanOrEqual(500 * 1024);
      const artifact = join(workDir, "dist", "aws", `${name}.zip`);
      expect((await stat(artifact)).size).toBe(zipBytes[name]);
    }
  });
});

describe("Function: iamStatements", () => {
  it("leaves kms:CreateGrant out when the config names no key", () => {
    const statements = iamStatements({
      region: "us-east-1",
      memoryMb: 256,
      timeoutSeconds: 300,
      managementTag: { key: "owner", value: "ops" },
      kmsKeyArns: [],
      logRetentionDays: 14,
      environment: {},
    });
    expect(statements.flatMap((statement) => statement.Action)).toEqual([
      "ec2:StartInstances",
      "ec2:StopInstances",
      "ec2:DescribeInstances",
    ]);
    expect(statements[0]?.Condition).toEqual({ StringEquals: { "aws:ResourceTag/owner": "ops" } });
  });
});
