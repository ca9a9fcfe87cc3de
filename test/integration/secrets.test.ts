/** No secret reaches a log line, a report or an error, whatever happens on the way. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type LocalCloud, startLocalCloud } from "../../src/local-cloud/index.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";

const SECRETS = {
  TENCENTCLOUD_SECRET_ID: "AKIDsecretIdThatMustNotLeak01",
  TENCENTCLOUD_SECRET_KEY: "tencentKeyThatMustNotLeak-9f8e7d",
  TENCENTCLOUD_SESSION_TOKEN: "tencentTokenThatMustNotLeak-55aa",
  AWS_ACCESS_KEY_ID: "fake-access-key-id-must-not-leak",
  AWS_SECRET_ACCESS_KEY: "awsSecretThatMustNotLeak/abc+def",
  AWS_SESSION_TOKEN: "awsTokenThatMustNotLeak-77bb",
};

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({
    transitionMs: 20,
    credentials: {
      tencent: [
        {
          secretId: SECRETS.TENCENTCLOUD_SECRET_ID,
          secretKey: SECRETS.TENCENTCLOUD_SECRET_KEY,
          token: SECRETS.TENCENTCLOUD_SESSION_TOKEN,
        },
      ],
      aws: [
        {
          accessKeyId: SECRETS.AWS_ACCESS_KEY_ID,
          secretAccessKey: SECRETS.AWS_SECRET_ACCESS_KEY,
          sessionToken: SECRETS.AWS_SESSION_TOKEN,
        },
      ],
    },
    fleet: {
      instances: [
        { provider: "tencent", region: "ap-shanghai", instanceId: "ins-secret01", state: "RUNNING", tags: {} },
        { provider: "aws", region: "us-east-1", instanceId: "i-0123456789abcdef0", state: "running", tags: {} },
      ],
    },
  });
});
afterAll(() => cloud.close());

/** Runs the handler with everything it prints captured; returns the printed text and the error message, if any. */
async function capture(env: Record<string, string>, event: unknown): Promise<string> {
  const printed: string[] = [];
  const spies = (["log", "error", "warn", "info"] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(" "));
    }),
  );
  try {
    const handler = powerHandler("stop", () => ({ env, pollIntervalMs: 50 }));
    const report = await handler(event).catch((error: Error) => ({ thrown: `${error.message}\n${error.stack}` }));
    return `${printed.join("\n")}\n${JSON.stringify(report)}`;
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const baseEnv = () => ({
  ...SECRETS,
  TENCENTCLOUD_CVM_ENDPOINT: cloud.url,
  AWS_ENDPOINT_URL_EC2: cloud.url,
  POWER_TIME_BUDGET_SECONDS: "3",
  POWER_REQUEST_TIMEOUT_MS: "2000",
});

describe("secrets never leak", () => {
  it.each([
    [
      "a successful run",
      '"outcome":"stopped"',
      {},
      {
        targets: [
          { region: "ap-shanghai", instanceIds: ["ins-secret01"] },
          { provider: "aws", region: "us-east-1", instanceIds: ["i-0123456789abcdef0"] },
        ],
      },
    ],
    [
      "a run that fails on an unknown instance",
      "not-found",
      {},
      { region: "ap-shanghai", instanceIds: ["ins-unknown1"] },
    ],
    [
      "a rejected signature (wrong key)",
      "AuthFailure",
      { TENCENTCLOUD_SECRET_KEY: "wrongKeyAlsoSecret-1234" },
      { region: "ap-shanghai", instanceIds: ["ins-secret01"] },
    ],
    ["bad input next to the secrets", "POWER_STOP_TYPE", { POWER_STOP_TYPE: SECRETS.AWS_SESSION_TOKEN }, {}],
    [
      "a failed run that alerts a signed webhook that refuses it (key and signing secret in the environment)",
      "notifications",
      {
        POWER_NOTIFY_WEBHOOK_URL: "http://127.0.0.1:9/hooks/robot?key=webhookKeyThatMustNotLeak-77",
        POWER_NOTIFY_SECRET: "signingSecretThatMustNotLeak-88",
        POWER_NOTIFY_TYPE: "webhook",
      },
      { region: "ap-shanghai", instanceIds: ["ins-unknown1"] },
    ],
  ])("in %s", async (_name, evidence, extraEnv: Record<string, string>, event) => {
    const env = { ...baseEnv(), ...extraEnv };
    const output = await capture(env, event);
    expect(output).toContain(evidence);
    for (const [name, value] of Object.entries({ ...SECRETS, ...extraEnv })) {
      if (/SECRET|TOKEN|KEY|WEBHOOK/.test(name)) expect(output, name).not.toContain(value);
    }
    for (const part of ["webhookKeyThatMustNotLeak-77", "signingSecretThatMustNotLeak-88"]) {
      expect(output).not.toContain(part);
    }
  });
});
