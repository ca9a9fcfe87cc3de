/**
 * Which clouds a platform's function bundle carries for a config: the platform's own cloud, the cloud of every group
 * deployed on it, of every account whose cloud it hosts, and those of `deploy.<platform>.extraClouds`. Every other
 * cloud's connector (its descriptor's `connector`) is swapped for a stub that names what to do. Pure.
 */
import type { ProviderName } from "../domain/index.ts";
import type { Platform } from "../platforms/index.ts";
import { platformOf } from "../platforms/index.ts";
import { allDescriptors, descriptorOf, platformOf as hostPlatformOf, providersFor } from "../providers/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";
import type { StubbedModule } from "./bundle-plugins.ts";

/** The clouds the platform's bundles carry for this config, in the order of PROVIDERS. */
export function bundleClouds(platform: Platform, config: ScheduleConfig): ProviderName[] {
  const carried = new Set<ProviderName>([platformOf(platform).provider, ...config.deploy[platform].extraClouds]);
  for (const group of config.groups) if (group.platform === platform) carried.add(group.provider);
  for (const account of config.accounts) {
    if (hostPlatformOf(account.provider) === platform) carried.add(account.provider);
  }
  return providersFor((descriptor) => carried.has(descriptor.name));
}

/** The setting that adds a cloud to a platform's bundles without a group: `deploy.<platform>.extraClouds`. */
export function extraCloudsSetting(platform: Platform, provider: ProviderName): string {
  return `deploy.${platform}.extraClouds: [${provider}]`;
}

/** What the stub of a cloud the bundle leaves out throws when a target of that cloud reaches it. */
export function notInBundleMessage(platform: Platform, provider: ProviderName): string {
  const descriptor = descriptorOf(provider);
  const serves = `${descriptor.label} ${descriptor.service}`;
  return (
    `${serves} is not in this ${platform} bundle: its config has no group of that cloud; ` +
    `add one (or ${extraCloudsSetting(platform, provider)}) and rebuild`
  );
}

/** The stubs of the connectors of every cloud not in `carried`. */
export function leftOutConnectors(platform: Platform, carried: readonly ProviderName[]): StubbedModule[] {
  return allDescriptors()
    .filter((descriptor) => !carried.includes(descriptor.name))
    .map((descriptor) => ({
      file: descriptor.connector.file,
      exportName: descriptor.connector.exportName,
      message: notInBundleMessage(platform, descriptor.name),
      provider: descriptor.name,
    }));
}
