import { isIP } from "node:net";
import { endpointAgent } from "../http-agent.ts";

/**
 * The Tencent SDK's httpProfile for one service (`cvm`, `scf`), with an optional endpoint override (a full URL such
 * as http://127.0.0.1:9000). The SDK signs for the service named by the endpoint's first label, so a local endpoint
 * is addressed as `<service>.<host>` and the agent connects to `<host>`. A WHATWG URL whose host name ends in a number
 * reads as IPv4 (`cvm.127.0.0.1` is invalid), so an IP host becomes `<service>.127-0-0-1.localhost`.
 */
export function tencentHttpProfile(service: string, endpoint: string | undefined, timeoutMs: number) {
  const reqTimeout = timeoutMs / 1000;
  if (!endpoint) return { reqTimeout, agent: endpointAgent("https:") };
  const url = new URL(endpoint);
  const protocol = url.protocol === "http:" ? "http:" : "https:";
  const alreadyNamed = url.hostname.startsWith(`${service}.`);
  const named = isIP(url.hostname.replace(/^\[|\]$/g, ""))
    ? `${service}.${url.hostname.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "")}.localhost`
    : `${service}.${url.hostname}`;
  return {
    endpoint: `${alreadyNamed ? url.hostname : named}${url.port ? `:${url.port}` : ""}`,
    protocol: `${protocol}//`,
    reqTimeout,
    agent: endpointAgent(protocol, alreadyNamed ? undefined : url.hostname),
  };
}

/**
 * A message with the hosts tencentHttpProfile made up put back as the user gave them (`cvm.127-0-0-1.localhost` →
 * `127.0.0.1`, `cvm.localhost` → `localhost`), so that an error names the endpoint that was set.
 */
export function hostsAsGiven(message: string): string {
  return message
    .replace(/\b[a-z]+\.(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\.localhost\b/g, "$1.$2.$3.$4")
    .replace(/\b[a-z]+\.localhost\b/g, "localhost");
}
