import type { PowerState } from "../../domain/index.ts";

/**
 * ECS instance `Status` → our state words. The DescribeInstances reference lists Pending (being created), Running,
 * Starting, Stopping and Stopped; anything else (a state a later API version adds) is `other`.
 */
const ECS_STATES: Readonly<Record<string, PowerState>> = {
  Pending: "pending",
  Running: "running",
  Starting: "starting",
  Stopping: "stopping",
  Stopped: "stopped",
};

export function ecsPowerState(status: string | undefined | null): PowerState {
  return (status && ECS_STATES[status]) || "other";
}
