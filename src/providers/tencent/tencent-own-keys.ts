/** The function's own Tencent keys, read on every call (an execution role's temporary keys rotate), or a refusal. */
import type { Environment } from "../../settings/index.ts";
import { missingCredentials } from "../missing-credentials.ts";
import { tencentDescriptor } from "./descriptor.ts";
import { type TencentCredential, tencentCredential } from "./tencent-settings.ts";

/** The key pair; a MissingCredentialsError, naming the variables to set, when there is none. */
export function readTencentCredential(env: Environment): TencentCredential {
  const credential = tencentCredential(env);
  if (!credential) throw missingCredentials(tencentDescriptor, "on SCF: bind an execution role to the function");
  return credential;
}
