/**
 * Organisation discovery in a function bundle only when the config uses it: a platform whose config has no group with
 * `accounts: {organization}` gets stubs for the discovery and each cloud's listing (≈ 7 KB of the SCF zip, the
 * Organizations client in the Lambda one). A stub throws a clear error if it is ever reached (a stale bundle): rebuild
 * with the config. Pure.
 */
import type { Platform } from "../platforms/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";
import type { StubbedModule } from "./bundle-plugins.ts";

/** The modules organisation discovery adds to a bundle: the dispatcher's discovery, each cloud's listing. */
const ORGANIZATION_MODULES: readonly { file: string; exportName: string }[] = [
  { file: "src/runtime/organization-discovery.ts", exportName: "OrganizationDiscovery" },
  { file: "src/providers/aws/aws-organization-lister.ts", exportName: "AwsOrganizationLister" },
  { file: "src/providers/tencent/tencent-organization.ts", exportName: "TencentOrganizationLister" },
];

export function usesOrganization(platform: Platform, config: ScheduleConfig): boolean {
  return config.groups.some((group) => group.platform === platform && group.organization !== undefined);
}

/** The stubs of the organisation modules, for a platform whose config lists no organisation; none otherwise. */
export function leftOutOrganization(platform: Platform, config: ScheduleConfig): StubbedModule[] {
  if (usesOrganization(platform, config)) return [];
  return ORGANIZATION_MODULES.map((module) => ({
    ...module,
    message: `accounts from the organisation are not in this ${platform} bundle: its config has no group with accounts: {organization}; add one and rebuild`,
  }));
}
