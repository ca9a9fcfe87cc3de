/** The local cloud: every cloud's API emulated over real HTTP (a part per cloud: parts.ts), for `npm start`, integration tests and benchmarks. */
import { PROVIDERS } from "../domain/index.ts";
import type { LocalCloudOwnOptions } from "./cloud-types.ts";
import { type FaultSpec, parseFaultSpec } from "./faults.ts";
import { loadFleetFile } from "./fleet-schema.ts";
import type { OrganizationsOptions } from "./organization/organization-options.ts";
import { type LocalCloud, startLocalCloud } from "./server.ts";

export type { AwsKey } from "./aws/sigv4.ts";
export type { CallRecord } from "./call-log.ts";
export type { Fleet, FleetInput, FleetInstance, LocalCloudOwnOptions } from "./cloud-types.ts";
export type { ConsoleAction, ConsoleActionRequest, ConsoleActionResult } from "./console-actor.ts";
export { FAULT_KINDS, type FaultKind, type FaultRates, type FaultSpec, parseFaultSpec } from "./faults.ts";
export {
  type AwsFleetInstance,
  type GenerateFleetOptions,
  generateFleet,
  type TencentFleetInstance,
} from "./fleet.ts";
export { FleetSchema, loadFleetFile, parseFleet } from "./fleet-schema.ts";
export type { CloudProvider, EmulatedInstanceView } from "./instance-store.ts";
export { DEFAULT_LOCAL_CREDENTIALS } from "./local-credentials.ts";
export type { LocalCloudOptions } from "./options.ts";
export { generatedMemberIds, memberRoleArn } from "./organization/local-organization.ts";
export { generateOrganizationFleet, type OrganizationFleetOptions } from "./organization/organization-fleet.ts";
export type { OrganizationsOptions } from "./organization/organization-options.ts";
export { DEFAULT_RATE_LIMITS, type RateLimit, type RateLimitSpec } from "./rate-limit.ts";
export { type LocalCloud, startLocalCloud } from "./server.ts";
export { DEFAULT_OWN_ACCOUNTS, type RoleSpec, type StsOptions } from "./sts/sts-options.ts";
export type { TencentKey } from "./tencent/tc3.ts";

/** The server's arguments; each cloud's own options under its name (LocalCloudOwnOptions). */
export interface LocalCloudServerArgs extends LocalCloudOwnOptions {
  port?: number;
  fleetPath: string;
  latencyMs?: number;
  /** A FaultSpec, or its text form (`throttle=0.2,hang=0.01` or `StopInstances:throttle=0.5;*:hang=0.01`). */
  faults?: FaultSpec | string;
  seed?: number;
  transitionMs?: number;
  /** Unconfirmed in the docs: whether Tencent DescribeInstances leaves unknown IDs out or fails the call. */
  tencentDescribeUnknownIds?: "omit" | "error";
  /** EC2 free capacity per Availability Zone (see LocalCloudOptions.ec2ZoneCapacity). */
  ec2ZoneCapacity?: Record<string, number>;
  /** Tencent account-wide calls per second, per action, for all regions (see LocalCloudOptions). */
  tencentAccountRateLimits?: Record<string, { perSecond: number; burst?: number }>;
  /** Organisations and their members (see LocalCloudOptions.organizations). */
  organizations?: OrganizationsOptions;
  /** Where the one "listening" line goes. Default console.log. */
  print?: (line: string) => void;
}

/** Loads the fleet file, starts the local cloud and prints one line saying where it listens. */
export async function runLocalCloudServer(args: LocalCloudServerArgs): Promise<LocalCloud> {
  const fleet = await loadFleetFile(args.fleetPath);
  const faults = typeof args.faults === "string" ? parseFaultSpec(args.faults) : args.faults;
  const cloud = await startLocalCloud({
    fleet,
    ...(args.port !== undefined ? { port: args.port } : {}),
    ...(args.latencyMs !== undefined ? { latencyMs: args.latencyMs } : {}),
    ...(faults !== undefined ? { faults } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.transitionMs !== undefined ? { transitionMs: args.transitionMs } : {}),
    ...(args.tencentDescribeUnknownIds !== undefined
      ? { tencentDescribeUnknownIds: args.tencentDescribeUnknownIds }
      : {}),
    ...(args.ec2ZoneCapacity !== undefined ? { ec2ZoneCapacity: args.ec2ZoneCapacity } : {}),
    ...(args.tencentAccountRateLimits !== undefined ? { tencentAccountRateLimits: args.tencentAccountRateLimits } : {}),
    ...Object.fromEntries(PROVIDERS.flatMap((name) => (name in args ? [[name, args[name as keyof typeof args]]] : []))),
    ...(args.organizations !== undefined ? { organizations: args.organizations } : {}),
  });
  (args.print ?? console.log)(`local cloud listening on ${cloud.url} (${fleet.instances.length} instances)`);
  return cloud;
}
