/**
 * What `powercron status` says of one managed instance: its state, the state its group's schedule wants now, whether
 * the keep-running tag holds it and until when, and whether it has drifted. Pure: the time and the views come in.
 */

import type { InstanceView, PowerState } from "../domain/index.ts";
import { KEEP_RUNNING_TAG, readKeepRunningUntil, readSkip, SKIP_TAG, skipNote, skipReason } from "../domain/index.ts";
import type { DesiredState } from "./desired-state.ts";

export interface InstanceStatus {
  readonly instanceId: string;
  readonly region: string;
  /** The config's account the instance was described in (a group across accounts); absent: the function's own. */
  readonly account?: string;
  /** The power state word (running, stopped, ...), or `not-found` for a listed ID the cloud does not know. */
  readonly state: PowerState | "not-found";
  readonly cloudState?: string;
  readonly desired: DesiredState["state"];
  /** The keep-running tag's time when it holds the instance now (ISO 8601, UTC). */
  readonly keepRunningUntil?: string;
  /** A keep-running tag that is expired or unreadable, as the tag says it. */
  readonly overrideNote?: string;
  /** The skip tag holds the instance now (`powercron:skip=true` or `… until <time>`): no fire acts on it. */
  readonly skippedBy?: string;
  /** The instance is not in the state it should be in (and no keep-running or skip tag holds it). */
  readonly drift: boolean;
}

const ON: ReadonlySet<PowerState> = new Set(["running", "starting", "pending", "rebooting"]);
const OFF: ReadonlySet<PowerState> = new Set(["stopped", "stopping", "isolated"]);

export function instanceStatus(view: InstanceView, region: string, desired: DesiredState, now: Date): InstanceStatus {
  const keep = readKeepRunningUntil(view.tags[KEEP_RUNNING_TAG], now);
  const held = keep.kind === "keep";
  const skip = readSkip(view.tags[SKIP_TAG], now);
  const skipNoted = skipNote(skip);
  const keepNoted =
    keep.kind === "expired"
      ? `expired ${keep.until.toISOString()}`
      : keep.kind === "unreadable"
        ? `unreadable "${keep.value}"`
        : undefined;
  const overrideNote = [skipNoted, keepNoted].filter((note) => note !== undefined).join("; ");
  const drift =
    skip.kind !== "skip" &&
    ((desired.state === "stopped" && ON.has(view.state) && !held) ||
      (desired.state === "running" && OFF.has(view.state) && view.state !== "isolated"));
  return {
    instanceId: view.instanceId,
    region,
    state: view.state,
    cloudState: view.cloudState,
    desired: desired.state,
    ...(keep.kind === "keep" ? { keepRunningUntil: keep.until.toISOString() } : {}),
    ...(overrideNote ? { overrideNote } : {}),
    ...(skip.kind === "skip" ? { skippedBy: skipReason(skip) } : {}),
    drift,
  };
}

export function missingStatus(instanceId: string, region: string, desired: DesiredState): InstanceStatus {
  return { instanceId, region, state: "not-found", desired: desired.state, drift: false };
}

/** `3 instances: 2 running, 1 stopped; 1 drifted; 1 held by keep-running tag`. */
export function summarizeStatuses(statuses: readonly InstanceStatus[]): string {
  const byState = new Map<string, number>();
  for (const status of statuses) byState.set(status.state, (byState.get(status.state) ?? 0) + 1);
  const states = [...byState].map(([state, count]) => `${count} ${state}`).join(", ");
  const drifted = statuses.filter((status) => status.drift).length;
  const held = statuses.filter((status) => status.keepRunningUntil !== undefined).length;
  const skipped = statuses.filter((status) => status.skippedBy !== undefined).length;
  const parts = [`${statuses.length} instance${statuses.length === 1 ? "" : "s"}${states ? `: ${states}` : ""}`];
  parts.push(drifted === 0 ? "no drift" : `${drifted} drifted`);
  if (held > 0) parts.push(`${held} held by ${KEEP_RUNNING_TAG}`);
  if (skipped > 0) parts.push(`${skipped} skipped by ${SKIP_TAG}`);
  return parts.join("; ");
}
