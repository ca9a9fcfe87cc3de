/**
 * An assume-role failure told in the account's terms: which config account, which AWS account ID or Tencent uin, and
 * which role, so that the error names what to fix (`account "team-c" (AWS account 333333333333): AccessDenied when
 * assuming arn:aws:iam::333333333333:role/PowercronSpoke: ...`). The code and details stay STS's.
 */
import type { CloudAccount } from "../../domain/index.ts";
import { CloudApiError } from "../../errors.ts";
import { descriptorOf } from "../registry.ts";
import type { TemporaryCredentials } from "./role-credentials.ts";

/** `account "team-c" (AWS account 333333333333)`, `account "team-b" (Tencent Cloud uin 100000000002)`. */
export function accountLabel(account: CloudAccount): string {
  const { roleArn } = descriptorOf(account.provider);
  const id = roleArn.accountIdOf(account.roleArn) ?? "with an unreadable role ARN";
  return `account "${account.name}" (${roleArn.accountIdName} ${id})`;
}

/** The error an assume-role call threw, its message naming the account, its ID and the role. */
export function refusalOf(account: CloudAccount, error: unknown): unknown {
  if (!(error instanceof CloudApiError)) return error;
  const message = `${accountLabel(account)}: ${error.code} when assuming ${account.roleArn}: ${error.message}`;
  return new CloudApiError(error.code, message, error.details, { cause: error });
}

/** `assume`, its failures told in the account's terms. */
export function namingRefusals(
  account: CloudAccount,
  assume: () => Promise<TemporaryCredentials>,
): () => Promise<TemporaryCredentials> {
  return async () => {
    try {
      return await assume();
    } catch (error) {
      throw refusalOf(account, error);
    }
  };
}
