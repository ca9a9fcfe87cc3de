/**
 * The keys of another cloud a deploy copies from its own environment into the functions': a platform's functions get
 * the keys of their own execution role only, so a group of another cloud deployed on it (a group of a cloud that
 * hosts no functions of powercron's, on SCF or Lambda) needs that cloud's key pair in the functions' environment. They
 * come from the deployer's shell (or CI secrets), never from the repo, and are masked wherever the deploy shows its
 * environment; unset, the deploy names them (a dry run warns, a deploy refuses). Pure: config and environment in.
 */
import { credentialKeyVariables, descriptorOf } from "../providers/catalog.ts";
import type { Platform, ScheduleConfig } from "../schedule/index.ts";
import { type NotifyEnvironment, notifyEnvironment } from "./notify-environment.ts";
import { PLATFORM_PROVIDER } from "./platform-cloud.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** The clouds of this platform's groups other than the platform's own, in the order the groups name them. */
export function foreignClouds(config: ScheduleConfig, platform: Platform) {
  const own = PLATFORM_PROVIDER[platform];
  const clouds = config.groups.filter((group) => group.platform === platform && group.provider !== own);
  return [...new Set(clouds.map((group) => group.provider))];
}

export function cloudKeysEnvironment(config: ScheduleConfig, platform: Platform, env: Env): NotifyEnvironment {
  const variables: Record<string, string> = {};
  const secretNames: string[] = [];
  const missing: string[] = [];
  for (const provider of foreignClouds(config, platform)) {
    const descriptor = descriptorOf(provider);
    const names = descriptor.settings.credentials.map((setting) => setting.name);
    secretNames.push(...names);
    for (const name of names) {
      const value = env[name]?.trim();
      if (value) variables[name] = value;
    }
    // The key variables come in pairs (key ID and secret), the alternatives in the descriptor's order: one whole pair.
    const keys = credentialKeyVariables(descriptor);
    const pairs: string[][] = [];
    for (let index = 0; index < keys.length; index += 2) pairs.push(keys.slice(index, index + 2));
    if (!pairs.some((pair) => pair.every((name) => variables[name] !== undefined))) {
      missing.push(
        `${descriptor.label} keys: ${pairs.map((pair) => pair.join(" and ")).join(", or ")} not set in the deploy's ` +
          `environment: export them before deploying (the ${platform} functions get their own role's keys only; ` +
          `the deploy copies these into the functions' environment for the ${provider} groups)`,
      );
    }
  }
  return { variables, secretNames: [...new Set(secretNames)], missing };
}

/** The alert variables and the other clouds' keys together: what a deploy copies from its environment. */
export function copiedEnvironment(config: ScheduleConfig, platform: Platform, env: Env): NotifyEnvironment {
  const notify = notifyEnvironment(config, platform, env);
  const keys = cloudKeysEnvironment(config, platform, env);
  return {
    variables: { ...notify.variables, ...keys.variables },
    secretNames: [...new Set([...notify.secretNames, ...keys.secretNames])],
    missing: [...notify.missing, ...keys.missing],
  };
}
