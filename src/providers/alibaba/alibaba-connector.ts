/**
 * The part of the Alibaba descriptor that holds its SDKs: ECS through the adapter over @alicloud/openapi-core alone
 * (the generated @alicloud/ecs20140526 client sends the same requests but bundles 4.1 MB, against 1.05 MB), and STS
 * loaded on first use. A bundle whose config has no Alibaba group replaces this module with a stub whose constructor
 * throws (src/deploy/bundle.ts), so it carries no Alibaba SDK.
 */
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";
import type { ComputeProvider } from "../compute-provider.ts";
import type { AssumeRoleRequest, CloudConnector, ComputeRequest } from "../provider-descriptor.ts";
import { readAlibabaCredential } from "./alibaba-own-keys.ts";
import { alibabaEndpoints } from "./alibaba-settings.ts";
import { ecsProviderWithCore } from "./ecs-core-client.ts";

export class AlibabaConnector implements CloudConnector {
  compute(request: ComputeRequest): ComputeProvider {
    const { env, role } = request;
    const endpoint = alibabaEndpoints(env).ecs;
    return ecsProviderWithCore({
      region: request.region,
      credential: role
        ? async () => {
            const keys = await role();
            return { accessKeyId: keys.keyId, accessKeySecret: keys.secret, securityToken: keys.token };
          }
        : () => readAlibabaCredential(env),
      requestTimeoutMs: request.requestTimeoutMs,
      ...(endpoint ? { endpoint } : {}),
    });
  }

  async assumeRole(request: AssumeRoleRequest): Promise<TemporaryCredentials> {
    const { assumeAlibabaRole } = await import("./alibaba-assume-role.ts");
    const { env, ...rest } = request;
    const endpoint = alibabaEndpoints(env).sts;
    return assumeAlibabaRole({
      ...rest,
      credential: () => readAlibabaCredential(env),
      ...(endpoint ? { endpoint } : {}),
    });
  }
}
