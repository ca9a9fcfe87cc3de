/**
 * Organisation discovery in a function bundle only when the config uses it: a platform whose config has no group with
 * `accounts: {organization}` gets stubs for the discovery and each cloud's listing (≈ 7 KB of the SCF zip, the
 * Organizations client in the Lambda one). A stub throws a clear error if it is ever reached (a stale bundle): rebuild
 * with the config. Pure.
 */
import type { Platform } from "../platforms/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";
import type { StubbedModule } from "./bundle-plugins.ts";

/**
 * The modules organisation groups add to a bundle: the dispatcher's organisation fires (with the discovery and its
 * report), each cloud's listing, the config's organisation form and each cloud's organisation format. The form's stub
 * refuses an organisation source (the bundle only ever loads the config it was built with, which has none).
 */
/** What runs an organisation group's fire: left out of a platform none of whose groups lists an organisation. */
const FIRE_MODULES: readonly Omit<StubbedModule, "message">[] = [
  { file: "src/runtime/organization-fire.ts", exportName: "OrganizationFires" },
  { file: "src/runtime/organization-discovery.ts", exportName: "OrganizationDiscovery" },
  { file: "src/providers/aws/aws-organization-lister.ts", exportName: "AwsOrganizationLister" },
  { file: "src/providers/tencent/tencent-organization.ts", exportName: "TencentOrganizationLister" },
];

/**
 * What reads the organisation form of the config: left out only when no group of the whole config uses it (every
 * bundle parses the whole config, the other platform's groups too).
 */
function formModules(message: string): Omit<StubbedModule, "message">[] {
  const refuse = "() => { throw new Error(message); }";
  return [
    ...(["aws", "tencent"] as const).map((cloud) => ({
      file: `src/providers/${cloud}/${cloud}-organization-format.ts`,
      exportName: `${cloud}OrganizationFormat`,
      contents: `export const ${cloud}OrganizationFormat = undefined;`,
    })),
    {
      file: "src/schedule/organization-source.ts",
      exportName: "organizationSourceSchema",
      contents: [
        `const message = ${JSON.stringify(message)};`,
        'const issue = { code: "custom", path: [], message, input: undefined };',
        "export const organizationSourceSchema = { safeParse: () => ({ success: false, error: { issues: [issue] } }) };",
        "export const organizationSourceIssues = () => [];",
        `export const toOrganizationSource = ${refuse};`,
        `export const organizationWords = ${refuse};`,
      ].join("\n"),
    },
  ];
}

export function usesOrganization(platform: Platform | undefined, config: ScheduleConfig): boolean {
  return config.groups.some(
    (group) => (platform === undefined || group.platform === platform) && group.organization !== undefined,
  );
}

/** The stubs of the organisation modules, for a platform whose config lists no organisation; none otherwise. */
export function leftOutOrganization(platform: Platform, config: ScheduleConfig): StubbedModule[] {
  const message = `not in this ${platform} bundle: no group has accounts: {organization}`;
  const modules = [
    ...(usesOrganization(platform, config) ? [] : FIRE_MODULES),
    ...(usesOrganization(undefined, config) ? [] : formModules(message)),
  ];
  return modules.map((module) => ({ ...module, message }));
}
