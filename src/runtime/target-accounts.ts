/**
 * Targets that name an account: the account must be one the schedule config declares, of the target's cloud. Checked
 * before any cloud call; an unknown account is an input error naming it.
 */
import type { CloudAccount, PowerRequest } from "../domain/index.ts";
import { InvalidInputError } from "../errors.ts";

export function namesAccounts(request: PowerRequest): boolean {
  return request.targets.some((target) => target.account !== undefined);
}

/** Throws InvalidInputError listing every target whose account the config does not declare for its cloud. */
export function checkTargetAccounts(request: PowerRequest, accounts: readonly CloudAccount[], subject: string): void {
  const known = accounts.map((account) => account.name).join(", ") || "none: the config has no accounts";
  const issues: string[] = [];
  request.targets.forEach((target, index) => {
    if (target.account === undefined) return;
    const account = accounts.find((candidate) => candidate.name === target.account);
    const where = request.targets.length === 1 && subject === "request" ? "account" : `targets[${index}].account`;
    if (account === undefined) {
      issues.push(`${where}: "${target.account}" is not an account of the schedule config (accounts: ${known})`);
    } else if (account.provider !== target.provider) {
      issues.push(
        `${where}: "${target.account}" is a ${account.provider} account, but the target is ${target.provider}`,
      );
    }
  });
  if (issues.length > 0) {
    throw new InvalidInputError(
      `Invalid ${request.action} invocation:${issues.map((issue) => `\n  - ${issue}`).join("")}`,
      issues,
    );
  }
}
