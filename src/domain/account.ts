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
