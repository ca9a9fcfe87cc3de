/**
 * Other accounts: a role in another AWS account or Tencent Cloud account (uin) that powercron assumes to act on the
 * instances there. Pure: the shapes and the ARN grammar only.
 */
import type { ProviderName } from "./types.ts";

/** `arn:aws:iam::123456789012:role/Name` (a path is allowed: `role/ops/Name`); aws-cn and aws-us-gov too. */
export const AWS_ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;
/** `qcs::cam::uin/100000000001:roleName/Name`. */
export const TENCENT_ROLE_ARN = /^qcs::cam::uin\/(\d{5,20}):roleName\/([\w+=,.@-]{1,128})$/;
/** Account names in the config and events: a letter, then letters, digits, `_` or `-`. */
export const ACCOUNT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

export const ROLE_ARN_FORMATS: Readonly<Record<ProviderName, { pattern: RegExp; shape: string }>> = {
  aws: { pattern: AWS_ROLE_ARN, shape: "arn:aws:iam::<12-digit account>:role/<role name>" },
  tencent: { pattern: TENCENT_ROLE_ARN, shape: "qcs::cam::uin/<uin>:roleName/<role name>" },
};

/** One account of the config's `accounts`: powercron reaches it by assuming `roleArn`. */
export interface CloudAccount {
  readonly name: string;
  readonly provider: ProviderName;
  readonly roleArn: string;
  readonly externalId?: string;
}

/** The account ID (AWS) or uin (Tencent) a role ARN belongs to; undefined for a malformed ARN. */
export function accountIdOfRole(provider: ProviderName, roleArn: string): string | undefined {
  const match = ROLE_ARN_FORMATS[provider].pattern.exec(roleArn);
  if (!match) return undefined;
  return provider === "aws" ? match[2] : match[1];
}

/** The role's name (AWS: the last path segment). */
export function roleNameOf(provider: ProviderName, roleArn: string): string | undefined {
  const match = ROLE_ARN_FORMATS[provider].pattern.exec(roleArn);
  if (!match) return undefined;
  return provider === "aws" ? match[3]?.split("/").at(-1) : match[2];
}
