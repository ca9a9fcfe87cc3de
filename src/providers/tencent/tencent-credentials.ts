import { InvalidInputError } from "../../errors.ts";

export interface TencentCredential {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the key pair from the environment: first the names SCF sets for an execution role (temporary keys that
 * rotate, hence read on every call), then the names the Tencent SDK documents.
 */
export function readTencentCredential(env: Env): TencentCredential {
  const secretId = env.TENCENTCLOUD_SECRETID ?? env.TENCENTCLOUD_SECRET_ID;
  const secretKey = env.TENCENTCLOUD_SECRETKEY ?? env.TENCENTCLOUD_SECRET_KEY;
  const token = env.TENCENTCLOUD_SESSIONTOKEN ?? env.TENCENTCLOUD_SESSION_TOKEN;
  if (!secretId || !secretKey) {
    throw new InvalidInputError(
      "Tencent credentials missing: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (bind an execution role on SCF), " +
        "or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY",
    );
  }
  return token ? { secretId, secretKey, token } : { secretId, secretKey };
}
