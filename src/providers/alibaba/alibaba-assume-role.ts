import StsModule, * as $Sts from "@alicloud/sts20150401";
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";
import { alibabaSdkConfig, type CredentialSource, clientClass } from "./alibaba-sdk-config.ts";
import { fromEcsError } from "./ecs-errors.ts";

export interface AlibabaAssumeRequest {
  /** `acs:ram::<uid>:role/<name>`. */
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName: string;
  readonly region: string;
  readonly requestTimeoutMs: number;
  /** ALIBABA_CLOUD_STS_ENDPOINT (the local cloud); default the SDK's regional endpoint. */
  readonly endpoint?: string;
  /** The function's own keys, read at each call. */
  readonly credential: CredentialSource;
}

/**
 * RoleSessionName in Alibaba's characters (letters, digits, `. @ - _`, 2 to 64): the shared session name allows `+ = ,`
 * too (AWS's), which Alibaba STS refuses.
 */
export function alibabaSessionName(name: string): string {
  return name
    .replace(/[^\w.@-]/g, "-")
    .slice(0, 64)
    .padEnd(2, "-");
}

/** Role sessions last an hour (STS AssumeRole: DurationSeconds 900 to the role's maximum, default 3600). */
const SESSION_SECONDS = 3600;

/** Alibaba STS AssumeRole (2015-04-01) through @alicloud/sts20150401; an error becomes a CloudApiError. */
export async function assumeAlibabaRole(request: AlibabaAssumeRequest): Promise<TemporaryCredentials> {
  const StsClient = clientClass(StsModule);
  const client = new StsClient(alibabaSdkConfig(request));
  try {
    const answer = await client.assumeRole(
      new $Sts.AssumeRoleRequest({
        roleArn: request.roleArn,
        roleSessionName: alibabaSessionName(request.sessionName),
        durationSeconds: SESSION_SECONDS,
        ...(request.externalId ? { externalId: request.externalId } : {}),
      }),
    );
    const keys = answer.body?.credentials;
    const expiresAt = keys?.expiration ? Date.parse(keys.expiration) : Number.NaN;
    if (!keys?.accessKeyId || !keys.accessKeySecret || !keys.securityToken || Number.isNaN(expiresAt)) {
      throw Object.assign(new Error("AssumeRole answered without credentials"), {
        code: "InternalError.NoCredentials",
        statusCode: 500,
      });
    }
    return { keyId: keys.accessKeyId, secret: keys.accessKeySecret, token: keys.securityToken, expiresAt };
  } catch (error) {
    throw fromEcsError(error, "AssumeRole");
  }
}
