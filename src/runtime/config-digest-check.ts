/**
 * The handlers' first step when deployed: log the digest of the config compiled into the bundle, and refuse to run
 * when the deployed function's environment says the deploy (its template or function configuration) was made from another
 * config. Code and triggers then never disagree silently (a stale zip under new schedules).
 */
import { InvalidInputError } from "../errors.ts";
import { type Environment, processEnvironment, SETTINGS } from "../settings/index.ts";
import type { PowerHandler } from "./power-handler.ts";

/** Replaced by esbuild (`define`) in the bundles; absent when the sources run unbundled (CLI, tests). */
declare const __POWERCRON_CONFIG_DIGEST__: string | undefined;

const CONFIG_DIGEST_VARIABLE = SETTINGS.configDigest.name;

export function bundledConfigDigest(): string | undefined {
  return typeof __POWERCRON_CONFIG_DIGEST__ === "string" ? __POWERCRON_CONFIG_DIGEST__ : undefined;
}

/**
 * Throws when the environment names a config digest other than the bundle's; `redeploy` is the platform's deploy
 * command, for the message (each entry passes its own).
 */
export function checkConfigDigest(bundled: string | undefined, env: Environment, redeploy?: string): void {
  const deployed = env[CONFIG_DIGEST_VARIABLE];
  if (bundled === undefined || deployed === undefined || deployed === bundled) return;
  throw new InvalidInputError(
    `${CONFIG_DIGEST_VARIABLE}: the function was deployed for config ${JSON.stringify(deployed)} but its code carries ` +
      `config ${JSON.stringify(bundled)}: the code and the triggers come from different versions of ` +
      `config/schedules.yaml; deploy again${redeploy === undefined ? "" : ` (${redeploy})`} so both are rebuilt`,
  );
}

/** The handlers' first log line: the config digest compiled into the bundle, and the one the deploy names. */
export function configDigestLine(bundled: string | undefined, env: Environment): string {
  return JSON.stringify({
    configDigest: bundled ?? "unbundled",
    deployedConfigDigest: env[CONFIG_DIGEST_VARIABLE] ?? null,
  });
}

/** Wraps a handler: one log line with the config digest, then the check, then the handler. */
export function withConfigDigest(
  handler: PowerHandler,
  options: {
    bundled?: string | undefined;
    env?: () => Environment;
    log?: (line: string) => void;
    /** The platform's deploy command, named when the digests disagree. */
    redeploy?: string;
  } = {},
): PowerHandler {
  const bundled = "bundled" in options ? options.bundled : bundledConfigDigest();
  const env = options.env ?? processEnvironment;
  const log = options.log ?? console.log;
  return async function handleWithConfigDigest(event, context) {
    const environment = env();
    log(configDigestLine(bundled, environment));
    checkConfigDigest(bundled, environment, options.redeploy);
    return handler(event, context);
  };
}
