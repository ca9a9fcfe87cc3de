/** The config's `accounts:` section: the roles powercron assumes in other accounts of each cloud. */
import { z } from "zod";
import { ACCOUNT_NAME, type CloudAccount, PROVIDERS } from "../domain/index.ts";
import { descriptorOf, roleNoun } from "../providers/catalog.ts";

export const accountNameSchema = z.string().regex(ACCOUNT_NAME, {
  error: "is not an account name (a letter, then up to 59 letters, digits, _ or -)",
});

/** 2 to 1224 characters of `[\w+=,.@:/-]`: the strictest documented limit, kept for every cloud. */
const externalIdSchema = z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, {
  error: "is not an ExternalId (2 to 1224 letters, digits or +=,.@:/-)",
});

export const accountSchema = z
  .strictObject({
    name: accountNameSchema,
    provider: z.enum(PROVIDERS),
    roleArn: z.string(),
    externalId: externalIdSchema.optional(),
  })
  .superRefine((account, ctx) => {
    const format = descriptorOf(account.provider).roleArn;
    if (!format.pattern.test(account.roleArn)) {
      ctx.addIssue({
        code: "custom",
        path: ["roleArn"],
        message: `is not ${roleNoun(account.provider)} (${format.shape})`,
        input: account.roleArn,
      });
    }
  })
  .transform(
    (account): CloudAccount => ({
      name: account.name,
      provider: account.provider,
      roleArn: account.roleArn,
      ...(account.externalId === undefined ? {} : { externalId: account.externalId }),
    }),
  );

type AccountIssue = { path: PropertyKey[]; message: string; input: unknown };

/**
 * Cross-checks: account names are unique, and each group's `account` names a declared account of the group's
 * provider.
 */
export function accountIssues(
  accounts: readonly CloudAccount[],
  groups: readonly {
    provider: string;
    account?: string | undefined;
    accounts?: "*" | string[] | { organization: { via?: string | undefined } } | undefined;
  }[],
): AccountIssue[] {
  const issues: AccountIssue[] = [];
  const first = new Map<string, number>();
  accounts.forEach((account, index) => {
    const earlier = first.get(account.name);
    if (earlier !== undefined) {
      issues.push({
        path: ["accounts", index, "name"],
        message: `is also the name of accounts[${earlier}]`,
        input: account.name,
      });
    } else first.set(account.name, index);
  });
  const known = accounts.map((candidate) => candidate.name);
  const check = (path: PropertyKey[], name: string, provider: string) => {
    const account = accounts.find((candidate) => candidate.name === name);
    if (account === undefined) {
      issues.push({
        path,
        message: `names no account (${known.length ? `accounts: ${known.join(", ")}` : "accounts is empty"})`,
        input: name,
      });
    } else if (account.provider !== provider) {
      issues.push({
        path,
        message: `is a ${account.provider} account, but the group's provider is ${provider}`,
        input: name,
      });
    }
  };
  groups.forEach((group, index) => {
    if (group.account !== undefined) check(["groups", index, "account"], group.account, group.provider);
    if (Array.isArray(group.accounts)) {
      group.accounts.forEach((name, at) => {
        check(["groups", index, "accounts", at], name, group.provider);
      });
    } else if (typeof group.accounts === "object" && group.accounts.organization.via !== undefined) {
      check(["groups", index, "accounts", "organization", "via"], group.accounts.organization.via, group.provider);
    } else if (group.accounts === "*" && !accounts.some((account) => account.provider === group.provider)) {
      issues.push({
        path: ["groups", index, "accounts"],
        message: `names every declared ${group.provider} account, but the config declares none`,
        input: group.accounts,
      });
    }
  });
  return issues;
}

/** The account of that name, or undefined. */
export function findAccount(accounts: readonly CloudAccount[], name: string): CloudAccount | undefined {
  return accounts.find((account) => account.name === name);
}
