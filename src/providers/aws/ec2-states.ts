import type { PowerState } from "../../domain/index.ts";

/** EC2 instance-state-name → our state words. */
const EC2_STATES: Readonly<Record<string, PowerState>> = {
  pending: "pending",
  running: "running",
  stopping: "stopping",
  stopped: "stopped",
  "shutting-down": "terminating",
  terminated: "terminated",
};

export function ec2PowerState(name: string | undefined): PowerState {
  return (name && EC2_STATES[name]) || "other";
}
