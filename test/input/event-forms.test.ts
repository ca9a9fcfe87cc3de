import { describe, expect, it } from "vitest";
import type { PowerOptions, PowerTarget } from "../../src/domain/types.ts";
import type { TriggerInfo } from "../../src/input/parse-invocation.ts";
import { parseInvocation } from "../../src/input/parse-invocation.ts";
import { AWS_ID, AWS_ID_SHORT, type Env, options, TENCENT_ID, TENCENT_ID_2, target } from "./parse-helpers.ts";

const TIME = "2019-02-21T11:49:00Z";
const DIRECT: TriggerInfo = { source: "direct" };
/** The environment a scheduled trigger falls back to. */
const TENCENT_ENV: Env = { POWER_INSTANCE_IDS: TENCENT_ID, TENCENTCLOUD_REGION: "ap-guangzhou" };
const AWS_ENV: Env = { POWER_INSTANCE_IDS: AWS_ID, POWER_PROVIDER: "aws", AWS_REGION: "us-west-2" };

const canonical = {
  provider: "tencent",
  region: "ap-shanghai",
  instanceIds: [TENCENT_ID],
  tags: { env: "test" },
  options: { dryRun: true, stopType: "HARD" },
};

const timer = (Message?: string) => ({ Type: "Timer", TriggerName: "nightly-stop", Time: TIME, Message });

const eventBridge = (resource: string) => ({
  version: "0",
  id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: TIME,
  region: "us-west-2",
  resources: [resource],
  detail: {},
});

interface FormCase {
  form: string;
  event: unknown;
  env?: Env;
  targets: PowerTarget[];
  options?: PowerOptions;
  trigger?: TriggerInfo;
}

describe("Function: parseInvocation, accepted event forms", () => {
  it.each<FormCase>([
    {
      form: "canonical Tencent",
      event: canonical,
      targets: [target("tencent", "ap-shanghai", [TENCENT_ID], { env: "test" })],
      options: options({ dryRun: true, shutdown: "forced" }),
    },
    {
      form: "canonical AWS",
      event: {
        provider: "aws",
        region: "us-east-1",
        instanceIds: [AWS_ID, AWS_ID_SHORT],
        options: { hibernate: true, force: true },
      },
      targets: [target("aws", "us-east-1", [AWS_ID, AWS_ID_SHORT])],
      options: options({ hibernate: true, shutdown: "forced" }),
    },
    {
      form: "canonical, provider inferred from ins-",
      event: { region: "ap-beijing", instanceIds: [TENCENT_ID, TENCENT_ID_2] },
      targets: [target("tencent", "ap-beijing", [TENCENT_ID, TENCENT_ID_2])],
    },
    {
      form: "canonical, provider inferred from i-",
      event: { region: "eu-west-1", instanceIds: [AWS_ID_SHORT] },
      targets: [target("aws", "eu-west-1", [AWS_ID_SHORT])],
    },
    {
      form: "canonical, tags only",
      event: { provider: "aws", region: "us-east-1", tags: { schedule: "office-hours", team: "web" } },
      targets: [target("aws", "us-east-1", [], { schedule: "office-hours", team: "web" })],
    },
    {
      form: "targets across clouds and regions",
      event: {
        targets: [
          { region: "ap-shanghai", instanceIds: [TENCENT_ID] },
          { provider: "tencent", region: "ap-guangzhou", tags: { env: "dev" } },
          { provider: "aws", region: "us-east-1", instanceIds: [AWS_ID], tags: { env: "dev" } },
        ],
        options: { wait: true, maxCallsPerSecond: 5 },
      },
      targets: [
        target("tencent", "ap-shanghai", [TENCENT_ID]),
        target("tencent", "ap-guangzhou", [], { env: "dev" }),
        target("aws", "us-east-1", [AWS_ID], { env: "dev" }),
      ],
      options: options({ wait: true, maxCallsPerSecond: 5 }),
    },
    {
      form: "classic SCF example",
      event: { region: "ap-shanghai", instanceids: [TENCENT_ID] },
      targets: [target("tencent", "ap-shanghai", [TENCENT_ID])],
    },
    {
      form: "classic SCF spelling with AWS IDs",
      event: { region: "us-east-1", instanceids: [AWS_ID_SHORT] },
      targets: [target("aws", "us-east-1", [AWS_ID_SHORT])],
    },
    {
      form: "SCF timer carrying the canonical form",
      event: timer(JSON.stringify(canonical)),
      targets: [target("tencent", "ap-shanghai", [TENCENT_ID], { env: "test" })],
      options: options({ dryRun: true, shutdown: "forced" }),
      trigger: { source: "scf-timer", scheduledTime: TIME, triggerName: "nightly-stop" },
    },
    {
      form: "SCF timer carrying targets",
      event: timer(JSON.stringify({ targets: [{ region: "ap-chengdu", instanceIds: [TENCENT_ID] }] })),
      targets: [target("tencent", "ap-chengdu", [TENCENT_ID])],
      trigger: { source: "scf-timer", scheduledTime: TIME, triggerName: "nightly-stop" },
    },
    {
      form: "SCF timer with an empty Message",
      event: timer(""),
      env: TENCENT_ENV,
      targets: [target("tencent", "ap-guangzhou", [TENCENT_ID])],
      trigger: { source: "scf-timer", scheduledTime: TIME, triggerName: "nightly-stop" },
    },
    {
      form: "SCF timer without a Message",
      event: timer(),
      env: TENCENT_ENV,
      targets: [target("tencent", "ap-guangzhou", [TENCENT_ID])],
      trigger: { source: "scf-timer", scheduledTime: TIME, triggerName: "nightly-stop" },
    },
    {
      form: "EventBridge scheduled event",
      event: eventBridge("arn:aws:events:us-west-2:123456789012:rule/office-hours-stop"),
      env: AWS_ENV,
      targets: [target("aws", "us-west-2", [AWS_ID])],
      trigger: { source: "eventbridge", scheduledTime: TIME, triggerName: "office-hours-stop" },
    },
    {
      form: "EventBridge scheduled event on a custom bus",
      event: eventBridge("arn:aws:events:us-west-2:123456789012:rule/my-bus/weekend"),
      env: AWS_ENV,
      targets: [target("aws", "us-west-2", [AWS_ID])],
      trigger: { source: "eventbridge", scheduledTime: TIME, triggerName: "weekend" },
    },
    {
      form: "EventBridge Scheduler target input with scheduledTime",
      event: {
        provider: "aws",
        region: "us-east-1",
        instanceIds: [AWS_ID],
        scheduledTime: "2026-01-05T08:00:00+08:00",
      },
      targets: [target("aws", "us-east-1", [AWS_ID])],
      trigger: { source: "scheduler", scheduledTime: "2026-01-05T08:00:00+08:00" },
    },
    {
      form: "a JSON string of the canonical form",
      event: ` ${JSON.stringify(canonical)} `,
      targets: [target("tencent", "ap-shanghai", [TENCENT_ID], { env: "test" })],
      options: options({ dryRun: true, shutdown: "forced" }),
    },
    {
      form: "a JSON string of an SCF timer event",
      event: JSON.stringify(timer("")),
      env: TENCENT_ENV,
      targets: [target("tencent", "ap-guangzhou", [TENCENT_ID])],
      trigger: { source: "scf-timer", scheduledTime: TIME, triggerName: "nightly-stop" },
    },
    {
      form: "undefined",
      event: undefined,
      env: TENCENT_ENV,
      targets: [target("tencent", "ap-guangzhou", [TENCENT_ID])],
    },
    { form: "null", event: null, env: TENCENT_ENV, targets: [target("tencent", "ap-guangzhou", [TENCENT_ID])] },
    { form: "an empty object", event: {}, env: AWS_ENV, targets: [target("aws", "us-west-2", [AWS_ID])] },
    { form: "a blank string", event: "  ", env: AWS_ENV, targets: [target("aws", "us-west-2", [AWS_ID])] },
    {
      form: "options only: instances from the environment",
      event: { options: { dryRun: true } },
      env: AWS_ENV,
      targets: [target("aws", "us-west-2", [AWS_ID])],
      options: options({ dryRun: true }),
    },
    {
      form: "region only: the environment's instances in the event's region",
      event: { region: "ap-nanjing" },
      env: TENCENT_ENV,
      targets: [target("tencent", "ap-nanjing", [TENCENT_ID])],
    },
    {
      form: "provider only: the environment's tags on the event's cloud",
      event: { provider: "aws" },
      env: { POWER_TAGS: "env=dev", AWS_REGION: "us-east-2", TENCENTCLOUD_REGION: "ap-shanghai" },
      targets: [target("aws", "us-east-2", [], { env: "dev" })],
    },
  ])("accepts $form", ({ event, env = {}, targets, options: expectedOptions = options(), trigger = DIRECT }) => {
    expect(parseInvocation("stop", event, env)).toEqual({
      kind: "request",
      request: { action: "stop", targets, options: expectedOptions, scope: {} },
      trigger,
    });
  });

  it("carries the action through", () => {
    const invocation = parseInvocation("start", { region: "ap-shanghai", instanceIds: [TENCENT_ID] }, {});
    expect(invocation.kind === "request" && invocation.request.action).toBe("start");
  });

  it.each([
    { form: "direct", event: { group: "office-hours" }, trigger: DIRECT },
    { form: "as a JSON string", event: '{"group":"office-hours"}', trigger: DIRECT },
    {
      form: "in an SCF timer's Message",
      event: timer('{"group":"office-hours"}'),
      trigger: { source: "scf-timer", scheduledTime: TIME, triggerName: "nightly-stop" },
    },
    {
      form: "from EventBridge Scheduler",
      event: { group: "office-hours", scheduledTime: TIME },
      trigger: { source: "scheduler", scheduledTime: TIME },
    },
  ])("returns a group to resolve for {group} $form", ({ event, trigger }) => {
    expect(parseInvocation("start", event, {})).toEqual({
      kind: "group",
      group: "office-hours",
      trigger,
      options: {},
      scope: {},
    });
  });

  it("gives a group the environment's options under the event's, without defaults, and the scope guard", () => {
    const env = { POWER_DRY_RUN: "true", POWER_WAIT: "true", POWER_ALLOWED_TAG: "env=dev" };
    expect(parseInvocation("stop", { group: "lab", options: { wait: false } }, env)).toEqual({
      kind: "group",
      group: "lab",
      trigger: DIRECT,
      options: { dryRun: true, wait: false },
      scope: { allowedTag: { key: "env", value: "dev" } },
    });
  });
});
