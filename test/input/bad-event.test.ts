import { describe, it } from "vitest";
import { AWS_ID, AWS_ID_SHORT, type BadCase, expectRefused, TENCENT_ID, TENCENT_ID_2 } from "./parse-helpers.ts";

const SHANGHAI = { region: "ap-shanghai" };
const timer = (Message: string) => ({ Type: "Timer", TriggerName: "nightly", Time: "2019-02-21T11:49:00Z", Message });
const tencentIds = (count: number, offset = 0) =>
  Array.from({ length: count }, (_, i) => `ins-${(offset + i).toString(36).padStart(8, "0")}`);

const BAD_IDS: BadCase[] = [
  {
    case: "Tencent ID in upper case",
    event: { ...SHANGHAI, instanceIds: ["ins-KQF9OS9X"] },
    field: "instanceIds[0]",
    value: "ins-KQF9OS9X",
  },
  {
    case: "Tencent ID too short",
    event: { ...SHANGHAI, instanceIds: ["ins-abc1234"] },
    field: "instanceIds[0]",
    value: "ins-abc1234",
  },
  {
    case: "Tencent ID too long",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID, "ins-kqf9os9xx"] },
    field: "instanceIds[1]",
    value: "ins-kqf9os9xx",
  },
  {
    case: "AWS ID of 9 hex digits",
    event: { region: "us-east-1", instanceIds: ["i-123456789"] },
    field: "instanceIds[0]",
    value: "i-123456789",
  },
  {
    case: "AWS ID not hex",
    event: { region: "us-east-1", instanceIds: ["i-1234567g"] },
    field: "instanceIds[0]",
    value: "i-1234567g",
  },
  {
    case: "AWS ID in upper case",
    event: { region: "us-east-1", instanceIds: ["i-0123456789ABCDEF0"] },
    field: "instanceIds[0]",
    value: "i-0123456789ABCDEF0",
  },
  {
    case: "ID of neither cloud",
    event: { ...SHANGHAI, instanceIds: ["vm-12345678"] },
    field: "instanceIds[0]",
    value: "vm-12345678",
  },
  {
    case: "Tencent ID for provider aws",
    event: { provider: "aws", region: "us-east-1", instanceIds: [TENCENT_ID] },
    field: "instanceIds[0]",
    value: TENCENT_ID,
  },
  {
    case: "AWS ID for provider tencent",
    event: { provider: "tencent", ...SHANGHAI, instanceIds: [AWS_ID] },
    field: "instanceIds[0]",
    value: AWS_ID,
  },
  {
    case: "IDs of both clouds in one target",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID, AWS_ID_SHORT] },
    field: "instanceIds",
    value: AWS_ID_SHORT,
  },
  {
    case: "duplicate ID",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID, TENCENT_ID_2, TENCENT_ID] },
    field: "instanceIds[2]",
    value: TENCENT_ID,
  },
  {
    case: "classic SCF ID malformed",
    event: { ...SHANGHAI, instanceids: ["ins-123"] },
    field: "instanceids[0]",
    value: "ins-123",
  },
  {
    case: "instanceIds not a list",
    event: { ...SHANGHAI, instanceIds: TENCENT_ID },
    field: "instanceIds",
    value: TENCENT_ID,
  },
  {
    case: "ID not a string",
    event: { ...SHANGHAI, instanceIds: [12345678] },
    field: "instanceIds[0]",
    value: "12345678",
  },
];

const BAD_REGIONS_AND_PROVIDERS: BadCase[] = [
  {
    case: "Tencent region without area",
    event: { region: "shanghai", instanceIds: [TENCENT_ID] },
    field: "region",
    value: "shanghai",
  },
  {
    case: "AWS region without number",
    event: { region: "us-east", instanceIds: [AWS_ID_SHORT] },
    field: "region",
    value: "us-east",
  },
  {
    case: "AWS region for a Tencent ID",
    event: { region: "us-east-1", instanceIds: [TENCENT_ID] },
    field: "region",
    value: "us-east-1",
  },
  {
    case: "POWER_REGION of the wrong cloud",
    event: { instanceIds: [AWS_ID_SHORT] },
    env: { POWER_REGION: "ap-shanghai" },
    field: "POWER_REGION",
    value: "ap-shanghai",
  },
  { case: "empty region", event: { region: "", instanceIds: [TENCENT_ID] }, field: "region", value: '""' },
  { case: "no region anywhere", event: { instanceIds: [AWS_ID_SHORT] }, field: "region", value: "AWS_REGION" },
  {
    case: "provider in the wrong case",
    event: { provider: "Tencent", ...SHANGHAI, instanceIds: [TENCENT_ID] },
    field: "provider",
    value: "Tencent",
  },
  {
    case: "tags without a provider",
    event: { ...SHANGHAI, tags: { env: "dev" } },
    field: "provider",
    value: "missing",
  },
];

const BAD_SHAPES: BadCase[] = [
  {
    case: "unknown top-level key",
    event: { ...SHANGHAI, instanceID: [TENCENT_ID] },
    field: "instanceID",
    value: TENCENT_ID,
  },
  {
    case: "unknown option",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: { dryrun: true } },
    field: "options.dryrun",
    value: "true",
  },
  {
    case: "unknown key in a target",
    event: { targets: [{ regoin: "ap-shanghai", instanceIds: [TENCENT_ID] }] },
    field: "targets[0].regoin",
    value: "ap-shanghai",
  },
  {
    case: "both instanceIds and instanceids",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], instanceids: [TENCENT_ID_2] },
    field: "instanceids",
    value: TENCENT_ID_2,
  },
  {
    case: "neither instances nor environment",
    event: { options: { dryRun: true } },
    field: "event",
    value: "POWER_INSTANCE_IDS",
  },
  { case: "empty instanceIds", event: { ...SHANGHAI, instanceIds: [] }, field: "event", value: "names no instances" },
  { case: "empty tags alone", event: { provider: "aws", region: "us-east-1", tags: {} }, field: "tags", value: "{}" },
  {
    case: "tag value not a string",
    event: { provider: "aws", region: "us-east-1", tags: { env: 1 } },
    field: "tags.env",
    value: "1",
  },
  {
    case: "tag key too long",
    event: { provider: "aws", region: "us-east-1", tags: { ["k".repeat(128)]: "x" } },
    field: "tags",
    value: "kkkkkkkk",
  },
  {
    case: "targets next to top-level IDs",
    event: { targets: [{ ...SHANGHAI, instanceIds: [TENCENT_ID] }], instanceIds: [TENCENT_ID_2] },
    field: "instanceIds",
    value: TENCENT_ID_2,
  },
  { case: "group next to instances", event: { group: "office", ...SHANGHAI }, field: "region", value: "ap-shanghai" },
  { case: "group with a bad name", event: { group: "office hours" }, field: "group", value: "office hours" },
  { case: "group name not a string", event: { group: 42 }, field: "group", value: "42" },
  {
    case: "the same provider and region twice",
    event: {
      targets: [
        { ...SHANGHAI, instanceIds: [TENCENT_ID] },
        { ...SHANGHAI, instanceIds: [TENCENT_ID_2] },
      ],
    },
    field: "targets[1]",
    value: "tencent ap-shanghai",
  },
  {
    case: "a target that is not an object",
    event: { targets: [{ ...SHANGHAI, instanceIds: [TENCENT_ID] }, "ap-guangzhou"] },
    field: "targets[1]",
    value: "ap-guangzhou",
  },
  { case: "no targets", event: { targets: [] }, field: "targets", value: "empty" },
  {
    case: "too many targets",
    event: { targets: Array.from({ length: 21 }, () => ({ ...SHANGHAI })) },
    field: "targets",
    value: "21",
  },
  {
    case: "too many IDs in a target",
    event: { ...SHANGHAI, instanceIds: tencentIds(5_001) },
    field: "instanceIds",
    value: "5001",
  },
  {
    case: "too many IDs in all",
    event: {
      targets: ["ap-shanghai", "ap-beijing", "ap-guangzhou", "ap-chengdu", "ap-nanjing"].map((region, index) => ({
        region,
        instanceIds: tencentIds(4_001, index * 10_000),
      })),
    },
    field: "targets",
    value: "20005",
  },
  {
    case: "scheduledTime placeholder left unfilled",
    event: { group: "office", scheduledTime: "<aws.scheduler.scheduled-time>" },
    field: "scheduledTime",
    value: "<aws.scheduler.scheduled-time>",
  },
  {
    case: "scheduledTime not a date",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], scheduledTime: "tomorrow" },
    field: "scheduledTime",
    value: "tomorrow",
  },
  {
    case: "unknown action",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID] },
    action: "reboot",
    field: "action",
    value: "reboot",
  },
];

const BAD_OPTIONS: BadCase[] = [
  {
    case: "stopType in lower case in the event",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: { stopType: "soft" } },
    field: "options.stopType",
    value: "soft",
  },
  {
    case: "unknown stoppedMode",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: { stoppedMode: "STOP" } },
    field: "options.stoppedMode",
    value: "STOP",
  },
  {
    case: "dryRun as a string",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: { dryRun: "yes" } },
    field: "options.dryRun",
    value: "yes",
  },
  {
    case: "maxCallsPerSecond zero",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: { maxCallsPerSecond: 0 } },
    field: "options.maxCallsPerSecond",
    value: "0",
  },
  {
    case: "maxCallsPerSecond above 100",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: { maxCallsPerSecond: 101 } },
    field: "options.maxCallsPerSecond",
    value: "101",
  },
  {
    case: "maxCallsPerSecond fractional",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: { maxCallsPerSecond: 2.5 } },
    field: "options.maxCallsPerSecond",
    value: "2.5",
  },
  {
    case: "options not an object",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: "dryRun" },
    field: "options",
    value: "dryRun",
  },
];

const BAD_ENVELOPES: BadCase[] = [
  { case: "malformed JSON string", event: "{region: ap-shanghai}", field: "event", value: "{region: ap-shanghai}" },
  { case: "JSON string of a list", event: `["${TENCENT_ID}"]`, field: "event", value: TENCENT_ID },
  { case: "a number", event: 42, field: "event", value: "42" },
  { case: "a boolean", event: true, field: "event", value: "true" },
  { case: "a list", event: [TENCENT_ID], field: "event", value: TENCENT_ID },
  {
    case: "SCF Message not JSON",
    event: timer(`{instanceIds: ${TENCENT_ID}}`),
    field: "Message",
    value: `{instanceIds: ${TENCENT_ID}}`,
  },
  { case: "SCF Message not an object", event: timer('"stop everything"'), field: "Message", value: "stop everything" },
  {
    case: "SCF Message with a bad ID",
    event: timer(`{"region":"ap-shanghai","instanceIds":["ins-bad"]}`),
    field: "Message.instanceIds[0]",
    value: "ins-bad",
  },
  {
    case: "SCF Message with an unknown key",
    event: timer('{"regions":"ap-shanghai"}'),
    field: "Message.regions",
    value: "ap-shanghai",
  },
  { case: "SCF timer with the wrong Type", event: { ...timer(""), Type: "Timers" }, field: "Type", value: "Timers" },
  { case: "SCF timer with a bad Time", event: { ...timer(""), Time: "yesterday" }, field: "Time", value: "yesterday" },
  {
    case: "SCF timer with an extra key",
    event: { ...timer(""), Region: "ap-shanghai" },
    field: "Region",
    value: "ap-shanghai",
  },
  {
    case: "EventBridge event of another type",
    event: { source: "aws.events", "detail-type": "Custom", time: "2019-02-21T11:49:00Z" },
    field: "detail-type",
    value: "Custom",
  },
  {
    case: "EventBridge event from another source",
    event: { source: "aws.ec2", "detail-type": "Scheduled Event", time: "2019-02-21T11:49:00Z" },
    field: "source",
    value: "aws.ec2",
  },
];

describe("Function: parseInvocation, bad events", () => {
  describe.each([
    { group: "instance IDs", cases: BAD_IDS },
    { group: "regions and providers", cases: BAD_REGIONS_AND_PROVIDERS },
    { group: "event shapes and limits", cases: BAD_SHAPES },
    { group: "event options", cases: BAD_OPTIONS },
    { group: "envelopes: JSON strings, SCF timers, EventBridge", cases: BAD_ENVELOPES },
  ])("$group", ({ cases }) => {
    it.each(cases)("rejects $case, naming $field and $value", (badCase) => {
      expectRefused(badCase);
    });
  });
});
