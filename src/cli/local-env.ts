import { DEFAULT_LOCAL_CREDENTIALS } from "../local-cloud/index.ts";

/**
 * The environment that points both SDKs at a local cloud: endpoints and the emulator's fixed, obviously fake key
 * pairs. Layered over the caller's environment, so POWER_* settings still apply.
 */
export function localCloudEnv(url: string): Record<string, string> {
  const tencent = DEFAULT_LOCAL_CREDENTIALS.tencent[0];
  const aws = DEFAULT_LOCAL_CREDENTIALS.aws[0];
  if (!tencent || !aws) throw new Error("the local cloud has no default credentials");
  return {
    TENCENTCLOUD_CVM_ENDPOINT: url,
    TENCENTCLOUD_SECRET_ID: tencent.secretId,
    TENCENTCLOUD_SECRET_KEY: tencent.secretKey,
    AWS_ENDPOINT_URL_EC2: url,
    // STS for the config's accounts (assumed roles); unused by runs without accounts.
    TENCENTCLOUD_STS_ENDPOINT: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ACCESS_KEY_ID: aws.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.secretAccessKey,
  };
}
