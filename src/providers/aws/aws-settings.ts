/** AWS's environment variables: the Lambda function's region, the keys, the SNS topic, the endpoint overrides. */
import { type Environment, endpointUrl, keyPair, setting } from "../../settings/index.ts";
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";

export const AWS_SETTINGS = {
  region: setting("AWS_REGION", "platform", "a region", "set by Lambda", "the Lambda function's region"),
  defaultRegion: setting("AWS_DEFAULT_REGION", "platform", "a region", "-", "read after `AWS_REGION`"),
  accessKeyId: setting(
    "AWS_ACCESS_KEY_ID",
    "credential",
    "key",
    "the SDK's default chain",
    "AWS keys; unset on Lambda, where the role's keys come through the SDK's chain",
  ),
  secretAccessKey: setting("AWS_SECRET_ACCESS_KEY", "credential", "key", "the SDK's default chain", "as above"),
  sessionToken: setting("AWS_SESSION_TOKEN", "credential", "token", "the SDK's default chain", "as above"),
  ec2Endpoint: setting("AWS_ENDPOINT_URL_EC2", "endpoint", "a full URL", "the real EC2 API", "for the local cloud"),
  endpoint: setting("AWS_ENDPOINT_URL", "endpoint", "a full URL", "-", "read after `AWS_ENDPOINT_URL_EC2`"),
  snsTopicArn: setting(
    "POWER_NOTIFY_SNS_TOPIC_ARN",
    "run",
    "an SNS topic ARN",
    "-",
    "alerts to this SNS topic as well (AWS bundle only)",
  ),
  lambdaEndpoint: setting(
    "AWS_ENDPOINT_URL_LAMBDA",
    "endpoint",
    "a full URL",
    "the real Lambda API",
    "for the local cloud (the fan-out's `Invoke`); else `AWS_ENDPOINT_URL`",
  ),
  snsEndpoint: setting("AWS_ENDPOINT_URL_SNS", "endpoint", "a full URL", "the real SNS API", "for a local SNS"),
  stsEndpoint: setting(
    "AWS_ENDPOINT_URL_STS",
    "endpoint",
    "a full URL",
    "the real STS API",
    "for the local cloud (config `accounts`); else `AWS_ENDPOINT_URL`",
  ),
  organizationsEndpoint: setting(
    "AWS_ENDPOINT_URL_ORGANIZATIONS",
    "endpoint",
    "a full URL",
    "the real Organizations API",
    "for the local cloud (`accounts: {organization}`); else `AWS_ENDPOINT_URL`",
  ),
} as const;

export interface AwsCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** AWS keys given explicitly, or undefined to leave them to the SDK's default chain (the Lambda role). */
export function awsCredential(env: Environment): AwsCredential | undefined {
  const keys = keyPair(env, {
    keyId: [AWS_SETTINGS.accessKeyId],
    secret: [AWS_SETTINGS.secretAccessKey],
    token: [AWS_SETTINGS.sessionToken],
  });
  if (keys === undefined) return undefined;
  const pair = { accessKeyId: keys.keyId, secretAccessKey: keys.secret };
  return keys.token === undefined ? pair : { ...pair, sessionToken: keys.token };
}

/** Endpoint overrides (the local cloud), each a full http(s) URL; undefined means the real API. */
export function awsEndpoints(env: Environment): { ec2?: string; sts?: string; organizations?: string } {
  const ec2 = endpointUrl(env, AWS_SETTINGS.ec2Endpoint, AWS_SETTINGS.endpoint);
  const sts = endpointUrl(env, AWS_SETTINGS.stsEndpoint, AWS_SETTINGS.endpoint);
  const organizations = endpointUrl(env, AWS_SETTINGS.organizationsEndpoint, AWS_SETTINGS.endpoint);
  return {
    ...(ec2 === undefined ? {} : { ec2 }),
    ...(sts === undefined ? {} : { sts }),
    ...(organizations === undefined ? {} : { organizations }),
  };
}

/**
 * The keys an AWS client signs with: the assumed role's, refreshed through `role` (with their expiry, so the SDK asks
 * again in time), or else the function's own from the environment (undefined: the SDK's default chain).
 */
export function callerCredentials(
  env: Environment,
  role: (() => Promise<TemporaryCredentials>) | undefined,
): AwsCredential | (() => Promise<AwsCredential & { expiration: Date }>) | undefined {
  if (role === undefined) return awsCredential(env);
  return async () => {
    const keys = await role();
    return {
      accessKeyId: keys.keyId,
      secretAccessKey: keys.secret,
      sessionToken: keys.token,
      expiration: new Date(keys.expiresAt),
    };
  };
}
