import type { ProviderName } from "../domain/index.ts";
import { DEFAULT_LOCAL_CREDENTIALS } from "../local-cloud/local-credentials.ts";
import { descriptorOf, PROVIDERS } from "../providers/index.ts";

/**
 * The environment that points every cloud's SDK at a local cloud: each descriptor's endpoints and the emulator's
 * fixed, obviously fake key pairs. Layered over the caller's environment, so POWER_* settings still apply.
 */
export function localCloudEnv(url: string): Record<string, string> {
  const env: Record<string, string> = {};
  // A cloud the local cloud does not emulate (yet) has no keys there, and gets no variables.
  const keys: Partial<Record<ProviderName, readonly object[]>> = DEFAULT_LOCAL_CREDENTIALS;
  for (const provider of PROVIDERS) {
    const key = keys[provider]?.[0];
    if (!key) continue;
    // Each key is a pair: its ID, then its secret, in the cloud's own field names.
    const [keyId, secret] = Object.values(key) as [string, string];
    Object.assign(env, descriptorOf(provider).localCloudEnv(url, { keyId, secret }));
  }
  return env;
}
