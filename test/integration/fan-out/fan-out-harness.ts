/**
 * A fan-out through a platform's real Invoke: the built bundle registered in the local cloud as one function (the
 * orchestrator and its workers are the same function), invoked through the platform's SDK; an alert receiver that
 * counts the alerts.
 */
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localCloudEnv } from "../../../src/cli/local-env.ts";
import { bundleFunction } from "../../../src/deploy/bundle.ts";
import type { BuiltBundle } from "../../../src/platforms/platform-descriptor.ts";
import type { Platform } from "../../../src/schedule/index.ts";

export async function buildStop(platform: Platform, configFile: string): Promise<BuiltBundle> {
  const distDir = mkdtempSync(join(tmpdir(), `powercron-fanout-${platform}-`));
  return bundleFunction(platform, "stop", { configFile, distDir });
}

/** The function's environment in the local cloud: its endpoints and keys, its config, the fan-out settings. */
export function functionEnv(url: string, bundle: BuiltBundle, configFile: string, extra: Record<string, string>) {
  return {
    ...localCloudEnv(url),
    POWER_CONFIG: configFile,
    POWERCRON_CONFIG_DIGEST: bundle.configDigest,
    POWER_REQUEST_TIMEOUT_MS: "5000",
    ...extra,
  };
}

/** An HTTP receiver for the generic webhook: counts the alerts it is sent. */
export async function alertReceiver(): Promise<{ url: string; alerts: unknown[]; close(): Promise<void> }> {
  const alerts: unknown[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      alerts.push(JSON.parse(body || "null"));
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    alerts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The current minute, as a timer firing every minute would give it. */
export function thisMinute(now = Date.now()): string {
  return new Date(Math.floor(now / 60_000) * 60_000).toISOString();
}
