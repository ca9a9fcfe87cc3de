/**
 * The one provider abstraction, the registry of the clouds (catalog.ts: each cloud's descriptor and the helpers that
 * ask it), the factory of the real adapters with each cloud's connector (its SDKs), and the pieces the deploys share.
 */
export type { TemporaryCredentials } from "./accounts/role-credentials.ts";
export {
  type SnsMessage,
  type SnsPublish,
  SnsSdkPublisher,
  /** The alert topic's publisher (the platform-neutral name the runtime uses). */
  SnsSdkPublisher as TopicSdkPublisher,
} from "./aws/sns-publisher.ts";
export * from "./catalog.ts";
export type {
  ActionResponse,
  CallOptions,
  ComputeProvider,
  InstancePage,
  OptionFallback,
  ProviderFactory,
  ProviderTagging,
  TaggingLimits,
} from "./compute-provider.ts";
export { connectorOf } from "./connectors.ts";
export { type LocalCloudFlag, numberPairs, oneOf } from "./local-cloud-flags.ts";
export { type OrganizationAccess, organizationAccess } from "./organization-access.ts";
export type { OrganizationLister, OrganizationMemberEntry, OrganizationPage } from "./provider-descriptor.ts";
export { cloudProviders } from "./provider-factory.ts";
export type { KeysPolicy, ProviderTooling, SpokeScope } from "./provider-tooling.ts";
export { fromTencentError } from "./tencent/tencent-errors.ts";
export { tencentHttpProfile } from "./tencent/tencent-http-profile.ts";
export { toolingOf } from "./tooling.ts";
