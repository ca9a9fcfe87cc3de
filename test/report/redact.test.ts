import { describe, expect, it } from "vitest";
import { redact, secretValues } from "../../src/report/redact.ts";

const ENV = {
  TENCENTCLOUD_SECRETID: "AKID-fake-test-secret-id-not-a-key-0001",
  TENCENTCLOUD_SECRET_KEY: "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
  TENCENTCLOUD_SESSIONTOKEN: "tcSessTok-9qWv7Lm2Xr4Zk8Jp6Hd3Nf1Bs5",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  AWS_SESSION_TOKEN: "FwoGZXIvYXdzEJr//////////wEaDOkm2Vq8Ys3Lr7Pz1Xw",
  DB_PASSWORD: "hunter2hunter2",
  GOOGLE_APPLICATION_CREDENTIALS: "/var/run/creds.json",
};

describe("Function: secretValues", () => {
  it.each(Object.entries(ENV))("picks %s", (_name, value) => {
    expect(secretValues(ENV)).toContain(value);
  });

  it.each([
    { case: "a variable whose name is not secret-like", env: { POWER_REGION: "ap-shanghai", AWS_REGION: "us-east-1" } },
    { case: "a value shorter than 4 characters", env: { API_KEY: "abc" } },
    { case: "an unset variable", env: { AWS_SESSION_TOKEN: undefined } },
  ])("leaves out $case", ({ env }) => {
    expect(secretValues(env)).toEqual([]);
  });

  it("matches names in any case", () => {
    expect(secretValues({ my_api_key: "k3y-value" })).toEqual(["k3y-value"]);
  });

  it("orders values longest first", () => {
    const values = secretValues(ENV);
    expect(values.map((value) => value.length)).toEqual([...values.map((value) => value.length)].sort((a, b) => b - a));
  });
});

describe("Function: redact", () => {
  const secrets = secretValues(ENV);

  it("masks every occurrence of every secret", () => {
    const text = `id=${ENV.TENCENTCLOUD_SECRETID} key=${ENV.AWS_SECRET_ACCESS_KEY} again=${ENV.TENCENTCLOUD_SECRETID}`;
    expect(redact(text, secrets)).toBe("id=[redacted] key=[redacted] again=[redacted]");
  });

  it("masks a secret inside a JSON line", () => {
    const line = JSON.stringify({ message: `token ${ENV.AWS_SESSION_TOKEN} expired` });
    expect(redact(line, secrets)).toBe('{"message":"token [redacted] expired"}');
  });

  it("masks a secret that contains another whole, not leaving a tail", () => {
    const long = "shortsecret-and-more";
    expect(redact(`x ${long} y`, secretValues({ A_KEY: "shortsecret", B_KEY: long }))).toBe("x [redacted] y");
  });

  it("leaves text without secrets unchanged", () => {
    expect(redact("stopped ins-kqf9os9x in ap-shanghai", secrets)).toBe("stopped ins-kqf9os9x in ap-shanghai");
  });

  it("leaves text unchanged when there are no secrets", () => {
    expect(redact(ENV.AWS_SESSION_TOKEN, [])).toBe(ENV.AWS_SESSION_TOKEN);
  });

  it("masks a secret with quotes or backslashes inside a JSON log line, where it appears escaped", () => {
    const secret = 'pa"ss\\word/42';
    const line = JSON.stringify({ message: `signature with ${secret} rejected` });
    expect(line).not.toContain(secret);
    expect(redact(line, secretValues({ TENCENTCLOUD_SECRET_KEY: secret }))).toBe(
      '{"message":"signature with [redacted] rejected"}',
    );
  });
});
