/** Tencent Cloud CVM, as the registry knows it: formats, settings, locale, permissions, platform. */
import type { ProviderDescriptor } from "../provider-descriptor.ts";
import { tencentOrganizationFormat } from "./tencent-organization-format.ts";
import {
  cvmStatements,
  tencentAssumeRoleStatements,
  tencentOrganizationListStatements,
} from "./tencent-permissions.ts";
import { TENCENT_SETTINGS as S } from "./tencent-settings.ts";

/** `qcs::cam::uin/100000000001:roleName/Name`. */
const ROLE_ARN = /^qcs::cam::uin\/(\d{5,20}):roleName\/([\w+=,.@-]{1,128})$/;

export const tencentDescriptor: ProviderDescriptor<"tencent"> = {
  name: "tencent",
  label: "Tencent",
  service: "CVM",
  article: "a",
  instanceId: {
    pattern: /^ins-[a-z0-9]{8}$/,
    prefix: "ins-",
    example: "ins-kqf9os9x",
    shape: "ins- followed by 8 lower-case letters or digits",
  },
  region: {
    pattern: /^(ap|na|eu|sa|me)-[a-z]+(-[a-z]+)?$/,
    example: "ap-shanghai",
    examples: "ap-shanghai, ap-shanghai-fsi, na-siliconvalley, eu-frankfurt",
  },
  roleArn: {
    pattern: ROLE_ARN,
    shape: "qcs::cam::uin/<uin>:roleName/<role name>",
    accountIdName: "Tencent Cloud uin",
    accountIdOf: (roleArn) => ROLE_ARN.exec(roleArn)?.[1],
    roleNameOf: (roleArn) => ROLE_ARN.exec(roleArn)?.[2],
  },
  organization: tencentOrganizationFormat,
  settings: {
    regions: [S.region],
    credentials: [S.roleSecretId, S.roleSecretKey, S.roleSessionToken, S.secretId, S.secretKey, S.sessionToken],
    endpoints: [S.cvmEndpoint, S.scfEndpoint],
    alertChannels: [],
    alertEndpoints: [],
    accountEndpoints: [S.stsEndpoint, S.organizationEndpoint],
  },
  localCloudEnv: (url, keys) => ({
    [S.cvmEndpoint.name]: url,
    [S.secretId.name]: keys.keyId,
    [S.secretKey.name]: keys.secret,
    // STS for the config's accounts (assumed roles); unused by runs without accounts.
    [S.stsEndpoint.name]: url,
    // The organisation listing (`accounts: {organization}`); unused by other runs.
    [S.organizationEndpoint.name]: url,
  }),
  alertLocale: "zh",
  // The Tag API's AttachResourcesTag / DetachResourcesTag: "ResourceIds.N ... up to 50 resources", "a maximum of 20
  // requests per second" (https://www.tencentcloud.com/document/product/651/37825 and /37824; why not TagResources:
  // tencent-tagging.ts). One call sets one tag: a run's stamp is one value, so one call serves 50 instances.
  tagging: {
    maxIdsPerCall: 50,
    callsPerSecond: 20,
    // A tag value takes at most 256 characters.
    maxValueLength: 256,
    actionNames: { tag: "AttachResourcesTag", untag: "DetachResourcesTag" },
  },
  permissions: {
    compute: (scope) => cvmStatements(scope),
    listOrganization: () => tencentOrganizationListStatements(),
    assumeRoles: (roleArns) => tencentAssumeRoleStatements(roleArns),
  },
  platform: { name: "scf", label: "SCF" },
  connector: { file: "src/providers/tencent/tencent-connector.ts", exportName: "TencentConnector" },
};
