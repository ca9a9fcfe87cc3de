/**
 * The one provider abstraction, the registry of the clouds (each cloud's descriptor: formats, settings, SDK factory,
 * locale, permissions, platform), the factory of the real adapters, and the pieces the deploys share.
 */
export type { TemporaryCredentials } from "./accounts/role-credentials.ts";
export {
  awsAssumeRoleStatements,
  awsSpokeTemplate,
  ec2Statements,
  type FnSub,
  type IamStatement,
} from "./aws/aws-permissions.ts";
export { type AwsCredential, awsCredential, awsEndpoints } from "./aws/aws-settings.ts";
export { type SnsMessage, type SnsPublish, SnsSdkPublisher } from "./aws/sns-publisher.ts";
export {
  type AlertTopicChannel,
  SNS_SUBJECT_MAX,
  SNS_TOPIC_CHANNEL as alertTopicChannel,
  snsSubject,
} from "./aws/sns-topic.ts";
export type {
  ActionResponse,
  CallOptions,
  ComputeProvider,
  InstancePage,
  OptionFallback,
  ProviderFactory,
} from "./compute-provider.ts";
export type {
  AssumeRoleRequest,
  CloudConnector,
  ComputeRequest,
  HostPlatform,
  InstanceIdFormat,
  PermissionScope,
  PolicyStatement,
  ProviderDescriptor,
  ProviderSettings,
  RegionFormat,
  RoleArnFormat,
} from "./provider-descriptor.ts";
export { cloudProviders } from "./provider-factory.ts";
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
export { fromTencentError } from "./tencent/tencent-errors.ts";
export { tencentHttpProfile } from "./tencent/tencent-http-profile.ts";
export {
  type CamPolicy,
  type CamStatement,
  cvmStatements,
  tencentAssumeRoleStatements,
  tencentSpokeTrustPolicy,
} from "./tencent/tencent-permissions.ts";
export {
  MISSING_TENCENT_CREDENTIAL,
  readTencentCredential,
  type TencentCredential,
  tencentCredential,
  tencentEndpoints,
} from "./tencent/tencent-settings.ts";
