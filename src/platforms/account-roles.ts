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

/** The role ARNs of the config's accounts of a cloud, each once, sorted. */
export function accountRoleArns(config: ScheduleConfig, provider: ProviderName): string[] {
  return [...new Set(config.accounts.filter((a) => a.provider === provider).map((a) => a.roleArn))].sort();
}

/** The function role's permission to assume exactly the config's roles of a cloud; none without accounts of it. */
export function assumeRoleStatements(config: ScheduleConfig, provider: ProviderName): PolicyStatement[] {
  return descriptorOf(provider).permissions.assumeRoles(accountRoleArns(config, provider));
}
