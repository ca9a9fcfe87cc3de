/**
 * The platforms the functions run on (scf/, lambda/), one descriptor each in registry.ts: bundle layout and handler
 * entry, triggers, deploy. Above runtime and schedule; deploy/ and cli/ ask the registry.
 */

export type { FnSub, IamStatement } from "../providers/index.ts";
export {
  accountRoleArns,
  assumeRoleStatements,
  managementTag,
  organizationListStatements,
} from "./account-roles.ts";
export { cloudKeysEnvironment, copiedEnvironment } from "./cloud-keys-environment.ts";
export { assertDeployable, DEFAULT_STAGE, stageProblems } from "./deploy-check.ts";
export { FUNCTION_NAMES, type FunctionName } from "./function-names.ts";
export { handlerString } from "./handler-string.ts";
export { type NotifyEnvironment, notifyEnvironment } from "./notify-environment.ts";
export type {
  BuildBundles,
  BuiltBundle,
  BundleFront,
  BundleSpec,
  DeployArgs,
  LeftOutModule,
  PlatformDeploy,
  PlatformDescriptor,
  PlatformTriggers,
} from "./platform-descriptor.ts";
export {
  allPlatformEvents,
  allPlatforms,
  isPlatform,
  PLATFORM_REGISTRY,
  PLATFORMS,
  type Platform,
  platformOf,
} from "./registry.ts";
