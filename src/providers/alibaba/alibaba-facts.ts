/**
 * What powercron knows about Alibaba Cloud ECS as plain data: the names of its variables, the shapes of its IDs,
 * regions and role ARNs, and its default call rates. Pure: the provider descriptor (issue 20) reads these.
 */

/** The provider's name. Not yet in the domain's PROVIDERS: see EcsComputeProvider in ecs-provider.ts. */
export const ALIBABA = "alibaba" as const;
export type AlibabaProviderName = typeof ALIBABA;

/** ECS API version and the STS one. */
export const ECS_API_VERSION = "2014-05-26";
export const STS_API_VERSION = "2015-04-01";

/**
 * The credential variables Alibaba's own tools read (the CLI, the SDKs' default credential chain, Terraform's
 * provider): `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALIBABA_CLOUD_SECURITY_TOKEN` (the
 * last only with temporary keys, e.g. a function's role).
 */
export const ALIBABA_CREDENTIAL_VARIABLES = {
  accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID",
  accessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  securityToken: "ALIBABA_CLOUD_SECURITY_TOKEN",
} as const;

/**
 * Endpoint overrides (full URLs such as http://127.0.0.1:9000, for the local cloud). Our own names: the SDK has no
 * endpoint variable of its own. Unset = the public regional endpoint (`ecs.<region>.aliyuncs.com`, from the SDK).
 */
export const ALIBABA_ENDPOINT_VARIABLES = {
  ecs: "ALIBABA_CLOUD_ECS_ENDPOINT",
  sts: "ALIBABA_CLOUD_STS_ENDPOINT",
} as const;

/**
 * Instance IDs: `i-` and lower-case letters and digits, about 20 characters in all (the API reference's example is
 * `i-bp67acfmxazb4p****`). The exact length is not documented: 10 to 30 characters after `i-` are accepted.
 */
export const ALIBABA_INSTANCE_ID = /^i-[a-z0-9]{10,30}$/;
/** EC2's ID shape (i- and 8 or 17 hex digits), restated here so that the ambiguity rule below is self-contained. */
const EC2_SHAPED_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * Whether an Alibaba-shaped ID could also be an EC2 one (`i-` and 17 hex digits): such a target must name its
 * provider. An ID with a letter past `f`, or of another length, can only be Alibaba's.
 */
export function mayBeEc2InstanceId(instanceId: string): boolean {
  return EC2_SHAPED_ID.test(instanceId);
}

/** Alibaba's own, unambiguous IDs: the only ones from which the provider may be inferred. */
export function isUnambiguousAlibabaId(instanceId: string): boolean {
  return ALIBABA_INSTANCE_ID.test(instanceId) && !mayBeEc2InstanceId(instanceId);
}

/**
 * Region IDs: `cn-hangzhou`, `cn-shanghai`, `cn-beijing`, `cn-hongkong`, `cn-shanghai-finance-1`, `ap-southeast-1`,
 * `ap-northeast-1`, `us-west-1`, `eu-central-1`, `me-east-1`... Some are spelled exactly as AWS's
 * (`ap-southeast-1`, `us-east-1`, `eu-central-1`): the provider always comes from the target or the group.
 */
export const ALIBABA_REGION = /^[a-z]{2}-[a-z]+(?:-[a-z]+)?(?:-\d+)?$/;

/** `acs:ram::<uid>:role/<name>`: uid the account's numeric ID (16 digits in practice), name 1 to 64 characters. */
export const ALIBABA_ROLE_ARN = /^acs:ram::(\d{5,20}):role\/([\w.-]{1,64})$/i;
export const ALIBABA_ROLE_ARN_SHAPE = "acs:ram::<account uid>:role/<role name>";

/** The account uid an Alibaba role ARN names; undefined for a malformed one. */
export function accountOfAlibabaRole(roleArn: string): string | undefined {
  return ALIBABA_ROLE_ARN.exec(roleArn)?.[1];
}

/**
 * RoleSessionName: 2 to 64 of letters, digits and `. @ - _` (the STS AssumeRole reference). powercron's session
 * names (`powercron-<group>`) are made of those.
 */
export const ALIBABA_SESSION_NAME = /^[\w.@-]{2,64}$/;

/**
 * Default calls per second, per API, region and account. Alibaba publishes no default numbers: the limits are shown
 * per account in the quota centre (Quota Center → API rate limits), and a call throttled in one minute works again in
 * the next. These defaults stay well under what accounts commonly see, so that powercron never spends the shared
 * budget other tools of the account need; raise them with `maxCallsPerSecond` after reading the quota centre.
 * Unconfirmed: the figures a new account gets.
 */
export const ECS_DEFAULT_RATES = {
  /** Reads: one page is 100 instances, so 20 a second covers 2,000 instances a second. */
  DescribeInstances: 20,
  /** Writes: 100 instances a call; the engine's `maxCallsPerSecond` (default 10) paces these. */
  StartInstances: 10,
  StopInstances: 10,
  /** The stamps' tagging calls, paced like the other writes. */
  TagResources: 10,
  UntagResources: 10,
} as const;

/** The most instance IDs one Start/Stop/Describe call takes (`InstanceId.N`, N ≤ 100; `InstanceIds` ≤ 100). */
export const ECS_MAX_IDS_PER_CALL = 100;
/**
 * The most instances one TagResources / UntagResources call names: `ResourceId.N`, "Valid values of N: 1 to 50"
 * (ECS API reference, TagResources and UntagResources, https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-tagresources;
 * a 51st is refused with NumberExceed.ResourceIds). Tag.N / TagKey.N: 1 to 20.
 */
export const ECS_MAX_IDS_PER_TAG_CALL = 50;
/** The most instances a DescribeInstances page holds (`MaxResults` ≤ 100). */
export const ECS_PAGE_SIZE = 100;
/** The most tags one DescribeInstances takes (`Tag.N`, N ≤ 20). */
export const ECS_MAX_TAGS = 20;
/** The default alert locale for Alibaba groups: Chinese, as for Tencent's. */
export const ALIBABA_ALERT_LOCALE = "zh" as const;
