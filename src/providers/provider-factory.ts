import type { CloudAccount, ProviderName } from "../domain/index.ts";
import { InvalidInputError } from "../errors.ts";
import { awsCredential, type Environment, endpoints, requestTimeoutMs, stsEndpoints } from "../settings/index.ts";
import { AccountProvider } from "./accounts/account-provider.ts";
import { Bound, RoleCredentials } from "./accounts/role-credentials.ts";
import { namingRefusals } from "./accounts/role-refusal.ts";
import { Ec2Provider } from "./aws/ec2-provider.ts";
import type { ComputeProvider, ProviderFactory } from "./compute-provider.ts";
import { readTencentCredential } from "./tencent/tencent-credentials.ts";
import { TencentCvmProvider } from "./tencent/tencent-cvm-provider.ts";

/** Assume-role calls in flight at once, across accounts. */
export const ACCOUNT_CONCURRENCY = 8;

export interface CloudProvidersOptions {
  /** The schedule config's `accounts`: the roles a target's `account` names. */
  readonly accounts?: readonly CloudAccount[];
  /** The session name's subject: the group (or else the account) the run is for. */
  readonly sessionSubject?: string;
  readonly now?: () => number;
}

/** `powercron-<subject>`, in the characters both clouds allow, at most 64 (AWS's limit). */
export function sessionName(subject: string): string {
  return `powercron-${subject}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

/**
 * The real providers, configured from an environment snapshot through the settings module: Tencent credentials are
 * read from it on every request, AWS uses the SDK's default chain unless keys are given. A target in another account
 * is reached with that account's role, assumed through the cloud's own STS once per invocation (at most
 * ACCOUNT_CONCURRENCY at once) and renewed before expiry. One provider per (cloud, account, region), built lazily.
 */
export function cloudProviders(env: Environment, options: CloudProvidersOptions = {}): ProviderFactory {
  const timeoutMs = requestTimeoutMs(env);
  const overrides = endpoints(env);
  const awsKeys = awsCredential(env);
  const now = options.now ?? Date.now;
  const built = new Map<string, ComputeProvider>();
  const roles = new Map<string, RoleCredentials>();
  const bound = new Bound(ACCOUNT_CONCURRENCY);

  function compute(provider: ProviderName, region: string, role?: RoleCredentials): ComputeProvider {
    if (provider === "tencent") {
      return new TencentCvmProvider({
        region,
        credential: role
          ? async () => {
              const keys = await role.get();
              return { secretId: keys.keyId, secretKey: keys.secret, token: keys.token };
            }
          : () => readTencentCredential(env),
        requestTimeoutMs: timeoutMs,
        ...(overrides.tencentCvm ? { endpoint: overrides.tencentCvm } : {}),
      });
    }
    const credentials = role
      ? async () => {
          const keys = await role.get();
          return {
            accessKeyId: keys.keyId,
            secretAccessKey: keys.secret,
            sessionToken: keys.token,
            expiration: new Date(keys.expiresAt),
          };
        }
      : awsKeys;
    return new Ec2Provider({
      region,
      requestTimeoutMs: timeoutMs,
      ...(overrides.awsEc2 ? { endpoint: overrides.awsEc2 } : {}),
      ...(credentials ? { credentials } : {}),
    });
  }

  /** The account's credentials, shared by its regions; the STS call goes to the first region asked for. */
  function roleOf(account: CloudAccount, region: string): RoleCredentials {
    let role = roles.get(account.name);
    if (role) return role;
    const sts = stsEndpoints(env);
    const request = {
      roleArn: account.roleArn,
      ...(account.externalId ? { externalId: account.externalId } : {}),
      sessionName: sessionName(options.sessionSubject ?? account.name),
      region,
      requestTimeoutMs: timeoutMs,
    };
    const assume =
      account.provider === "tencent"
        ? () =>
            TencentCvmProvider.assumeRole({
              ...request,
              credential: () => readTencentCredential(env),
              ...(sts.tencentSts ? { endpoint: sts.tencentSts } : {}),
            })
        : () =>
            Ec2Provider.assumeRole({
              ...request,
              ...(sts.awsSts ? { endpoint: sts.awsSts } : {}),
              ...(awsKeys ? { credentials: awsKeys } : {}),
            });
    role = new RoleCredentials(namingRefusals(account, assume), bound, now);
    roles.set(account.name, role);
    return role;
  }

  return (provider, region, accountName) => {
    const key = `${provider}:${accountName ?? ""}:${region}`;
    let instance = built.get(key);
    if (!instance) {
      if (accountName === undefined) {
        instance = compute(provider, region);
      } else {
        const account = options.accounts?.find((candidate) => candidate.name === accountName);
        if (account === undefined || account.provider !== provider) {
          throw new InvalidInputError(
            `account: "${accountName}" is not a ${provider} account of the schedule config (accounts: ${(options.accounts ?? []).map((a) => a.name).join(", ") || "none"})`,
          );
        }
        // Nothing is assumed yet: STS is asked on the first call (in the other cloud's bundle the adapter's stub
        // throws its clear error here, before any STS call).
        const role = roleOf(account, region);
        instance = new AccountProvider(() => compute(provider, region, role), role, accountName);
      }
      built.set(key, instance);
    }
    return instance;
  };
}
