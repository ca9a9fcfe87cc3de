import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { awsCredential, awsEndpoints, tencentCredential, tencentEndpoints } from "../../src/providers/index.ts";
import {
  configPath,
  type Environment,
  maxEventAgeMs,
  processEnvironment,
  requestTimeoutMs,
  SETTINGS,
  safetyText,
  settingText,
  timeBudgetCapMs,
} from "../../src/settings/index.ts";

/** The compute endpoints of both clouds, read through their descriptors' settings (they moved out of settings/). */
function endpoints(env: Environment): { tencentCvm?: string; awsEc2?: string } {
  const tencentCvm = tencentEndpoints(env).cvm;
  const awsEc2 = awsEndpoints(env).ec2;
  return { ...(tencentCvm === undefined ? {} : { tencentCvm }), ...(awsEc2 === undefined ? {} : { awsEc2 }) };
}

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.message;
    throw error;
  }
  throw new Error("expected InvalidInputError");
}

describe("Function: settingText / safetyText", () => {
  it.each<{ raw: string | undefined; text: string | undefined; safety: unknown }>([
    { raw: undefined, text: undefined, safety: undefined },
    { raw: "", text: undefined, safety: { blank: "" } },
    { raw: "   ", text: undefined, safety: { blank: "   " } },
    { raw: " env=dev ", text: "env=dev", safety: "env=dev" },
  ])("reads $raw", ({ raw, text, safety }) => {
    const env: Environment = { POWER_ALLOWED_TAG: raw };
    expect(settingText(env, SETTINGS.allowedTag)).toBe(text);
    expect(safetyText(env, SETTINGS.allowedTag)).toEqual(safety);
  });

  it("reads the process's environment at call time", () => {
    expect(processEnvironment()).toBe(process.env);
  });
});

describe("Function: run settings", () => {
  it.each<{ case: string; read: (env: Environment) => unknown; env: Environment; value: unknown }>([
    { case: "config path default", read: configPath, env: {}, value: "config/schedules.yaml" },
    { case: "config path", read: configPath, env: { POWER_CONFIG: " other.yaml " }, value: "other.yaml" },
    { case: "no time budget cap", read: timeBudgetCapMs, env: {}, value: undefined },
    { case: "time budget cap", read: timeBudgetCapMs, env: { POWER_TIME_BUDGET_SECONDS: "2.5" }, value: 2500 },
    { case: "request timeout default", read: requestTimeoutMs, env: {}, value: 10_000 },
    { case: "request timeout", read: requestTimeoutMs, env: { POWER_REQUEST_TIMEOUT_MS: "2000" }, value: 2000 },
    { case: "event age default", read: maxEventAgeMs, env: {}, value: 900_000 },
    { case: "event age in seconds", read: maxEventAgeMs, env: { POWER_MAX_EVENT_AGE: "90" }, value: 90_000 },
    { case: "event age in minutes", read: maxEventAgeMs, env: { POWER_MAX_EVENT_AGE: "15m" }, value: 900_000 },
    { case: "event age in hours", read: maxEventAgeMs, env: { POWER_MAX_EVENT_AGE: "1H" }, value: 3_600_000 },
    { case: "event age check off", read: maxEventAgeMs, env: { POWER_MAX_EVENT_AGE: "0" }, value: 0 },
    { case: "no endpoints", read: endpoints, env: {}, value: {} },
    {
      case: "endpoints, EC2's own before the generic one",
      read: endpoints,
      env: {
        TENCENTCLOUD_CVM_ENDPOINT: "http://127.0.0.1:9000",
        AWS_ENDPOINT_URL: "http://generic:1",
        AWS_ENDPOINT_URL_EC2: "http://127.0.0.1:9001",
      },
      value: { tencentCvm: "http://127.0.0.1:9000", awsEc2: "http://127.0.0.1:9001" },
    },
  ])("reads $case", ({ read, env, value }) => {
    expect(read(env)).toEqual(value);
  });

  it.each<{ case: string; read: (env: Environment) => unknown; env: Environment; message: string }>([
    {
      case: "a time budget that is not a number",
      read: timeBudgetCapMs,
      env: { POWER_TIME_BUDGET_SECONDS: "soon" },
      message: 'POWER_TIME_BUDGET_SECONDS: "soon" is not a positive number of seconds',
    },
    {
      case: "a zero time budget",
      read: timeBudgetCapMs,
      env: { POWER_TIME_BUDGET_SECONDS: "0" },
      message: 'POWER_TIME_BUDGET_SECONDS: "0" is not a positive number of seconds',
    },
    {
      case: "a request timeout out of range",
      read: requestTimeoutMs,
      env: { POWER_REQUEST_TIMEOUT_MS: "50" },
      message: 'POWER_REQUEST_TIMEOUT_MS: "50" is not a whole number of milliseconds from 100 to 120000',
    },
    {
      case: "an event age with an unknown unit",
      read: maxEventAgeMs,
      env: { POWER_MAX_EVENT_AGE: "2d" },
      message: 'POWER_MAX_EVENT_AGE: "2d" is not an age (seconds, or a number with s, m or h; 0 disables the check)',
    },
    {
      case: "a negative event age",
      read: maxEventAgeMs,
      env: { POWER_MAX_EVENT_AGE: "-5" },
      message: 'POWER_MAX_EVENT_AGE: "-5" is not an age',
    },
    {
      case: "an endpoint that is not a URL",
      read: endpoints,
      env: { AWS_ENDPOINT_URL_EC2: "localhost:9000" },
      message: 'AWS_ENDPOINT_URL_EC2: "localhost:9000" is not an http(s) URL',
    },
  ])("refuses $case, naming the variable and the value", ({ read, env, message }) => {
    expect(refusal(() => read(env))).toContain(message);
  });
});

describe("Function: credentials", () => {
  it.each<{ case: string; env: Environment; value: unknown }>([
    { case: "none", env: {}, value: undefined },
    { case: "half a pair", env: { TENCENTCLOUD_SECRET_ID: "AKIDexample000001" }, value: undefined },
    {
      case: "the SDK's names",
      env: { TENCENTCLOUD_SECRET_ID: "id-sdk-000001", TENCENTCLOUD_SECRET_KEY: "key-sdk-00001" },
      value: { secretId: "id-sdk-000001", secretKey: "key-sdk-00001" },
    },
    {
      case: "the execution role's names first, with its token",
      env: {
        TENCENTCLOUD_SECRETID: "id-role-00001",
        TENCENTCLOUD_SECRETKEY: "key-role-0001",
        TENCENTCLOUD_SESSIONTOKEN: "token-role-01",
        TENCENTCLOUD_SECRET_ID: "id-sdk-000001",
        TENCENTCLOUD_SECRET_KEY: "key-sdk-00001",
      },
      value: { secretId: "id-role-00001", secretKey: "key-role-0001", token: "token-role-01" },
    },
  ])("reads Tencent keys: $case", ({ env, value }) => {
    expect(tencentCredential(env)).toEqual(value);
  });

  it.each<{ case: string; env: Environment; value: unknown }>([
    { case: "none (the SDK's chain)", env: {}, value: undefined },
    {
      case: "a key pair and token",
      env: { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret-example", AWS_SESSION_TOKEN: "tok" },
      value: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret-example", sessionToken: "tok" },
    },
  ])("reads AWS keys: $case", ({ env, value }) => {
    expect(awsCredential(env)).toEqual(value);
  });
});
