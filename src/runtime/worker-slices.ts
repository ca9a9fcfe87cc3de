/**
 * Slicing a fire for its workers, pure: a request's targets as (account, region) partitions, packed into slices of
 * at most N partitions with each account's partitions kept together (so each account's role is assumed by one worker
 * only), and a request narrowed to one slice.
 */
import type { PowerRequest, PowerTarget } from "../domain/index.ts";
import type { Partition } from "./worker-event.ts";

export function partitionKey(partition: Partition): string {
  return `${partition.account ?? ""}@${partition.region}`;
}

/** `team-a/us-east-1`, or the region alone for the function's own account. */
export function partitionLabel(partition: Partition): string {
  return partition.account === undefined ? partition.region : `${partition.account}/${partition.region}`;
}

/** The request's (account, region) partitions, once each, in target order. */
export function partitionsOf(request: PowerRequest): Partition[] {
  const seen = new Map<string, Partition>();
  for (const target of request.targets) {
    const partition: Partition = {
      region: target.region,
      ...(target.account === undefined ? {} : { account: target.account }),
    };
    seen.set(partitionKey(partition), partition);
  }
  return [...seen.values()];
}

/**
 * Slices of at most `perSlice` partitions: accounts in order, an account's partitions in one slice unless it alone
 * has more than `perSlice` (then split into full slices).
 */
export function slicePartitions(partitions: readonly Partition[], perSlice: number): Partition[][] {
  if (!Number.isInteger(perSlice) || perSlice < 1) throw new RangeError(`slicePartitions: perSlice ${perSlice}`);
  const byAccount = new Map<string, Partition[]>();
  for (const partition of partitions) {
    const key = partition.account ?? "";
    byAccount.set(key, [...(byAccount.get(key) ?? []), partition]);
  }
  const slices: Partition[][] = [];
  let current: Partition[] = [];
  for (const group of byAccount.values()) {
    for (let start = 0; start < group.length; start += perSlice) {
      const part = group.slice(start, start + perSlice);
      if (current.length + part.length > perSlice) {
        slices.push(current);
        current = [];
      }
      current.push(...part);
    }
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

/** The targets that lie in `partitions`. */
export function targetsIn(targets: readonly PowerTarget[], partitions: readonly Partition[]): PowerTarget[] {
  const keys = new Set(partitions.map(partitionKey));
  return targets.filter((target) =>
    keys.has(partitionKey({ region: target.region, ...(target.account ? { account: target.account } : {}) })),
  );
}
