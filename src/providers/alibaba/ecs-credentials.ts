import { type Environment, settingText } from "../../settings/index.ts";
import { ALIBABA_CREDENTIAL_VARIABLES } from "./alibaba-facts.ts";

export interface AlibabaCredential {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** The keys Alibaba's tools read, or undefined when the pair is not set. */
export function alibabaCredential(env: Environment): AlibabaCredential | undefined {
  const accessKeyId = settingText(env, ALIBABA_CREDENTIAL_VARIABLES.accessKeyId);
  const accessKeySecret = settingText(env, ALIBABA_CREDENTIAL_VARIABLES.accessKeySecret);
  const securityToken = settingText(env, ALIBABA_CREDENTIAL_VARIABLES.securityToken);
  if (accessKeyId === undefined || accessKeySecret === undefined) return undefined;
  return securityToken === undefined
    ? { accessKeyId, accessKeySecret }
    : { accessKeyId, accessKeySecret, securityToken };
}
