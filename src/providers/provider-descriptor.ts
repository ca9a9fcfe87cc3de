/**
 * What powercron knows about one cloud, declared once in its folder (`src/providers/<cloud>/descriptor.ts`) and asked
 * by every other folder through the registry (registry.ts). A cloud added to PROVIDERS without a complete descriptor
 * (registry.ts) does not compile; its connector is `<cloud>/<cloud>-connector.ts` (connectors.ts).
 */
import type { AlertLocale, ClassifiedFailure, ProviderName } from "../domain/index.ts";
import type { CloudApiError } from "../errors.ts";
import type { Environment, Setting } from "../settings/index.ts";
import type { TemporaryCredentials } from "./accounts/role-credentials.ts";
import type { ComputeProvider, TaggingLimits } from "./compute-provider.ts";

/** The serverless platforms powercron's functions run on. */
/** The config's `platform` words: `scf` (SCF timers) or `aws` (Lambda and EventBridge Scheduler). */
export type HostPlatform = "scf" | "aws";

/** An instance ID's grammar and the words error messages use for it. */
export interface InstanceIdFormat {
  readonly pattern: RegExp;
  /**
   * What every ID of the cloud starts with. IDs whose prefix another cloud's IDs share can be mistaken for that
   * cloud's: the registry never infers the provider from them (the target must name it).
   */
  readonly prefix: string;
  readonly example: string;
  /** `ins- followed by 8 lower-case letters or digits`. */
  readonly shape: string;
}

export interface RegionFormat {
  readonly pattern: RegExp;
  /** One region, for messages and the settings table (`ap-shanghai`). */
  readonly example: string;
  /** A few regions, for messages (`ap-shanghai, ap-shanghai-fsi, ...`). */
  readonly examples: string;
}

/** How the config's `accounts[].roleArn` of this cloud reads. */
export interface RoleArnFormat {
  readonly pattern: RegExp;
  /** `arn:aws:iam::<12-digit account>:role/<role name>`. */
  readonly shape: string;
  /** What the account ID is called in messages: `AWS account`, `Tencent Cloud uin`. */
  readonly accountIdName: string;
  /** The account ID (AWS) or uin (Tencent) a role ARN belongs to; undefined for a malformed ARN. */
  accountIdOf(roleArn: string): string | undefined;
  /** The role's name (without a path); undefined for a malformed ARN. */
  roleNameOf(roleArn: string): string | undefined;
}

/**
 * How the cloud's organisation reads in the config's `accounts: {organization: ...}`: its units (AWS OUs, Tencent
 * departments), its member IDs, and the role ARN of a spoke role in a member. Pure: the listing itself is the
 * connector's (CloudConnector.organization).
 */
export interface OrganizationFormat {
  /** `AWS Organizations`: the service's name in messages. */
  readonly label: string;
  /** A unit of `ous` (`ou-ab12-cd34ef56`, a department NodeId). */
  readonly unit: { readonly pattern: RegExp; readonly shape: string };
  /** A member of `exclude` (12-digit account ID, uin). */
  readonly member: { readonly pattern: RegExp; readonly shape: string };
  /** A role name of `role`. */
  readonly roleName: { readonly pattern: RegExp; readonly shape: string };
  /** The spoke role's ARN in a member account. */
  roleArnOf(memberId: string, roleName: string): string;
}

/** The cloud's environment variables, declared with src/settings' primitives, by where they are read. */
export interface ProviderSettings {
  /** The function's region as the hosting platform sets it: read after POWER_REGION, in order. */
  readonly regions: readonly Setting[];
  readonly credentials: readonly Setting[];
  /** Endpoint overrides of the compute (and deploy) APIs. */
  readonly endpoints: readonly Setting[];
  /** Alert channels the cloud offers (an SNS topic), among the alert settings. */
  readonly alertChannels: readonly Setting[];
  readonly alertEndpoints: readonly Setting[];
  /** Endpoint overrides of the role assumption (STS) for the config's accounts. */
  readonly accountEndpoints: readonly Setting[];
}

/** What the compute factory gets: the environment snapshot, the region, the request timeout, and an account's keys. */
export interface ComputeRequest {
  readonly env: Environment;
  readonly region: string;
  readonly requestTimeoutMs: number;
  /** An assumed role's keys, renewed before they expire; absent = the function's own. */
  readonly role?: () => Promise<TemporaryCredentials>;
}

/** One AssumeRole of a config account's role, through the cloud's own STS. */
export interface AssumeRoleRequest {
  readonly env: Environment;
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName: string;
  readonly region: string;
  readonly requestTimeoutMs: number;
}

/**
 * The part of a cloud that holds its SDKs: its compute factory and its role assumption (`<cloud>/<cloud>-connector.ts`,
 * loaded by connectors.ts). It is kept apart from the descriptor so that the layers below the engine, which ask the
 * registry (catalog.ts), never load an SDK; the bundler may swap a connector's module for a stub in a bundle that
 * serves no instance of this cloud (src/deploy/bundle.ts): the stub's constructor throws a clear error.
 */
export interface CloudConnector {
  compute(request: ComputeRequest): ComputeProvider;
  assumeRole(request: AssumeRoleRequest): Promise<TemporaryCredentials>;
  /** The listing of the cloud's organisation's members (`accounts: {organization}`); absent = the cloud has none. */
  readonly organization?: OrganizationLister;
}

/** One member of the cloud's organisation, as its listing answers it. */
export interface OrganizationMemberEntry {
  /** AWS account ID, Tencent uin. */
  readonly id: string;
  readonly name?: string;
  /** Whether powercron may act in it (AWS: Status ACTIVE; Tencent lists members only). */
  readonly active: boolean;
  /** The unit it sits in, when the listing says (Tencent NodeId). */
  readonly unit?: string;
}

export interface OrganizationPageRequest {
  readonly env: Environment;
  /** The group's first region: where a regional client is needed. */
  readonly region: string;
  readonly requestTimeoutMs: number;
  /** A unit to list directly (listsByUnit); absent = the whole organisation. */
  readonly unit?: string;
  /** The page to read: the previous page's cursor; absent = the first. */
  readonly cursor?: string;
  /** The `via` account's keys (the management or delegated-administrator account); absent = the function's own. */
  readonly role?: () => Promise<TemporaryCredentials>;
  readonly signal?: AbortSignal;
}

export interface OrganizationPage {
  readonly members: readonly OrganizationMemberEntry[];
  /** The next page's cursor; absent on the last page. */
  readonly cursor?: string;
}

/** A cloud's organisation listing, page by page; the caller pages, paces and retries (src/runtime/). */
export interface OrganizationLister {
  /** True: the API lists one unit's members (AWS ListAccountsForParent); false: members carry their unit. */
  readonly listsByUnit: boolean;
  /** The calls a second the listing is paced to. */
  readonly callsPerSecond: number;
  /** The API action a page of this request is (`ListAccounts`, `ListAccountsForParent`). */
  actionName(unit: string | undefined): string;
  page(request: OrganizationPageRequest): Promise<OrganizationPage>;
  classify(error: CloudApiError): ClassifiedFailure;
}

/** One statement of a permission policy, in the cloud's own policy grammar. */
export type PolicyStatement = object;

/** What the deploys and `npm run infra` need to write this cloud's permissions, in neutral words. */
export interface PermissionScope {
  /** The management tag: start and stop only instances that carry it. */
  readonly managementTag: { readonly key: string; readonly value: string };
  /** The regions the functions act in, or any region (a spoke account's role). */
  readonly regions: readonly string[] | "any";
  /** Customer-managed keys of the instances' disks, where starting them needs a grant. */
  readonly diskKeys: readonly string[];
}

export interface ProviderPermissions {
  /** The function role's statements on this cloud's compute: start/stop only tagged instances, describe. */
  compute(scope: PermissionScope): PolicyStatement[];
  /** The function role's permission to assume exactly these roles of the config's accounts; none without any. */
  assumeRoles(roleArns: readonly string[]): PolicyStatement[];
  /** The function role's permission to list the cloud's organisation's members (`accounts: {organization}`). */
  listOrganization?(): PolicyStatement[];
}

export interface ProviderDescriptor<N extends ProviderName = ProviderName> {
  readonly name: N;
  /** `Tencent`, `AWS`: the cloud's name in messages. */
  readonly label: string;
  /** `CVM`, `EC2`: its compute service's name in messages. */
  readonly service: string;
  /** `a` or `an`, before the label. */
  readonly article: "a" | "an";
  readonly instanceId: InstanceIdFormat;
  readonly region: RegionFormat;
  readonly roleArn: RoleArnFormat;
  /** The cloud's organisation, when powercron can list its members; absent = `accounts: {organization}` refused. */
  readonly organization?: OrganizationFormat;
  readonly settings: ProviderSettings;
  /** The environment that points the cloud's SDKs at the local cloud at `url`, with the emulator's fake keys. */
  localCloudEnv(
    url: string,
    keys: { readonly keyId: string; readonly secret: string },
  ): Readonly<Record<string, string>>;
  /** The language of this cloud's groups' alerts when a channel names none. */
  readonly alertLocale: AlertLocale;
  readonly permissions: ProviderPermissions;
  /** The tagging calls the stamps use, with the API's per-call limit (cited where it is declared). */
  readonly tagging: TaggingLimits;
  /** The platform that hosts this cloud's functions by default. */
  readonly platform: { readonly name: HostPlatform; readonly label: string };
  /**
   * Where its connector (its SDKs) lives: the module a bundle whose config names no group of this cloud swaps for a
   * stub (src/deploy/bundle-clouds.ts), and the class it exports.
   */
  readonly connector: ConnectorModule;
}

/**
 * A cloud's connector module: repo-relative path (`src/providers/<cloud>/<cloud>-connector.ts`, where connectors.ts
 * loads it) and exported class (connectors.ts builds it by that name).
 */
export interface ConnectorModule {
  readonly file: string;
  readonly exportName: string;
}
