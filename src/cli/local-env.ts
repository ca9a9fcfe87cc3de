import { PROVIDERS } from "../domain/index.ts";
import { DEFAULT_LOCAL_CREDENTIALS } from "../local-cloud/index.ts";
import { descriptorOf } from "../providers/index.ts";

/**
 * The environment that points every cloud's SDK at a local cloud: each descriptor's endpoints and the emulator's
 * fixed, obviously fake key pairs. Layered over the caller's environment, so POWER_* settings still apply.
 */
export function localCloudEnv(url: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const provider of PROVIDERS) {
    const key = DEFAULT_LOCAL_CREDENTIALS[provider][0];
    if (!key) throw new Error(`the local cloud has no default credentials for ${provider}`);
    // Each key is a pair: its ID, then its secret, in the cloud's own field names.
    const [keyId, secret] = Object.values(key) as [string, string];
    Object.assign(env, descriptorOf(provider).localCloudEnv(url, { keyId, secret }));
  }
  return env;
}
