import type { CloudAccount, ProviderName } from "../domain/index.ts";
import { InvalidInputError } from "../errors.ts";
import { type Environment, requestTimeoutMs } from "../settings/index.ts";
import type { Bound, RoleCredentials } from "./accounts/role-credentials.ts";
import type { ComputeProvider, ProviderFactory } from "./compute-provider.ts";
import { connectorOf } from "./connectors.ts";
import type { CloudConnector } from "./provider-descriptor.ts";
import { descriptorOf } from "./registry.ts";

/** Assume-role calls in flight at once, across accounts. */
export const ACCOUNT_CONCURRENCY = 8;

export interface CloudProvidersOptions {
  /** The schedule config's `accounts`: the roles a target's `account` names. */
  readonly accounts?: readonly CloudAccount[];
  /** The session name's subject: the group (or else the account) the run is for. */
  readonly sessionSubject?: string;
  readonly now?: () => number;
}

/**
 * The account machinery (an assumed role's credentials, the provider reached through them, the refusals named after
 * the account): loaded with the first target that names an account, so that a run in the function's own account
 * never evaluates it (the STS SDKs load later still, with the first call: each connector's assumeRole).
 */
async function accountMachinery() {
  const [{ AccountProvider }, { Bound, RoleCredentials }, { namingRefusals }] = await Promise.all([
    import("./accounts/account-provider.ts"),
    import("./accounts/role-credentials.ts"),
    import("./accounts/role-refusal.ts"),
  ]);
  return { AccountProvider, Bound, RoleCredentials, namingRefusals };
}
type AccountMachinery = Awaited<ReturnType<typeof accountMachinery>>;

/** `powercron-<subject>`, in the characters every cloud's STS allows, at most 64 (the strictest limit). */
export function sessionName(subject: string): string {
  return `powercron-${subject}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

/**
 * The real providers, configured from an environment snapshot through each cloud's connector, which builds
 * the compute provider (credentials read on every request where they rotate, or the SDK's chain) and assumes the
 * config's account roles through the cloud's own STS, once per invocation (at most ACCOUNT_CONCURRENCY at once),
 * renewed before expiry. One provider per (cloud, account, region), built lazily.
 */
export function cloudProviders(env: Environment, options: CloudProvidersOptions = {}): ProviderFactory {
  const timeoutMs = requestTimeoutMs(env);
  const now = options.now ?? Date.now;
  const built = new Map<string, Promise<ComputeProvider>>();
  const roles = new Map<string, RoleCredentials>();
  let bound: Bound | undefined;

  function compute(connector: CloudConnector, region: string, role?: RoleCredentials): ComputeProvider {
    return connector.compute({
      env,
      region,
      requestTimeoutMs: timeoutMs,
      ...(role ? { role: () => role.get() } : {}),
    });
  }

  /** The account's credentials, shared by its regions; the STS call goes to the first region asked for. */
  function roleOf(machinery: AccountMachinery, account: CloudAccount, region: string): RoleCredentials {
    let role = roles.get(account.name);
    if (role) return role;
    const request = {
      env,
      roleArn: account.roleArn,
      ...(account.externalId ? { externalId: account.externalId } : {}),
      sessionName: sessionName(options.sessionSubject ?? account.name),
      region,
      requestTimeoutMs: timeoutMs,
    };
    const provider = account.provider;
    bound ??= new machinery.Bound(ACCOUNT_CONCURRENCY);
    role = new machinery.RoleCredentials(
      machinery.namingRefusals(account, async () => (await connectorOf(provider)).assumeRole(request)),
      bound,
      now,
    );
    roles.set(account.name, role);
    return role;
  }
  async function build(provider: ProviderName, region: string, accountName?: string): Promise<ComputeProvider> {
    if (accountName === undefined) return compute(await connectorOf(provider), region);
    const account = options.accounts?.find((candidate) => candidate.name === accountName);
    if (account === undefined || account.provider !== provider) {
      throw new InvalidInputError(
        `account: "${accountName}" is not ${descriptorOf(provider).article} ${provider} account of the schedule config (accounts: ${(options.accounts ?? []).map((a) => a.name).join(", ") || "none"})`,
      );
    }
    // The cloud's SDK loads here (in a bundle without this cloud, the connector's stub throws its clear error, before
    // any STS call); nothing is assumed yet: STS is asked on the first call.
    const [connector, machinery] = await Promise.all([connectorOf(provider), accountMachinery()]);
    const role = roleOf(machinery, account, region);
    return new machinery.AccountProvider(() => compute(connector, region, role), role, accountName);
  }

  return (provider, region, accountName) => {
    const key = `${provider}:${accountName ?? ""}:${region}`;
    let instance = built.get(key);
    if (!instance) {
      instance = build(provider, region, accountName);
      built.set(key, instance);
      // A refusal (an unknown account, a cloud this bundle leaves out) is not kept: the next asker meets it afresh.
      instance.catch(() => built.delete(key));
    }
    return instance;
  };
}
