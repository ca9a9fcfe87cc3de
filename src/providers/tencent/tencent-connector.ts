/**
 * The part of the Tencent descriptor that holds its SDKs: CVM through the adapter, and STS loaded on first use. The
 * Lambda bundle replaces this module with a stub whose constructor throws (src/deploy/bundle.ts), so it carries no
 * Tencent SDK.
 */
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";
import type { ComputeProvider } from "../compute-provider.ts";
import type { AssumeRoleRequest, CloudConnector, ComputeRequest, OrganizationLister } from "../provider-descriptor.ts";
import { TencentCvmProvider } from "./tencent-cvm-provider.ts";
import { TencentOrganizationLister } from "./tencent-organization.ts";
import { readTencentCredential } from "./tencent-own-keys.ts";
import { tencentEndpoints } from "./tencent-settings.ts";

export class TencentConnector implements CloudConnector {
  /** Tencent Cloud Organization's member listing (`accounts: {organization}`). */
  get organization(): OrganizationLister {
    return new TencentOrganizationLister();
  }

  compute(request: ComputeRequest): ComputeProvider {
    const { env, role } = request;
    const endpoint = tencentEndpoints(env).cvm;
    return new TencentCvmProvider({
      region: request.region,
      credential: role
        ? async () => {
            const keys = await role();
            return { secretId: keys.keyId, secretKey: keys.secret, token: keys.token };
          }
        : () => readTencentCredential(env),
      requestTimeoutMs: request.requestTimeoutMs,
      ...(endpoint ? { endpoint } : {}),
    });
  }

  async assumeRole(request: AssumeRoleRequest): Promise<TemporaryCredentials> {
    const { assumeTencentRole } = await import("./tencent-assume-role.ts");
    const { env, ...rest } = request;
    const endpoint = tencentEndpoints(env).sts;
    return assumeTencentRole({
      ...rest,
      credential: () => readTencentCredential(env),
      ...(endpoint ? { endpoint } : {}),
    });
  }
}
