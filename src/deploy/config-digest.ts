import { createHash } from "node:crypto";
import { SETTINGS } from "../settings/index.ts";

/**
 * The digest of the schedule config a deploy was built from: the first 16 hex characters of its SHA-256. The bundle
 * carries it (compiled in) and the deployed function's environment carries it (`POWERCRON_CONFIG_DIGEST`, set by the
 * template or the SCF deploy); the handler logs it and refuses to run when the two differ.
 */
export const CONFIG_DIGEST_VARIABLE = SETTINGS.configDigest.name;

/** The compile-time constant esbuild replaces in the bundles (`define`). */
export const CONFIG_DIGEST_DEFINE = "__POWERCRON_CONFIG_DIGEST__";

export function configDigest(configBytes: Uint8Array | string): string {
  return createHash("sha256").update(configBytes).digest("hex").slice(0, 16);
}
