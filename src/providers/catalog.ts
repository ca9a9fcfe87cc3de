/**
 * The registry of the clouds without their SDKs: the clouds' names (PROVIDERS), each cloud's descriptor (formats,
 * settings, locale, permissions, platform), the helpers that ask it, the settings table, the alert topic channel, the policy grammars' types (each
 * cloud's statements are its descriptor's `permissions`). The layers below the engine (input, notify, schedule) enter
 * providers/ here, so that a bundle's lazily loaded schedule code never reaches an SDK adapter; index.ts offers all
 * of this and the SDK-holding parts too.
 */

export type { FnSub, IamStatement } from "./aws/aws-permissions.ts";
export { type AwsCredential, awsCredential, awsEndpoints } from "./aws/aws-settings.ts";
export {
  type AlertTopicChannel,
  SNS_SUBJECT_MAX,
  SNS_TOPIC_CHANNEL as alertTopicChannel,
  snsSubject,
} from "./aws/sns-topic.ts";
export { PROVIDERS } from "./clouds.ts";
export { credentialKeyVariables, missingCredentials } from "./missing-credentials.ts";
export type {
  AssumeRoleRequest,
  CloudConnector,
  ComputeRequest,
  ConnectorModule,
  HostPlatform,
  InstanceIdFormat,
  PermissionScope,
  PolicyStatement,
  ProviderDescriptor,
  ProviderPermissions,
  ProviderSettings,
  RegionFormat,
  RoleArnFormat,
} from "./provider-descriptor.ts";
export {
  allDescriptors,
  classicEventProvider,
  descriptorOf,
  type IdInference,
  idsCanBeMistaken,
  inferAmong,
  inferProviderOfId,
  orList,
  platformOf,
  providerNamed,
  providerOfIdOrThrow,
  providersClaimingId,
  providersFor,
  providersHostedOn,
  roleNoun,
  unknownProviderReason,
  withArticle,
} from "./registry.ts";
export { allSettings, renderSettingsTable } from "./settings-table.ts";
export { readTencentCredential } from "./tencent/tencent-own-keys.ts";
export type { CamPolicy, CamStatement } from "./tencent/tencent-permissions.ts";
export {
  type TencentCredential,
  tencentCredential,
  tencentEndpoints,
} from "./tencent/tencent-settings.ts";
