/** Alibaba Cloud ECS, as the registry knows it: formats, settings, locale, permissions, platform. */
import type { ProviderDescriptor } from "../provider-descriptor.ts";
import {
  ALIBABA_ALERT_LOCALE,
  ALIBABA_INSTANCE_ID,
  ALIBABA_REGION,
  ALIBABA_ROLE_ARN,
  ALIBABA_ROLE_ARN_SHAPE,
  ECS_DEFAULT_RATES,
  ECS_MAX_IDS_PER_TAG_CALL,
} from "./alibaba-facts.ts";
import { alibabaAssumeRoleStatements, ecsStatements } from "./alibaba-permissions.ts";
import { ALIBABA_SETTINGS as S } from "./alibaba-settings.ts";

export const alibabaDescriptor: ProviderDescriptor<"alibaba"> = {
  name: "alibaba",
  label: "Alibaba Cloud",
  service: "ECS",
  article: "an",
  instanceId: {
    pattern: ALIBABA_INSTANCE_ID,
    // Shared with AWS: an ID both grammars accept (i- and 17 hex digits) is never inferred (registry.ts).
    prefix: "i-",
    example: "i-bp67acfmxazb4ph3rz1t",
    shape: "i- followed by 10 to 30 lower-case letters or digits",
  },
  region: {
    pattern: ALIBABA_REGION,
    example: "cn-hangzhou",
    examples: "cn-hangzhou, cn-shanghai, cn-shanghai-finance-1, ap-southeast-1",
  },
  roleArn: {
    pattern: ALIBABA_ROLE_ARN,
    shape: ALIBABA_ROLE_ARN_SHAPE,
    accountIdName: "Alibaba Cloud account uid",
    accountIdOf: (roleArn) => ALIBABA_ROLE_ARN.exec(roleArn)?.[1],
    roleNameOf: (roleArn) => ALIBABA_ROLE_ARN.exec(roleArn)?.[2],
  },
  settings: {
    // No platform of Alibaba's hosts the functions: the region comes from the target, the group, or Alibaba's own.
    regions: [S.region],
    credentials: [S.accessKeyId, S.accessKeySecret, S.securityToken],
    endpoints: [S.ecsEndpoint],
    alertChannels: [],
    alertEndpoints: [],
    accountEndpoints: [S.stsEndpoint],
  },
  localCloudEnv: (url, keys) => ({
    [S.ecsEndpoint.name]: url,
    [S.accessKeyId.name]: keys.keyId,
    [S.accessKeySecret.name]: keys.secret,
    // STS for the config's accounts (assumed roles); unused by runs without accounts.
    [S.stsEndpoint.name]: url,
  }),
  alertLocale: ALIBABA_ALERT_LOCALE,
  // TagResources / UntagResources, ResourceType instance: 50 instances a call (cited in alibaba-facts.ts).
  tagging: {
    maxIdsPerCall: ECS_MAX_IDS_PER_TAG_CALL,
    callsPerSecond: ECS_DEFAULT_RATES.TagResources,
    // A tag value takes at most 128 characters.
    maxValueLength: 128,
    actionNames: { tag: "TagResources", untag: "UntagResources" },
  },
  permissions: {
    compute: (scope) => ecsStatements(scope),
    assumeRoles: (roleArns) => alibabaAssumeRoleStatements(roleArns),
  },
  // SCF hosts the China clouds: its functions run in mainland regions next to Alibaba's, and its tick model (one
  // trigger a minute) serves any number of groups of any cloud.
  platform: { name: "scf", label: "SCF" },
  connector: { file: "src/providers/alibaba/alibaba-connector.ts", exportName: "AlibabaConnector" },
};
