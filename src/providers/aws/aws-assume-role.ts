import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";
import { fromEc2Error } from "./ec2-errors.ts";

export interface AwsAssumeRequest {
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName: string;
  readonly region: string;
  readonly requestTimeoutMs: number;
  /** AWS_ENDPOINT_URL_STS (the local cloud); default the SDK's own. */
  readonly endpoint?: string;
  /** The function's own keys when given explicitly; default the SDK's chain (the Lambda role). */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** AWS STS AssumeRole through @aws-sdk/client-sts; an error becomes a CloudApiError named by STS's code. */
export async function assumeAwsRole(request: AwsAssumeRequest): Promise<TemporaryCredentials> {
  const client = new STSClient({
    region: request.region,
    maxAttempts: 1,
    requestHandler: {
      requestTimeout: request.requestTimeoutMs,
      connectionTimeout: request.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
    ...(request.endpoint ? { endpoint: request.endpoint } : {}),
    ...(request.credentials ? { credentials: { ...request.credentials } } : {}),
  });
  try {
    const answer = await client.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: 3600,
        ...(request.externalId ? { ExternalId: request.externalId } : {}),
      }),
    );
    const keys = answer.Credentials;
    if (!keys?.AccessKeyId || !keys.SecretAccessKey || !keys.SessionToken || !keys.Expiration) {
      throw Object.assign(new Error("AssumeRole answered without credentials"), { name: "IncompleteSignature" });
    }
    return {
      keyId: keys.AccessKeyId,
      secret: keys.SecretAccessKey,
      token: keys.SessionToken,
      expiresAt: keys.Expiration.getTime(),
    };
  } catch (error) {
    throw fromEc2Error(error, "AssumeRole");
  } finally {
    client.destroy();
  }
}
