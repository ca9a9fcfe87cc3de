/** How the Invoke front ends tell the local cloud's call log of each Invoke (never its payload). */
import type { CloudProvider } from "../instance-store.ts";

export type InvokeLog = (call: {
  provider: CloudProvider;
  service: string;
  region: string;
  action: string;
  params: Record<string, unknown>;
  result: string;
}) => void;
