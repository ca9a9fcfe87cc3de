/**
 * What a fire of a group with `accounts: {organization}` reports when its accounts could not be listed: one failed row
 * per region, named after the listing, with the listing's error code and message. The fire fails and alerts as any
 * failed run does; it is never a run over zero accounts. An organisation that lists no account (after `exclude`) is a
 * skipped fire saying so.
 */
import type { PowerAction } from "../domain/index.ts";
import type { CloudApiError } from "../errors.ts";
import { descriptorOf } from "../providers/index.ts";
import { countOutcomes, type InstanceResult, type PowerRun } from "../report/index.ts";
import type { OrganizationDemand } from "./invoke-deps.ts";

function labelOf(demand: OrganizationDemand): string {
  const descriptor = descriptorOf(demand.provider);
  return descriptor.organization?.label ?? descriptor.label;
}

/** The row's instance column: `accounts from AWS Organizations`. */
export function discoveryRowLabel(demand: OrganizationDemand): string {
  return `accounts from ${labelOf(demand)}`;
}

export function failedDiscoveryRun(
  action: PowerAction,
  demand: OrganizationDemand,
  error: CloudApiError,
  startedAt: Date,
  durationMs: number,
  apiCalls: Readonly<Record<string, number>>,
): PowerRun {
  const message = `group "${demand.group}": its accounts could not be listed from ${labelOf(demand)} (${error.details.action ?? "listing"}): ${error.message}`;
  const rows: InstanceResult[] = demand.regions.map((region) => ({
    provider: demand.provider,
    region,
    instanceId: discoveryRowLabel(demand),
    before: null,
    after: null,
    outcome: "failed",
    code: error.code,
    message,
  }));
  return {
    head: {
      action,
      dryRun: false,
      startedAt: startedAt.toISOString(),
      durationMs,
      totals: countOutcomes(rows),
      apiCalls,
    },
    rows: { count: rows.length, rows: () => rows },
  };
}

/** Why a fire over an organisation that lists no account does nothing. */
export function emptyOrganizationReason(demand: OrganizationDemand, listed: number): string {
  const kept =
    listed === 0
      ? "lists no account"
      : `lists ${listed} account${listed === 1 ? "" : "s"}, none active and not excluded`;
  const where = demand.source.units === undefined ? "" : ` under ${demand.source.units.join(", ")}`;
  return `group "${demand.group}": ${labelOf(demand)}${where} ${kept}: nothing to act on`;
}
