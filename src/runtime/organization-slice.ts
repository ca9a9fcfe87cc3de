/**
 * A worker's accounts for a verified slice of a group whose accounts come from its organisation: the orchestrator
 * listed the organisation once and signed the slice, so the worker lists nothing — it builds each partition's member
 * account (`org-<id>`, the source's spoke role) the way the discovery does, and assumes only those roles. Pure.
 */
import { type CloudAccount, memberAccountName, type OrganizationSource, type ProviderName } from "../domain/index.ts";
import { descriptorOf } from "../providers/index.ts";
import type { Partition } from "./worker-event.ts";

/** The member accounts a slice names, once each, in the order first named. */
export function sliceMemberAccounts(
  provider: ProviderName,
  source: OrganizationSource,
  partitions: readonly Partition[],
): CloudAccount[] {
  const format = descriptorOf(provider).organization;
  if (format === undefined) throw new Error(`not in this bundle: the ${provider} organisation format`);
  const prefix = memberAccountName("");
  const names = [...new Set(partitions.flatMap(({ account }) => (account === undefined ? [] : [account])))];
  return names.map((name) => ({
    name,
    provider,
    roleArn: format.roleArnOf(name.slice(prefix.length), source.role),
    ...(source.externalId === undefined ? {} : { externalId: source.externalId }),
  }));
}
