import type { PowerState } from "../../domain/index.ts";

/**
 * Tencent CVM InstanceState → our state words. SHUTDOWN is "stopped, awaiting destruction" (isolated) and comes
 * before TERMINATING. Rescue, migration and launch failure are `other`.
 */
const CVM_STATES: Readonly<Record<string, PowerState>> = {
  PENDING: "pending",
  RUNNING: "running",
  STARTING: "starting",
  STOPPING: "stopping",
  STOPPED: "stopped",
  REBOOTING: "rebooting",
  SHUTDOWN: "isolated",
  TERMINATING: "terminating",
};

export function cvmPowerState(instanceState: string | undefined | null): PowerState {
  return (instanceState && CVM_STATES[instanceState]) || "other";
}

/** The state a `UnsupportedOperation.InstanceState<State>` code names, in our words (`InstanceStateRunning` → running). */
export function stateOfStateCode(code: string): PowerState | undefined {
  const match = /^UnsupportedOperation\.InstanceState([A-Za-z]+)$/.exec(code);
  if (!match?.[1]) return undefined;
  const word = match[1].toUpperCase();
  return CVM_STATES[word] ?? (word === "TERMINATED" ? "terminated" : "other");
}
