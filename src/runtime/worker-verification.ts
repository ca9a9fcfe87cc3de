/**
 * What a worker checks before it acts on a slice, pure: the slice is its function's action, signed with the deploy's
 * POWER_WORKER_SECRET when one is set (and must be, for a fire with no scheduled time), of a group its own config
 * has and enables, due at the slice's fire time (the schedule guard), neither in the future nor stale (POWER_MAX_EVENT_AGE), and every
 * partition one of the group's (account, region) (for an organisation group: organization-fire.ts's sliceMemberAccounts). Anything else is refused: the worker acts on nothing.
 */
import type { PowerAction } from "../domain/index.ts";
import {
  checkScheduledFire,
  DEFAULT_TOLERANCE_MS,
  type ScheduleConfig,
  type ScheduleGroup,
} from "../schedule/index.ts";
import { staleReason } from "./event-age.ts";
import { signatureHolds, type WorkerSlice } from "./worker-event.ts";
import { partitionKey, partitionLabel } from "./worker-slices.ts";

export interface WorkerCheck {
  readonly nowMs: number;
  /** POWER_MAX_EVENT_AGE, ms (Infinity: no limit). */
  readonly maxAgeMs: number;
  readonly secret: string | undefined;
  readonly toleranceMs?: number;
}

/** How far past the worker's clock a fire time may lie (clock skew): an orchestrator never sends a later one. */
export const FUTURE_SKEW_MS = 60_000;

export type WorkerVerdict = { readonly group: ScheduleGroup } | { readonly refused: string };

/** The group's (account, region) partitions, as keys. */
function groupPartitionKeys(group: ScheduleGroup): Set<string> {
  const accounts: readonly (string | undefined)[] = group.accounts ?? [undefined];
  return new Set(
    accounts.flatMap((account) =>
      group.regions.map((region) => partitionKey({ region, ...(account === undefined ? {} : { account }) })),
    ),
  );
}

export function verifyWorkerSlice(
  slice: WorkerSlice,
  action: PowerAction,
  config: Pick<ScheduleConfig, "groups" | "calendars">,
  check: WorkerCheck,
): WorkerVerdict {
  if (slice.action !== action) return { refused: `a ${slice.action} slice sent to the ${action} function` };
  if (check.secret !== undefined && !signatureHolds(slice, check.secret)) {
    return {
      refused: `${slice.signature === undefined ? "no" : "a bad"} signature (POWER_WORKER_SECRET is set)`,
    };
  }
  if (check.secret === undefined && !slice.scheduled) {
    return { refused: "an unscheduled slice needs a signature (POWER_WORKER_SECRET)" };
  }
  const group = config.groups.find((candidate) => candidate.name === slice.group);
  if (group === undefined) return { refused: `group "${slice.group}" is not in this function's schedule config` };
  if (!group.enabled) return { refused: `group "${group.name}" is disabled in the schedule config` };
  if (slice.scheduled) {
    const decision = checkScheduledFire(
      group,
      action,
      new Date(slice.fireTime),
      config,
      check.toleranceMs ?? DEFAULT_TOLERANCE_MS,
    );
    if (!decision.fire)
      return { refused: `the ${action} of group "${group.name}" is not due at ${slice.fireTime} (${decision.reason})` };
  }
  if (Date.parse(slice.fireTime) > check.nowMs + FUTURE_SKEW_MS) {
    return { refused: `the fire time ${slice.fireTime} is in the future (now ${new Date(check.nowMs).toISOString()})` };
  }
  const stale = staleReason(slice.fireTime, check.nowMs, check.maxAgeMs);
  if (stale !== undefined) return { refused: stale };
  // An organisation group's slice (signed, its partitions members) is checked as the worker builds its accounts.
  if (group.organization) return { group };
  const keys = groupPartitionKeys(group);
  const outside = slice.partitions.filter((partition) => !keys.has(partitionKey(partition)));
  if (outside.length > 0) {
    return {
      refused: `partition${outside.length === 1 ? "" : "s"} ${outside.map(partitionLabel).join(", ")} not of group "${group.name}"`,
    };
  }
  return { group };
}
