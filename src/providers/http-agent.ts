import dns from "node:dns";
import http from "node:http";
import https from "node:https";

/**
 * A keep-alive agent for one endpoint. With `connectTo`, every host name resolves to that address: the Tencent SDK
 * signs with the service named by the endpoint's first label (cvm.…), so a local endpoint is addressed as
 * `cvm.<host>` and connected to `<host>`.
 */
export function endpointAgent(protocol: "http:" | "https:", connectTo?: string): http.Agent {
  const lookup: typeof dns.lookup | undefined = connectTo
    ? (((_host: string, options: dns.LookupOptions, callback: never) =>
        dns.lookup(connectTo, options, callback)) as unknown as typeof dns.lookup)
    : undefined;
  const options = { keepAlive: true, ...(lookup ? { lookup } : {}) };
  return protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
}
