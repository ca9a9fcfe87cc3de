import { sts } from "tencentcloud-sdk-nodejs-sts";
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";
import { fromTencentError } from "./tencent-errors.ts";
import { tencentHttpProfile } from "./tencent-http-profile.ts";
import type { TencentCredential } from "./tencent-settings.ts";

export interface TencentAssumeRequest {
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName: string;
  readonly region: string;
  readonly requestTimeoutMs: number;
  /** TENCENTCLOUD_STS_ENDPOINT (the local cloud); default the public endpoint. */
  readonly endpoint?: string;
  /** The function's own keys (the execution role's, read at each call: they rotate). */
  readonly credential: () => TencentCredential;
}

/** Tencent STS AssumeRole (2018-08-13) through tencentcloud-sdk-nodejs-sts; an error becomes a CloudApiError. */
export async function assumeTencentRole(request: TencentAssumeRequest): Promise<TemporaryCredentials> {
  const client = new sts.v20180813.Client({
    credential: { getCredential: async () => request.credential() },
    region: request.region,
    profile: { httpProfile: tencentHttpProfile("sts", request.endpoint, request.requestTimeoutMs) },
  });
  try {
    const answer = await client.AssumeRole({
      RoleArn: request.roleArn,
      RoleSessionName: request.sessionName,
      DurationSeconds: 7200,
      ...(request.externalId ? { ExternalId: request.externalId } : {}),
    });
    const keys = answer.Credentials;
    if (!keys?.TmpSecretId || !keys.TmpSecretKey || !keys.Token || !answer.ExpiredTime) {
      throw Object.assign(new Error("AssumeRole answered without credentials"), {
        code: "InternalError.NoCredentials",
      });
    }
    return {
      keyId: keys.TmpSecretId,
      secret: keys.TmpSecretKey,
      token: keys.Token,
      expiresAt: answer.ExpiredTime * 1000,
    };
  } catch (error) {
    throw fromTencentError(error, "AssumeRole");
  }
}
