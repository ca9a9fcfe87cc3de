/**
 * What `npm run infra` writes, asked of the registries: each platform's policy files (the roles its own deploy
 * needs), and each cloud's spoke files, the role each other account of that cloud installs for the hub (start and
 * stop only instances that carry the management tag, in any region, and describe). Keyed by path under infra/, in
 * the order of the platforms, then of the clouds.
 */
import { allPlatforms, managementTag } from "../platforms/index.ts";
import { allDescriptors, type ProviderDescriptor, toolingOf } from "../providers/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";

/** The role name the spoke files create by default (the config's roleArn must name it). */
export const SPOKE_ROLE_NAME = "PowercronSpoke";

/** Where a spoke must trust a hub role by name that no platform names: the operator fills it in. */
const HUB_ROLE_PLACEHOLDER = "<hub-role>";

/** The policy files of the platforms' own deploys: `<cloud>/<file>` → policy. */
export function platformPolicyFiles(config: ScheduleConfig): Record<string, object> {
  const files: Record<string, object> = {};
  for (const platform of allPlatforms()) {
    for (const [file, policy] of Object.entries(platform.policyFiles(config))) {
      files[`${platform.provider}/${file}`] = policy;
    }
  }
  return files;
}

/** The spoke files of each cloud's other accounts: `<cloud>/<file>` → document. */
export function spokeFiles(config: ScheduleConfig): Record<string, object> {
  const files: Record<string, object> = {};
  for (const descriptor of allDescriptors()) {
    const scope = {
      managementTag: managementTag(config),
      roleName: SPOKE_ROLE_NAME,
      hubRole: hubRole(config, descriptor),
    };
    for (const [file, document] of Object.entries(toolingOf(descriptor.name).spokeFiles(scope))) {
      files[`${descriptor.name}/${file}`] = document;
    }
  }
  return files;
}

/** The function role of the platform that hosts a cloud's functions, as that cloud's spokes trust it. */
function hubRole(config: ScheduleConfig, descriptor: ProviderDescriptor): string {
  const home = allPlatforms().find((platform) => platform.provider === descriptor.name);
  return home?.functionRoleName(config) ?? HUB_ROLE_PLACEHOLDER;
}

/** Every file `npm run infra` writes: path under infra/ → document. */
export function infraFiles(config: ScheduleConfig): Record<string, object> {
  return { ...platformPolicyFiles(config), ...spokeFiles(config) };
}
