/**
 * A cloud's organisation, reached for one invocation: its connector's listing (CloudConnector.organization), with the
 * function's own keys or through the `via` account's role (the management or delegated-administrator account),
 * assumed once and renewed as the config's other accounts are. Undefined for a cloud powercron lists no organisation
 * of.
 */
import type { CloudAccount, ProviderName } from "../domain/index.ts";
import { type Environment, requestTimeoutMs } from "../settings/index.ts";
import { Bound, RoleCredentials } from "./accounts/role-credentials.ts";
import { namingRefusals } from "./accounts/role-refusal.ts";
import { connectorOf } from "./connectors.ts";
import type { OrganizationLister, OrganizationPage } from "./provider-descriptor.ts";
import { sessionName } from "./provider-factory.ts";

export interface OrganizationAccess {
  readonly lister: OrganizationLister;
  /** One page of the listing (of `unit`, when the lister lists by unit), after `cursor`. */
  page(unit: string | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<OrganizationPage>;
  /** AssumeRole calls sent for `via` (retries included). */
  assumeCalls(): number;
}

export async function organizationAccess(
  env: Environment,
  provider: ProviderName,
  region: string,
  via?: CloudAccount,
  now: () => number = Date.now,
): Promise<OrganizationAccess | undefined> {
  const connector = await connectorOf(provider);
  const lister = connector.organization;
  if (lister === undefined) return undefined;
  const timeoutMs = requestTimeoutMs(env);
  const role =
    via === undefined
      ? undefined
      : new RoleCredentials(
          namingRefusals(via, () =>
            connector.assumeRole({
              env,
              roleArn: via.roleArn,
              ...(via.externalId ? { externalId: via.externalId } : {}),
              sessionName: sessionName("organization"),
              region,
              requestTimeoutMs: timeoutMs,
            }),
          ),
          new Bound(1),
          now,
        );
  return {
    lister,
    page: (unit, cursor, signal) =>
      lister.page({
        env,
        region,
        requestTimeoutMs: timeoutMs,
        ...(unit === undefined ? {} : { unit }),
        ...(cursor === undefined ? {} : { cursor }),
        ...(role ? { role: () => role.get() } : {}),
        ...(signal ? { signal } : {}),
      }),
    assumeCalls: () => role?.calls ?? 0,
  };
}
