/**
 * The fires of groups whose accounts come from their organisation, for one invocation: the organisation listed once
 * (OrganizationDiscovery), then the group's request run over every account found — here, or fanned out to workers
 * when it spans more partitions than one invocation carries and POWER_WORKER_SECRET is set (a worker cannot check a
 * found account against its config, so it takes only signed slices of such a group). A failed listing is a failed
 * fire, an organisation with no account a skipped one. A class, so that a bundle whose config has no such group swaps it
 * (and with it the discovery) for a stub (src/deploy/bundle-organization.ts).
 */
import {
  type CloudAccount,
  memberAccountName,
  type OrganizationSource,
  type PowerAction,
  type PowerRequest,
  type ProviderName,
} from "../domain/index.ts";
import type { Clock } from "../engine/index.ts";
import { InvalidInputError } from "../errors.ts";
import type { Invocation } from "../input/index.ts";
import { descriptorOf } from "../providers/index.ts";
import { type PowerRun, skippedRun } from "../report/index.ts";
import type { ScheduleGroup } from "../schedule/index.ts";
import { emptyOrganizationReason, failedDiscoveryRun } from "./discovery-report.ts";
import { fanOutSlices, runFanOut } from "./fan-out.ts";
import type { InvokeDeps, OrganizationDemand } from "./invoke-deps.ts";
import { OrganizationDiscovery } from "./organization-discovery.ts";
import type { RunDeadline } from "./run-deadline.ts";
import { runRequest } from "./run-request.ts";
import { defaultAccountsLoader } from "./schedule-resolvers.ts";
import type { Partition } from "./worker-event.ts";
import { workerSecret } from "./worker-settings.ts";
import { partitionLabel } from "./worker-slices.ts";

/** A group whose accounts come from its organisation, as a worker's slice of it is checked against. */
export interface OrganizationGroup {
  readonly name: string;
  readonly provider: ProviderName;
  readonly regions: readonly string[];
  readonly source: OrganizationSource;
}

/**
 * A worker's accounts for a slice of such a group, signed (a found account cannot be checked against the config): the
 * orchestrator listed the organisation once, so the worker lists nothing — each partition must be a member (`org-<id>`, not excluded) in one of the group's regions, and its
 * account is built as the discovery builds it (the source's spoke role); only those roles are assumed. Pure.
 */
export function sliceMemberAccounts(
  group: OrganizationGroup,
  partitions: readonly Partition[],
  /** Whether the deploy has POWER_WORKER_SECRET (and so the slice was found signed): required. */
  signed: boolean,
): { readonly accounts: CloudAccount[] } | { readonly refused: string } {
  if (!signed) return { refused: "an organisation group's slice needs a signature (POWER_WORKER_SECRET)" };
  const { provider, source } = group;
  const format = descriptorOf(provider).organization;
  if (format === undefined) return { refused: `this bundle carries no ${provider} organisation format` };
  const prefix = memberAccountName("");
  const excluded = new Set((source.exclude ?? []).map(memberAccountName));
  const outside = partitions.filter(
    ({ account, region }) => !group.regions.includes(region) || !account?.startsWith(prefix) || excluded.has(account),
  );
  if (outside.length > 0) {
    const labels = outside.map(partitionLabel).join(", ");
    return { refused: `partition${outside.length === 1 ? "" : "s"} ${labels} not of group "${group.name}"` };
  }
  const names = [...new Set(partitions.map(({ account }) => account ?? ""))];
  const accounts = names.map((name) => ({
    name,
    provider,
    roleArn: format.roleArnOf(name.slice(prefix.length), source.role),
    ...(source.externalId === undefined ? {} : { externalId: source.externalId }),
  }));
  return { accounts };
}

export class OrganizationFires {
  private readonly discovery: OrganizationDiscovery;

  constructor(
    private readonly action: PowerAction,
    private readonly clock: Clock,
    private readonly deadline: RunDeadline,
    private readonly deps: InvokeDeps,
  ) {
    this.discovery = new OrganizationDiscovery({
      env: deps.env,
      clock,
      random: deps.random ?? Math.random,
      remainingMs: () => deadline.remainingMs(),
      loadAccounts: () => (deps.loadAccounts ?? defaultAccountsLoader)(deps.env),
    });
  }

  async run(demand: OrganizationDemand, invocation: Invocation): Promise<PowerRun> {
    const startedAt = this.clock.now();
    const outcome = await this.discovery.discover(demand.provider, demand.source, demand.regions[0] ?? "");
    const listingCalls = this.discovery.takeApiCalls();
    if (outcome.kind === "failed") {
      const elapsed = this.clock.now() - startedAt;
      return failedDiscoveryRun(this.action, demand, outcome.error, new Date(startedAt), elapsed, listingCalls);
    }
    if (outcome.accounts.length === 0) {
      return skippedRun(this.action, emptyOrganizationReason(demand, outcome.listed), new Date(this.clock.now()));
    }
    const request = demand.request(outcome.accounts.map((account) => account.name));
    const run =
      (await this.fannedOut(request, invocation)) ??
      (await runRequest(request, invocation, this.deadline, this.deps, outcome.accounts));
    const apiCalls = { ...run.head.apiCalls };
    for (const [name, count] of Object.entries(listingCalls)) apiCalls[name] = (apiCalls[name] ?? 0) + count;
    return { ...run, head: { ...run.head, apiCalls } };
  }

  /** The fire through the workers when it fans out (signed slices only), else undefined: it runs here. */
  private async fannedOut(request: PowerRequest, invocation: Invocation): Promise<PowerRun | undefined> {
    const { workers, env } = this.deps;
    if (workers === undefined || invocation.kind !== "group" || workerSecret(env) === undefined) return undefined;
    const slices = fanOutSlices(request, invocation, env, workers);
    if (slices === undefined) return undefined;
    const { action, clock } = this;
    return runFanOut({
      action,
      request,
      invocation,
      slices,
      workers,
      env,
      clock,
      budgetMs: this.deadline.remainingMs(),
    });
  }

  /**
   * A worker's slice's member accounts (sliceMemberAccounts), through this class so that a bundle without it says so;
   * throws InvalidInputError for a partition not of the group, before any cloud call.
   */
  sliceMembers(group: ScheduleGroup, partitions: readonly Partition[], signed: boolean): CloudAccount[] {
    const source = group.organization;
    const members =
      source === undefined
        ? { refused: `group "${group.name}" lists no organisation` }
        : sliceMemberAccounts({ ...group, source }, partitions, signed);
    if ("refused" in members) throw new InvalidInputError(`worker event refused: ${members.refused}; nothing was done`);
    return members.accounts;
  }
}
