import { awsCredential, type Environment, endpoints, requestTimeoutMs } from "../settings/index.ts";
import { Ec2Provider } from "./aws/ec2-provider.ts";
import type { ComputeProvider, ProviderFactory } from "./compute-provider.ts";
import { readTencentCredential } from "./tencent/tencent-credentials.ts";
import { TencentCvmProvider } from "./tencent/tencent-cvm-provider.ts";

/**
 * The real providers, configured from an environment snapshot through the settings module: Tencent credentials are
 * read from it on every request, AWS uses the SDK's default chain unless keys are given. One provider per (cloud,
 * region), built lazily and reused.
 */
export function cloudProviders(env: Environment): ProviderFactory {
  const timeoutMs = requestTimeoutMs(env);
  const overrides = endpoints(env);
  const awsKeys = awsCredential(env);
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
              ...(overrides.tencentCvm ? { endpoint: overrides.tencentCvm } : {}),
            })
          : new Ec2Provider({
              region,
              requestTimeoutMs: timeoutMs,
              ...(overrides.awsEc2 ? { endpoint: overrides.awsEc2 } : {}),
              ...(awsKeys ? { credentials: awsKeys } : {}),
            });
      built.set(key, instance);
    }
    return instance;
  };
}
