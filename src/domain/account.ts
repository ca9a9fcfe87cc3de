/**
 * Other accounts: a role in another account of a cloud that powercron assumes to act on the instances there. Pure:
 * the shapes only; each cloud's role-ARN grammar is its descriptor's (src/providers/<cloud>/descriptor.ts).
 */
import type { ProviderName } from "./types.ts";

/** Account names in the config and events: a letter, then letters, digits, `_` or `-`. */
export const ACCOUNT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

/** One account of the config's `accounts`: powercron reaches it by assuming `roleArn`. */
export interface CloudAccount {
  readonly name: string;
  readonly provider: ProviderName;
  readonly roleArn: string;
  readonly externalId?: string;
}

/**
 * A group's accounts found from the cloud's organisation at fire time (`accounts: {organization: ...}`): every active
 * member (AWS `ListAccounts`), or the members directly under the given units (AWS OUs: `ListAccountsForParent`, which
 * does not recurse into child OUs; Tencent department NodeIds), less `exclude`, each reached through `role`, the spoke
 * role's name, in that member account. Listed with the function's own keys, or through `via`'s role (a declared
 * account: the management or delegated-administrator account).
 */
export interface OrganizationSource {
  readonly units?: readonly string[];
  /** Member account IDs (AWS) or uins (Tencent) to leave out. */
  readonly exclude?: readonly string[];
  /** The spoke role's name in every member account. */
  readonly role: string;
  readonly externalId?: string;
  /** The config account whose role lists the organisation; absent = the function's own keys. */
  readonly via?: string;
}

/** The name a discovered member goes by in reports and targets: `org-<account ID or uin>`. */
export function memberAccountName(memberId: string): string {
  return `org-${memberId}`;
}
