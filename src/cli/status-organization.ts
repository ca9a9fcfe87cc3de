/**
 * `powercron status` over groups whose accounts come from their organisation: the organisations are listed now (once
 * each, as a fire lists them), and each such group described in every account found, through its spoke role. A
 * listing that fails stops the status with its code: it is never shown as a group with no instances.
 */
import type { CloudAccount } from "../domain/index.ts";
import { systemClock } from "../engine/index.ts";
import { CloudApiError } from "../errors.ts";
import { descriptorOf } from "../providers/index.ts";
import { OrganizationDiscovery } from "../runtime/index.ts";
import type { ScheduleConfig, ScheduleGroup } from "../schedule/index.ts";
import type { Environment } from "../settings/index.ts";

/** How long the listings may take in all (status has no function timeout). */
const LISTING_BUDGET_MS = 120_000;

export async function withOrganizationAccounts(
  groups: readonly ScheduleGroup[],
  config: Pick<ScheduleConfig, "accounts">,
  env: Environment,
): Promise<{ groups: ScheduleGroup[]; accounts: CloudAccount[] }> {
  const accounts = [...config.accounts];
  if (!groups.some((group) => group.organization !== undefined)) return { groups: [...groups], accounts };
  const started = systemClock.now();
  const discovery = new OrganizationDiscovery({
    env,
    clock: systemClock,
    random: Math.random,
    remainingMs: () => LISTING_BUDGET_MS - (systemClock.now() - started),
    loadAccounts: async () => config.accounts,
  });
  const resolved: ScheduleGroup[] = [];
  for (const group of groups) {
    const { organization, ...rest } = group;
    if (organization === undefined) {
      resolved.push(group);
      continue;
    }
    const outcome = await discovery.discover(group.provider, organization, group.regions[0] ?? "");
    if (outcome.kind === "failed") {
      const label = descriptorOf(group.provider).organization?.label ?? group.provider;
      const { error } = outcome;
      throw new CloudApiError(
        error.code,
        `group "${group.name}": its accounts could not be listed from ${label}: ${error.code}: ${error.message}`,
        error.details,
        { cause: error },
      );
    }
    for (const account of outcome.accounts) {
      if (!accounts.some((known) => known.name === account.name)) accounts.push(account);
    }
    resolved.push({ ...rest, accounts: outcome.accounts.map((account) => account.name) });
  }
  return { groups: resolved, accounts };
}
