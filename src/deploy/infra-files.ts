/**
 * What `npm run infra` writes, asked of the registries: each platform's policy files (the roles its own deploy
 * needs); for a cloud no platform hosts, the policy of the keys the functions carry (its tooling's keysPolicy: its
 * descriptor's permissions in the config's regions of its groups); and each cloud's spoke files, the role each other
 * account of that cloud installs for the hub (start and stop only instances that carry the management tag, in any
 * region, and describe). Keyed by path under infra/, in the order of the platforms, then of the clouds.
 */
import { accountRoleArns, allPlatforms, managementTag, organizationListStatements } from "../platforms/index.ts";
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

/** The regions of the config's enabled groups of a cloud, sorted; none: any region (events name their own). */
export function groupRegions(config: ScheduleConfig, provider: ProviderDescriptor["name"]): string[] | "any" {
  const regions = new Set<string>();
  for (const group of config.groups) {
    if (group.enabled && group.provider === provider) for (const region of group.regions) regions.add(region);
  }
  return regions.size === 0 ? "any" : [...regions].sort();
}

/**
 * The policy of the keys the functions carry, for each cloud whose tooling declares one: start/stop only tagged
 * instances in the regions of its groups, describe, and assume exactly the config's roles of that cloud.
 */
export function keysPolicyFiles(config: ScheduleConfig): Record<string, object> {
  const files: Record<string, object> = {};
  for (const descriptor of allDescriptors()) {
    const keysPolicy = toolingOf(descriptor.name).keysPolicy;
    if (keysPolicy === undefined) continue;
    const { permissions } = descriptor;
    // No cloud with a keys policy has disks whose keys need a grant to start (that is EC2's, in the Lambda role).
    const scope = {
      managementTag: managementTag(config),
      regions: groupRegions(config, descriptor.name),
      diskKeys: [],
    };
    files[`${descriptor.name}/${keysPolicy.file}`] = keysPolicy.document([
      ...permissions.compute(scope),
      ...permissions.assumeRoles(accountRoleArns(config, descriptor.name)),
      ...organizationListStatements(config, descriptor.name),
    ]);
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
  return { ...platformPolicyFiles(config), ...keysPolicyFiles(config), ...spokeFiles(config) };
}
