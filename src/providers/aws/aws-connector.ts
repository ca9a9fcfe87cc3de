/**
 * The part of the AWS descriptor that holds its SDKs: EC2 through the adapter, and STS loaded on first use. The SCF
 * bundle replaces this module with a stub whose constructor throws (src/deploy/bundle.ts), so it carries no AWS SDK.
 */
import type { TemporaryCredentials } from "../accounts/role-credentials.ts";
import type { ComputeProvider } from "../compute-provider.ts";
import type { AssumeRoleRequest, CloudConnector, ComputeRequest, OrganizationLister } from "../provider-descriptor.ts";
import { AwsOrganizationLister } from "./aws-organization-lister.ts";
import { awsCredential, awsEndpoints, callerCredentials } from "./aws-settings.ts";
import { Ec2Provider } from "./ec2-provider.ts";

export class AwsConnector implements CloudConnector {
  /** AWS Organizations' member listing (`accounts: {organization}`). */
  get organization(): OrganizationLister {
    return new AwsOrganizationLister();
  }

  compute(request: ComputeRequest): ComputeProvider {
    const { env, role } = request;
    const endpoint = awsEndpoints(env).ec2;
    const credentials = callerCredentials(env, role);
    return new Ec2Provider({
      region: request.region,
      requestTimeoutMs: request.requestTimeoutMs,
      ...(endpoint ? { endpoint } : {}),
      ...(credentials ? { credentials } : {}),
    });
  }

  async assumeRole(request: AssumeRoleRequest): Promise<TemporaryCredentials> {
    const { assumeAwsRole } = await import("./aws-assume-role.ts");
    const { env, ...rest } = request;
    const endpoint = awsEndpoints(env).sts;
    const credentials = awsCredential(env);
    return assumeAwsRole({ ...rest, ...(endpoint ? { endpoint } : {}), ...(credentials ? { credentials } : {}) });
  }
}
