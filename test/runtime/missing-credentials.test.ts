/** A deployed function without keys or a role: refused at once with one summary line that names the variables. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MissingCredentialsError } from "../../src/errors.ts";
import { powerHandler } from "../../src/runtime/power-handler.ts";

/** The AWS SDK's default chain reads the process's own environment and files: none of them has keys here. */
function withoutAwsChain(): void {
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent/powercron-test/config");
  vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/powercron-test/credentials");
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  vi.stubEnv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", undefined);
  vi.stubEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", undefined);
  vi.stubEnv("AWS_WEB_IDENTITY_TOKEN_FILE", undefined);
}

let logged: string[] = [];

beforeEach(() => {
  logged = [];
  withoutAwsChain();
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("Function: powerHandler without credentials", () => {
  it.each([
    {
      provider: "tencent",
      event: { provider: "tencent", region: "ap-shanghai", instanceIds: ["ins-kqf9os9x"] },
      variables: [
        "TENCENTCLOUD_SECRETID",
        "TENCENTCLOUD_SECRETKEY",
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
      ],
    },
    {
      provider: "aws",
      event: { provider: "aws", region: "us-east-1", instanceIds: ["i-0abc12345678def90"] },
      variables: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
    },
    {
      provider: "alibaba",
      event: { provider: "alibaba", region: "cn-hangzhou", instanceIds: ["i-bp67acfmxazb4ph3rz1t"] },
      variables: ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
    },
  ])("refuses a $provider run before any call, logging one summary line naming $variables", async (row) => {
    const handler = powerHandler("stop", () => ({ env: {} }));
    const started = Date.now();
    const error = await handler(row.event).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as MissingCredentialsError).variables).toEqual(row.variables);
    expect(logged).toHaveLength(1);
    const summary = JSON.parse(logged[0] ?? "{}") as Record<string, unknown>;
    expect(summary).toMatchObject({
      powercron: "summary",
      action: "stop",
      refused: "MissingCredentials",
      provider: row.provider,
      variables: row.variables,
      apiCalls: {},
    });
    for (const name of row.variables) expect(summary.failure).toContain(name);
  });
});
