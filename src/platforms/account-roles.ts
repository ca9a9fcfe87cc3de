/**
 * Many accounts, on the deploy side: the management tag every role is scoped by, the config's account roles of a
 * cloud, and the statements that let a platform's function role assume exactly those (its cloud's
 * `permissions.assumeRoles`); none without accounts of that cloud.
 */
import type { ProviderName } from "../domain/index.ts";
import { descriptorOf, type PolicyStatement } from "../providers/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";

/** The tag every role powercron writes is scoped by (deploy.aws.managementTag: it applies to every cloud). */
export function managementTag(config: ScheduleConfig): { readonly key: string; readonly value: string } {
  return config.deploy.aws.managementTag;
}

/**
 * The role ARNs of the config's accounts of a cloud, each once, sorted; with, for each group whose accounts come
 * from its organisation, its spoke role in any member account (`arn:aws:iam::*:role/<role>`): the members are known
 * at fire time only, and the role name is what every member installs.
 */
export function accountRoleArns(config: ScheduleConfig, provider: ProviderName): string[] {
  const declared = config.accounts.filter((a) => a.provider === provider).map((a) => a.roleArn);
  const format = descriptorOf(provider).organization;
  const spokes = config.groups.flatMap((group) =>
    group.provider === provider && group.organization !== undefined && format !== undefined
      ? [format.roleArnOf("*", group.organization.role)]
      : [],
  );
  return [...new Set([...declared, ...spokes])].sort();
}

/**
 * The function role's permission to list its cloud's organisation, when a group of that cloud lists it with the
 * function's own keys (a group with `via` lists through that account's role, whose own policy allows it).
 */
export function organizationListStatements(config: ScheduleConfig, provider: ProviderName): PolicyStatement[] {
  const listsOwn = config.groups.some(
    (group) => group.provider === provider && group.organization !== undefined && group.organization.via === undefined,
  );
  return listsOwn ? (descriptorOf(provider).permissions.listOrganization?.() ?? []) : [];
}

/**
 * The function role's permission to assume exactly the config's roles of a cloud (and list its organisation, for
 * organisation groups); none without accounts of it.
 */
export function assumeRoleStatements(config: ScheduleConfig, provider: ProviderName): PolicyStatement[] {
  return [
    ...descriptorOf(provider).permissions.assumeRoles(accountRoleArns(config, provider)),
    ...organizationListStatements(config, provider),
  ];
}
