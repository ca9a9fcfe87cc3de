/** AWS EC2, as the registry knows it: formats, settings, locale, permissions, platform. */
import type { ProviderDescriptor } from "../provider-descriptor.ts";
import { awsOrganizationFormat } from "./aws-organization-format.ts";
import {
  awsAssumeRoleStatements,
  awsOrganizationListStatements,
  awsSpokeStatements,
  ec2Statements,
} from "./aws-permissions.ts";
import { AWS_SETTINGS as S } from "./aws-settings.ts";

/** `arn:aws:iam::123456789012:role/Name` (a path is allowed: `role/ops/Name`); aws-cn and aws-us-gov too. */
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;

export const awsDescriptor: ProviderDescriptor<"aws"> = {
  name: "aws",
  label: "AWS",
  service: "EC2",
  article: "an",
  instanceId: {
    pattern: /^i-([0-9a-f]{8}|[0-9a-f]{17})$/,
    prefix: "i-",
    example: "i-0abc12345678def90",
    shape: "i- followed by 8 or 17 lower-case hex digits",
  },
  region: {
    pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/,
    example: "us-east-1",
    examples: "us-east-1, cn-north-1, us-gov-west-1, ap-southeast-2",
  },
  roleArn: {
    pattern: ROLE_ARN,
    shape: "arn:aws:iam::<12-digit account>:role/<role name>",
    accountIdName: "AWS account",
    accountIdOf: (roleArn) => ROLE_ARN.exec(roleArn)?.[2],
    roleNameOf: (roleArn) => ROLE_ARN.exec(roleArn)?.[3]?.split("/").at(-1),
  },
  organization: awsOrganizationFormat,
  settings: {
    regions: [S.region, S.defaultRegion],
    credentials: [S.accessKeyId, S.secretAccessKey, S.sessionToken],
    endpoints: [S.ec2Endpoint, S.endpoint, S.lambdaEndpoint],
    alertChannels: [S.snsTopicArn],
    alertEndpoints: [S.snsEndpoint],
    accountEndpoints: [S.stsEndpoint, S.organizationsEndpoint],
  },
  localCloudEnv: (url, keys) => ({
    [S.ec2Endpoint.name]: url,
    // STS for the config's accounts (assumed roles); unused by runs without accounts.
    [S.stsEndpoint.name]: url,
    [S.lambdaEndpoint.name]: url,
    // The organisation listing (`accounts: {organization}`); unused by other runs.
    [S.organizationsEndpoint.name]: url,
    [S.accessKeyId.name]: keys.keyId,
    [S.secretAccessKey.name]: keys.secret,
  }),
  alertLocale: "en",
  // CreateTags / DeleteTags: "ResourceId.N ... Up to 1000 resource IDs. We recommend breaking up this request into
  // smaller batches" (EC2 API Reference, CreateTags: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html).
  // They share EC2's mutating-call bucket with start/stop: paced at their default rate.
  // A tag value takes at most 256 characters.
  tagging: {
    maxIdsPerCall: 1000,
    callsPerSecond: 10,
    maxValueLength: 256,
    actionNames: { tag: "CreateTags", untag: "DeleteTags" },
  },
  permissions: {
    compute: (scope) =>
      scope.regions === "any"
        ? awsSpokeStatements(scope.managementTag)
        : ec2Statements({ ...scope, regions: scope.regions, kmsKeyArns: scope.diskKeys }),
    listOrganization: () => awsOrganizationListStatements(),
    assumeRoles: (roleArns) => awsAssumeRoleStatements(roleArns),
  },
  platform: { name: "aws", label: "Lambda" },
  connector: { file: "src/providers/aws/aws-connector.ts", exportName: "AwsConnector" },
};
