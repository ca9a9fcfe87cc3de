import { InvalidInputError } from "../errors.ts";
import { Ec2Provider } from "./aws/ec2-provider.ts";
import type { ComputeProvider, ProviderFactory } from "./compute-provider.ts";
import { readTencentCredential } from "./tencent/tencent-credentials.ts";
import { TencentCvmProvider } from "./tencent/tencent-cvm-provider.ts";

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

function requestTimeoutMs(env: Env): number {
  const raw = env.POWER_REQUEST_TIMEOUT_MS;
  if (raw === undefined || raw === "") return DEFAULT_REQUEST_TIMEOUT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 100 || value > 120_000) {
    throw new InvalidInputError(
      `POWER_REQUEST_TIMEOUT_MS: "${raw}" is not a whole number of milliseconds from 100 to 120000`,
    );
  }
  return value;
}

/**
 * The SDK reads AWS_ENDPOINT_URL_EC2 and the key variables from process.env itself; passing them from the snapshot
 * keeps the same meaning when the environment is given explicitly (the CLI, tests).
 */
function awsOverrides(env: Env) {
  const endpoint = env.AWS_ENDPOINT_URL_EC2 ?? env.AWS_ENDPOINT_URL;
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = env;
  return {
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
      : {}),
  };
}

/**
 * The real providers, configured from an environment snapshot: Tencent credentials are read from it on every
 * request, AWS uses the SDK's default chain. One provider per (cloud, region), built lazily and reused.
 */
export function cloudProviders(env: Env): ProviderFactory {
  const timeoutMs = requestTimeoutMs(env);
  const built = new Map<string, ComputeProvider>();
  return (provider, region) => {
    const key = `${provider}:${region}`;
    let instance = built.get(key);
    if (!instance) {
      instance =
        provider === "tencent"
          ? new TencentCvmProvider({
              region,
              credential: () => readTencentCredential(env),
              requestTimeoutMs: timeoutMs,
              ...(env.TENCENTCLOUD_CVM_ENDPOINT ? { endpoint: env.TENCENTCLOUD_CVM_ENDPOINT } : {}),
            })
          : new Ec2Provider({ region, requestTimeoutMs: timeoutMs, ...awsOverrides(env) });
      built.set(key, instance);
    }
    return instance;
  };
}
