import type { AwsKey } from "./aws/sigv4.ts";
import type { TencentKey } from "./tencent/tc3.ts";

/** The fake keys of the clouds the shared STS serves: obviously fake, not shaped like real ones (AKID + 32 alnum, AKIA + 16). */
export const DEFAULT_SHARED_STS_KEYS: { tencent: TencentKey[]; aws: AwsKey[] } = {
  tencent: [{ secretId: "AKIDLOCALCLOUD", secretKey: "local-secret" }],
  aws: [{ accessKeyId: "AKIDLOCALAWS", secretAccessKey: "local-secret" }],
};
