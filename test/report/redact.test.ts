import { describe, expect, it } from "vitest";
import type { PowerReport } from "../../src/report/power-report.ts";
import { REDACTED, redact, redactReport, secretValues } from "../../src/report/redact.ts";

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
    { case: "a value shorter than 8 characters", env: { API_KEY: "abcdefg" } },
    { case: "a common word", env: { API_KEY: "stop" } },
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

describe("Function: redactReport", () => {
  const report = (message: string): PowerReport => ({
    action: "stop",
    dryRun: false,
    startedAt: "2026-11-23T13:00:00.000Z",
    durationMs: 5,
    totals: { instances: 2, "already-stopped": 1, failed: 1 },
    apiCalls: { StopInstances: 1 },
    instances: [
      {
        provider: "aws",
        region: "us-east-1",
        instanceId: "i-12345678",
        before: "stopped",
        after: "stopped",
        outcome: "already-stopped",
      },
      {
        provider: "aws",
        region: "us-east-1",
        instanceId: "i-87654321",
        before: "running",
        after: null,
        outcome: "failed",
        code: "AuthFailure",
        message,
        notes: [`note ${message}`],
      },
    ],
  });

  it.each<{ case: string; secret: string; masked: boolean }>([
    { case: "a secret that is JSON punctuation", secret: '": "', masked: false },
    { case: "a long secret with quotes and braces", secret: '"},{"x":"1', masked: true },
    { case: "a secret equal to an action", secret: "stop", masked: false },
    { case: "a long secret equal to an outcome", secret: "already-stopped", masked: true },
    { case: "a long secret equal to a region", secret: "us-east-1", masked: true },
  ])("masks $case in free text only, and the JSON stays valid", ({ secret, masked }) => {
    const secrets = secretValues({ AWS_SECRET_ACCESS_KEY: secret });
    const line = JSON.stringify(redactReport(report(`signature ${secret} rejected`), secrets));
    const parsed = JSON.parse(line) as PowerReport;
    expect(parsed.action).toBe("stop");
    expect(parsed.instances.map((r) => [r.instanceId, r.region, r.outcome])).toEqual([
      ["i-12345678", "us-east-1", "already-stopped"],
      ["i-87654321", "us-east-1", "failed"],
    ]);
    expect(parsed.totals).toEqual({ instances: 2, "already-stopped": 1, failed: 1 });
    const shown = masked ? REDACTED : secret;
    expect(parsed.instances[1]?.message).toBe(`signature ${shown} rejected`);
    expect(parsed.instances[1]?.notes).toEqual([`note signature ${shown} rejected`]);
  });

  it("masks a skipped run's reason", () => {
    const skipped = { ...report(""), skipped: { reason: "token tcSessTok-9qWv7Lm2 expired" }, instances: [] };
    const masked = redactReport(skipped, secretValues({ TENCENTCLOUD_SESSIONTOKEN: "tcSessTok-9qWv7Lm2" }));
    expect(masked.skipped).toEqual({ reason: `token ${REDACTED} expired` });
  });
});
