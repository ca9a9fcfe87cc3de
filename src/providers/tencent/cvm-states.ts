import type { PowerState } from "../../domain/types.ts";

/** Tencent CVM InstanceState → our state words. Rescue, migration and launch failure are `other`. */
const CVM_STATES: Readonly<Record<string, PowerState>> = {
  PENDING: "pending",
  RUNNING: "running",
  STARTING: "starting",
  STOPPING: "stopping",
  STOPPED: "stopped",
  REBOOTING: "rebooting",
  SHUTDOWN: "terminating",
  TERMINATING: "terminating",
};

export function cvmPowerState(instanceState: string | undefined | null): PowerState {
  return (instanceState && CVM_STATES[instanceState]) || "other";
}
