/** `powercron run` without any keys: exit 2 at once, one message naming the variables, no cloud call. */
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli-process.ts";

/** No keys anywhere: the variables unset, the AWS SDK's files and instance role out of reach. */
const NO_KEYS = {
  TENCENTCLOUD_SECRETID: undefined,
  TENCENTCLOUD_SECRETKEY: undefined,
  TENCENTCLOUD_SESSIONTOKEN: undefined,
  TENCENTCLOUD_SECRET_ID: undefined,
  TENCENTCLOUD_SECRET_KEY: undefined,
  TENCENTCLOUD_SESSION_TOKEN: undefined,
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_CONFIG_FILE: "/nonexistent/powercron-test/config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/powercron-test/credentials",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
  ALIBABA_CLOUD_SECURITY_TOKEN: undefined,
  // Were a call sent after all, it would find nothing listening here (never the real ECS API).
  ALIBABA_CLOUD_ECS_ENDPOINT: "http://127.0.0.1:9",
};

describe("powercron run without credentials", () => {
  it.each([
    {
      event: "config/events/tencent-dry-run.json",
      message:
        "powercron: Tencent credentials missing: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY, or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (on SCF: bind an execution role to the function); no cloud call was made",
    },
    {
      event: "config/events/aws-dry-run.json",
      message:
        "powercron: AWS credentials missing: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or a profile, SSO, or the function's role: the SDK's default chain found none); no cloud call was made",
    },
    {
      event: "config/events/alibaba-stop.json",
      message:
        "powercron: Alibaba Cloud credentials missing: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN with temporary keys); no cloud call was made",
    },
  ])("exits 2 at once for $event, with one line naming the variables and no report", async ({ event, message }) => {
    const started = Date.now();
    const result = await runCli(["run", "stop", "--event", event], NO_KEYS);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(message);
    expect(result.stdout).not.toMatch(/api calls|NetworkError|DescribeInstances/);
  });
});
