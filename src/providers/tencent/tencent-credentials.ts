import { InvalidInputError } from "../../errors.ts";
import {
  type Environment,
  MISSING_TENCENT_CREDENTIAL,
  type TencentCredential,
  tencentCredential,
} from "../../settings/index.ts";

export type { TencentCredential };

/**
 * Reads the key pair through the settings module on every call (an execution role's temporary keys rotate): first the
 * names SCF sets for an execution role, then the names the Tencent SDK documents.
 */
export function readTencentCredential(env: Environment): TencentCredential {
  const credential = tencentCredential(env);
  if (!credential) throw new InvalidInputError(MISSING_TENCENT_CREDENTIAL);
  return credential;
}
