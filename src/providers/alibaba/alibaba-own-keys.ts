/**
 * The function's own Alibaba keys, read on every request (temporary keys rotate), or the refusal of the run: a
 * MissingCredentialsError naming the variables, as the other clouds refuse (missing-credentials.ts), so that the CLI
 * exits 2 at once and a deployed function logs its `refused: MissingCredentials` summary line.
 */
import type { Environment } from "../../settings/index.ts";
import { missingCredentials } from "../missing-credentials.ts";
import { ALIBABA_CREDENTIAL_VARIABLES } from "./alibaba-facts.ts";
import { alibabaDescriptor } from "./descriptor.ts";
import { type AlibabaCredential, alibabaCredential } from "./ecs-credentials.ts";

/** The key pair (and token); a MissingCredentialsError, naming the variables to set, when the pair is not set. */
export function readAlibabaCredential(env: Environment): AlibabaCredential {
  const credential = alibabaCredential(env);
  if (!credential) {
    throw missingCredentials(
      alibabaDescriptor,
      `and ${ALIBABA_CREDENTIAL_VARIABLES.securityToken} with temporary keys`,
    );
  }
  return credential;
}
