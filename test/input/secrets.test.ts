import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { type Env, invalidInput, TENCENT_ID } from "./parse-helpers.ts";

/** Distinctive values, one with the characters JSON escapes. */
const SECRETS = {
  TENCENTCLOUD_SECRET_ID: "AKID-fake-test-secret-id-not-a-key-0001",
  TENCENTCLOUD_SECRET_KEY: "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
  TENCENTCLOUD_SESSION_TOKEN: "tcSessTok-9qWv7Lm2Xr4Zk8Jp6Hd3Nf1Bs5",
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPx"RfiCY\\EXAMPLEKEY',
  AWS_SESSION_TOKEN: "FwoGZXIvYXdzEJr//////////wEaDOkm2Vq8Ys3Lr7Pz1Xw",
} as const;
const SECRET_VALUES: readonly string[] = Object.values(SECRETS);
const {
  TENCENTCLOUD_SECRET_ID: SECRET_ID,
  TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
  TENCENTCLOUD_SESSION_TOKEN: TENCENT_TOKEN,
  AWS_SECRET_ACCESS_KEY: AWS_KEY,
  AWS_SESSION_TOKEN: AWS_TOKEN,
} = SECRETS;

/** Every 8-character stretch of every secret: a message must not show even part of one. */
function secretFragments(): string[] {
  return SECRET_VALUES.flatMap((secret) =>
    Array.from({ length: secret.length - 7 }, (_, start) => secret.slice(start, start + 8)),
  );
}

function expectNoSecret(error: InvalidInputError): void {
  const texts = [error.message, ...error.issues, JSON.stringify(error.issues), String(error.stack)];
  for (const text of texts) {
    for (const fragment of secretFragments()) expect(text).not.toContain(fragment);
  }
}

const SHANGHAI = { region: "ap-shanghai" };
const INSTANCES: Env = { POWER_INSTANCE_IDS: TENCENT_ID, POWER_REGION: "ap-shanghai" };

describe("Function: parseInvocation, secrets in the environment", () => {
  it.each<{ case: string; event?: unknown; env?: Env }>([
    { case: "a secret as an event instance ID", event: { ...SHANGHAI, instanceIds: [SECRET_ID] } },
    { case: "a secret as an event region", event: { region: SECRET_KEY, instanceIds: [TENCENT_ID] } },
    { case: "a secret as an unknown event key", event: { ...SHANGHAI, instanceIds: [TENCENT_ID], [AWS_TOKEN]: 1 } },
    { case: "a secret as an unknown key's value", event: { ...SHANGHAI, instanceIds: [TENCENT_ID], token: AWS_KEY } },
    {
      case: "a secret as a tag key",
      event: { provider: "aws", region: "us-east-1", tags: { [`${AWS_KEY}${"x".repeat(100)}`]: "v" } },
    },
    { case: "a secret in a malformed JSON string", event: `{"instanceIds":["${TENCENT_ID}", ${TENCENT_TOKEN}]}` },
    { case: "a secret deep in a long malformed JSON string", event: `${"[".repeat(60)}"${TENCENT_ID}" ${SECRET_KEY}` },
    {
      case: "a secret in an SCF Message",
      event: { Type: "Timer", TriggerName: "t", Time: "2019-02-21T11:49:00Z", Message: `{${SECRET_ID}` },
    },
    { case: "a secret as a group name", event: { group: `${SECRET_KEY} ` } },
    {
      case: "a secret as an option value",
      event: { ...SHANGHAI, instanceIds: [TENCENT_ID], options: { stopType: AWS_KEY } },
    },
    { case: "a secret in POWER_INSTANCE_IDS", env: { ...INSTANCES, POWER_INSTANCE_IDS: `${TENCENT_ID},${SECRET_ID}` } },
    {
      case: "a secret in POWER_INSTANCE_IDS JSON",
      env: { ...INSTANCES, POWER_INSTANCE_IDS: `["${TENCENT_ID}", ${AWS_TOKEN}]` },
    },
    { case: "a secret in POWER_REGION", env: { ...INSTANCES, POWER_REGION: SECRET_KEY } },
    {
      case: "a secret in POWER_TAGS",
      env: { POWER_TAGS: `token=${AWS_KEY}${"x".repeat(300)}`, POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" },
    },
    {
      case: "a secret as a POWER_TAGS key",
      env: { POWER_TAGS: `${TENCENT_TOKEN}`, POWER_PROVIDER: "aws", AWS_REGION: "us-east-1" },
    },
    { case: "a secret in POWER_DRY_RUN", env: { ...INSTANCES, POWER_DRY_RUN: SECRET_ID } },
    { case: "a secret in POWER_STOP_TYPE", env: { ...INSTANCES, POWER_STOP_TYPE: AWS_KEY } },
    { case: "a secret in POWER_MAX_CALLS_PER_SECOND", env: { ...INSTANCES, POWER_MAX_CALLS_PER_SECOND: AWS_TOKEN } },
    { case: "a secret in POWER_PROVIDER", env: { ...INSTANCES, POWER_PROVIDER: TENCENT_TOKEN } },
    { case: "a secret in POWER_ALLOWED_TAG", env: { ...INSTANCES, POWER_ALLOWED_TAG: SECRET_KEY } },
    { case: "a secret in POWER_ALLOWED_IDS", env: { ...INSTANCES, POWER_ALLOWED_IDS: `${TENCENT_ID} ${AWS_TOKEN}` } },
  ])("never shows one: $case", ({ event, env = {} }) => {
    const error = invalidInput(event, { ...SECRETS, ...env });
    expect(error.issues.length).toBeGreaterThan(0);
    expectNoSecret(error);
  });

  it("shows where a secret was, masked", () => {
    const error = invalidInput({ ...SHANGHAI, instanceIds: [SECRET_ID] }, SECRETS);
    expect(error.issues).toEqual([
      'instanceIds[0]: "[redacted]" is neither a Tencent (ins-...) nor an AWS (i-...) nor an Alibaba Cloud (i-...) instance ID',
    ]);
  });

  it("masks a secret with characters that JSON escapes", () => {
    const error = invalidInput({ region: AWS_KEY, instanceIds: [TENCENT_ID] }, SECRETS);
    expect(error.message).toContain('region: "[redacted]" is not a Tencent region');
  });

  it("does not mask short values of secret-named variables, which would blank out ordinary words", () => {
    const error = invalidInput({ ...SHANGHAI, instanceIds: ["abc"] }, { SOME_KEY: "abc" });
    expect(error.message).toContain('"abc"');
  });
});
