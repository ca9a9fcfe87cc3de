import { describe, it } from "vitest";
import { type BadCase, type Env, expectRefused, TENCENT_ID } from "./parse-helpers.ts";

const SHANGHAI = { region: "ap-shanghai" };
const ENV_INSTANCES: Env = { POWER_INSTANCE_IDS: TENCENT_ID, POWER_REGION: "ap-shanghai" };

const BAD_VARIABLES: BadCase[] = [
  {
    case: "POWER_DRY_RUN not a boolean",
    env: { ...ENV_INSTANCES, POWER_DRY_RUN: "maybe" },
    field: "POWER_DRY_RUN",
    value: "maybe",
  },
  {
    case: "POWER_HIBERNATE not a boolean",
    env: { ...ENV_INSTANCES, POWER_HIBERNATE: "2" },
    field: "POWER_HIBERNATE",
    value: "2",
  },
  {
    case: "POWER_FORCE not a boolean",
    env: { ...ENV_INSTANCES, POWER_FORCE: "on" },
    field: "POWER_FORCE",
    value: "on",
  },
  { case: "POWER_WAIT not a boolean", env: { ...ENV_INSTANCES, POWER_WAIT: "y" }, field: "POWER_WAIT", value: "y" },
  {
    case: "POWER_STOP_TYPE unknown",
    env: { ...ENV_INSTANCES, POWER_STOP_TYPE: "gentle" },
    field: "POWER_STOP_TYPE",
    value: "gentle",
  },
  {
    case: "POWER_STOPPED_MODE unknown",
    env: { ...ENV_INSTANCES, POWER_STOPPED_MODE: "free" },
    field: "POWER_STOPPED_MODE",
    value: "free",
  },
  {
    case: "POWER_MAX_CALLS_PER_SECOND a word",
    env: { ...ENV_INSTANCES, POWER_MAX_CALLS_PER_SECOND: "fast" },
    field: "POWER_MAX_CALLS_PER_SECOND",
    value: "fast",
  },
  {
    case: "POWER_MAX_CALLS_PER_SECOND zero",
    env: { ...ENV_INSTANCES, POWER_MAX_CALLS_PER_SECOND: "0" },
    field: "POWER_MAX_CALLS_PER_SECOND",
    value: '"0"',
  },
  {
    case: "POWER_MAX_CALLS_PER_SECOND fractional",
    env: { ...ENV_INSTANCES, POWER_MAX_CALLS_PER_SECOND: "1.50" },
    field: "POWER_MAX_CALLS_PER_SECOND",
    value: '"1.50"',
  },
  {
    case: "POWER_PROVIDER unknown",
    env: { ...ENV_INSTANCES, POWER_PROVIDER: "gcp" },
    field: "POWER_PROVIDER",
    value: "gcp",
  },
  {
    case: "POWER_PROVIDER against the IDs",
    env: { ...ENV_INSTANCES, POWER_PROVIDER: "aws", POWER_REGION: "us-east-1" },
    field: "POWER_INSTANCE_IDS[0]",
    value: TENCENT_ID,
  },
  {
    case: "POWER_INSTANCE_IDS malformed ID",
    env: { ...ENV_INSTANCES, POWER_INSTANCE_IDS: `${TENCENT_ID},ins-nope` },
    field: "POWER_INSTANCE_IDS[1]",
    value: "ins-nope",
  },
  {
    case: "POWER_INSTANCE_IDS malformed JSON",
    env: { ...ENV_INSTANCES, POWER_INSTANCE_IDS: `[${TENCENT_ID}]` },
    field: "POWER_INSTANCE_IDS",
    value: `[${TENCENT_ID}]`,
  },
  {
    case: "POWER_INSTANCE_IDS JSON of numbers",
    env: { ...ENV_INSTANCES, POWER_INSTANCE_IDS: "[1]" },
    field: "POWER_INSTANCE_IDS[0]",
    value: "1",
  },
  {
    case: "POWER_INSTANCE_IDS with no ID",
    env: { ...ENV_INSTANCES, POWER_INSTANCE_IDS: "," },
    field: "POWER_INSTANCE_IDS",
    value: '","',
  },
  {
    case: "POWER_INSTANCE_IDS duplicate",
    env: { ...ENV_INSTANCES, POWER_INSTANCE_IDS: `${TENCENT_ID} ${TENCENT_ID}` },
    field: "POWER_INSTANCE_IDS[1]",
    value: TENCENT_ID,
  },
  {
    case: "POWER_INSTANCE_IDS malformed while the event names IDs",
    event: { ...SHANGHAI, instanceIds: [TENCENT_ID] },
    env: { POWER_INSTANCE_IDS: "web-1" },
    field: "POWER_INSTANCE_IDS[0]",
    value: "web-1",
  },
  {
    case: "POWER_TAGS without =",
    env: { POWER_TAGS: "env", POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" },
    field: "POWER_TAGS",
    value: "env",
  },
  {
    case: "POWER_TAGS without a key",
    env: { POWER_TAGS: "env=dev,=ops", POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" },
    field: "POWER_TAGS",
    value: "=ops",
  },
  {
    case: "POWER_TAGS key twice",
    env: { POWER_TAGS: "env=dev,env=prod", POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" },
    field: "POWER_TAGS",
    value: "env",
  },
  {
    case: "POWER_TAGS with no pair",
    env: { POWER_TAGS: ",", POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" },
    field: "POWER_TAGS",
    value: '","',
  },
  {
    case: "POWER_TAGS alone, no provider",
    env: { POWER_TAGS: "env=dev", AWS_REGION: "us-east-1" },
    field: "POWER_PROVIDER",
    value: "missing",
  },
  {
    case: "POWER_REGION malformed",
    env: { ...ENV_INSTANCES, POWER_REGION: "Shanghai" },
    field: "POWER_REGION",
    value: "Shanghai",
  },
  {
    case: "TENCENTCLOUD_REGION malformed",
    env: { POWER_INSTANCE_IDS: TENCENT_ID, TENCENTCLOUD_REGION: "sh" },
    field: "TENCENTCLOUD_REGION",
    value: "sh",
  },
  {
    case: "POWER_ALLOWED_TAG without =",
    env: { ...ENV_INSTANCES, POWER_ALLOWED_TAG: "production" },
    field: "POWER_ALLOWED_TAG",
    value: "production",
  },
  {
    case: "POWER_ALLOWED_TAG with two pairs",
    env: { ...ENV_INSTANCES, POWER_ALLOWED_TAG: "env=dev,team=ops" },
    field: "POWER_ALLOWED_TAG",
    value: "env=dev,team=ops",
  },
  {
    case: "POWER_ALLOWED_IDS malformed",
    env: { ...ENV_INSTANCES, POWER_ALLOWED_IDS: `${TENCENT_ID},prod-db` },
    field: "POWER_ALLOWED_IDS[1]",
    value: "prod-db",
  },
];

describe("Function: parseInvocation, bad POWER_* variables", () => {
  it.each(BAD_VARIABLES)("rejects $case, naming $field and $value", (badCase) => {
    expectRefused(badCase);
  });
});
