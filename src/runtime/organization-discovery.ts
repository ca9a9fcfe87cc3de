/**
 * The accounts of a group with `accounts: {organization}`, found at fire time: the cloud's organisation listed through
 * its connector (every page, each paced and retried as every other call), once per invocation however many groups
 * use the same listing, then each active member not excluded turned into an account reached through the spoke role.
 * A listing that fails is a failure, never "no accounts": the caller reports it as failed.
 */
import { type CloudAccount, memberAccountName, type OrganizationSource, type ProviderName } from "../domain/index.ts";
import {
  type CallSpec,
  type Clock,
  callWithRetry,
  DEFAULT_RETRY_POLICY,
  Deadline,
  PacedRateLimiter,
  type Random,
} from "../engine/index.ts";
import { CloudApiError } from "../errors.ts";
import {
  descriptorOf,
  type OrganizationAccess,
  type OrganizationMemberEntry,
  organizationAccess,
} from "../providers/index.ts";
import { type Environment, requestTimeoutMs } from "../settings/index.ts";

/** A listing never runs past this many pages (20 000 AWS accounts, 50 000 Tencent members): a broken cursor stops. */
const MAX_PAGES = 1000;

export type DiscoveryOutcome =
  | { readonly kind: "found"; readonly accounts: readonly CloudAccount[]; readonly listed: number }
  | { readonly kind: "failed"; readonly error: CloudApiError };

export interface DiscoveryDeps {
  readonly env: Environment;
  readonly clock: Clock;
  readonly random: Random;
  /** The time the invocation has left: a listing's retries stay within it. */
  readonly remainingMs: () => number;
  /** The config's declared accounts (to find `via`). */
  readonly loadAccounts: () => Promise<readonly CloudAccount[]>;
  /** The cloud's organisation, reached (a seam for tests); default the connector's, through organizationAccess. */
  readonly access?: typeof organizationAccess;
}

/** The error of a cloud without an organisation listing (the config refuses such a group: a stale bundle may not). */
function noListing(provider: ProviderName): CloudApiError {
  const { label } = descriptorOf(provider);
  return new CloudApiError("OrganizationNotListed", `powercron lists no ${label} organisation`, {
    action: "ListOrganization",
  });
}

/** Members as listed, kept to what a source asks: active, in its units (when listed whole), not excluded. */
export function membersOfSource(
  members: readonly OrganizationMemberEntry[],
  source: OrganizationSource,
  unitsListedApart: boolean,
): OrganizationMemberEntry[] {
  const excluded = new Set(source.exclude ?? []);
  const units = source.units === undefined || unitsListedApart ? undefined : new Set(source.units);
  const seen = new Set<string>();
  return members.filter((member) => {
    if (!member.active || excluded.has(member.id) || seen.has(member.id)) return false;
    if (units !== undefined && (member.unit === undefined || !units.has(member.unit))) return false;
    seen.add(member.id);
    return true;
  });
}

/** One invocation's organisation listings: each listed once, whatever number of groups ask for it. */
export class OrganizationDiscovery {
  private readonly listings = new Map<string, Promise<OrganizationMemberEntry[]>>();
  private readonly counted: Record<string, number> = {};

  constructor(private readonly deps: DiscoveryDeps) {}

  /** API calls made since the last time this was asked (a fire's report carries the listing it caused). */
  takeApiCalls(): Record<string, number> {
    const calls = { ...this.counted };
    for (const key of Object.keys(this.counted)) delete this.counted[key];
    return calls;
  }

  async discover(provider: ProviderName, source: OrganizationSource, region: string): Promise<DiscoveryOutcome> {
    const format = descriptorOf(provider).organization;
    let members: OrganizationMemberEntry[];
    let apart = false;
    try {
      if (format === undefined) throw noListing(provider);
      const key = JSON.stringify([provider, source.via ?? null, source.units ?? null]);
      let listing = this.listings.get(key);
      if (listing === undefined) {
        listing = this.list(provider, source, region);
        this.listings.set(key, listing);
      }
      members = await listing;
      apart = (await this.access(provider, region, source)).lister.listsByUnit;
    } catch (error) {
      if (error instanceof CloudApiError) return { kind: "failed", error };
      throw error;
    }
    const accounts = membersOfSource(members, source, apart).map(
      (member): CloudAccount => ({
        name: memberAccountName(member.id),
        provider,
        roleArn: format.roleArnOf(member.id, source.role),
        ...(source.externalId === undefined ? {} : { externalId: source.externalId }),
      }),
    );
    return { kind: "found", accounts, listed: members.length };
  }

  private readonly accesses = new Map<string, Promise<OrganizationAccess>>();

  /** The organisation reached once per (cloud, via) for the invocation: `via`'s role is assumed once. */
  private access(provider: ProviderName, region: string, source: OrganizationSource): Promise<OrganizationAccess> {
    const key = `${provider}|${source.via ?? ""}`;
    let access = this.accesses.get(key);
    if (access === undefined) {
      access = (async () => {
        const declared = await this.deps.loadAccounts();
        const via = source.via === undefined ? undefined : declared.find((account) => account.name === source.via);
        if (source.via !== undefined && via === undefined) {
          throw new CloudApiError("AccountNotDeclared", `via: "${source.via}" is not an account of the config`, {
            action: "AssumeRole",
          });
        }
        const found = await (this.deps.access ?? organizationAccess)(this.deps.env, provider, region, via);
        if (found === undefined) throw noListing(provider);
        return found;
      })();
      this.accesses.set(key, access);
    }
    return access;
  }

  /** Every page of the source's listing: its units one by one when the API lists by unit, else the whole. */
  private async list(
    provider: ProviderName,
    source: OrganizationSource,
    region: string,
  ): Promise<OrganizationMemberEntry[]> {
    const access = await this.access(provider, region, source);
    const { lister } = access;
    const { clock, random } = this.deps;
    const limiter = new PacedRateLimiter(clock, lister.callsPerSecond, false);
    const context = {
      clock,
      random,
      deadline: Deadline.after(clock, this.deps.remainingMs()),
      policy: { ...DEFAULT_RETRY_POLICY, requestTimeoutMs: requestTimeoutMs(this.deps.env) },
      countCall: (action: string) => {
        this.counted[action] = (this.counted[action] ?? 0) + 1;
      },
    };
    const units: readonly (string | undefined)[] =
      lister.listsByUnit && source.units !== undefined ? source.units : [undefined];
    const members: OrganizationMemberEntry[] = [];
    const assumedBefore = access.assumeCalls();
    try {
      for (const unit of units) {
        const spec: CallSpec = {
          apiAction: lister.actionName(unit),
          idempotent: true,
          classify: (error) => lister.classify(error),
        };
        let cursor: string | undefined;
        for (let pages = 0; pages < MAX_PAGES; pages++) {
          const page = await callWithRetry(spec, limiter, context, ({ signal }) => access.page(unit, cursor, signal));
          members.push(...page.members);
          cursor = page.cursor;
          if (cursor === undefined) break;
        }
      }
    } finally {
      const assumed = access.assumeCalls() - assumedBefore;
      if (assumed > 0) this.counted.AssumeRole = (this.counted.AssumeRole ?? 0) + assumed;
    }
    return members;
  }
}
