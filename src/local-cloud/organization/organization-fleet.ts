/**
 * A fleet spread over an organisation's generated members (generatedMemberIds): `perAccount` instances in each
 * member, in one region, tagged alike, for tests and benchmarks of groups with `accounts: {organization}`.
 * Deterministic: the same options give the same IDs.
 */
import type { Fleet } from "../cloud-types.ts";
import { generatedMemberIds } from "./local-organization.ts";

export interface OrganizationFleetOptions {
  readonly provider: "aws" | "tencent";
  readonly members: number;
  readonly perAccount: number;
  readonly region: string;
  readonly tags?: Record<string, string>;
  /** Whether the instances start running (default) or stopped. */
  readonly running?: boolean;
}

/** `i-` + 8 hex digits of the member + 9 of the instance; `ins-` + 8 base-36 digits of both. */
function instanceId(provider: "aws" | "tencent", member: number, index: number): string {
  if (provider === "aws") {
    return `i-${member.toString(16).padStart(8, "0")}${index.toString(16).padStart(9, "0")}`;
  }
  return `ins-${(member * 100_000 + index).toString(36).padStart(8, "0")}`;
}

export function generateOrganizationFleet(options: OrganizationFleetOptions): Fleet["instances"] {
  const running = options.running ?? true;
  return generatedMemberIds(options.members).flatMap((account, member) =>
    Array.from({ length: options.perAccount }, (_, index) => {
      const common = {
        region: options.region,
        instanceId: instanceId(options.provider, member + 1, index),
        account,
        tags: { ...(options.tags ?? {}) },
      };
      return options.provider === "aws"
        ? ({
            ...common,
            provider: "aws",
            state: running ? "running" : "stopped",
            instanceType: "t3.micro",
            hibernationConfigured: false,
            kmsGrantMissing: false,
            stuck: false,
            disableApiStop: false,
            rootDeviceType: "ebs",
            hibernationNotReady: false,
            insufficientCapacity: false,
          } as const)
        : ({
            ...common,
            provider: "tencent",
            state: running ? "RUNNING" : "STOPPED",
            chargeType: "POSTPAID_BY_HOUR",
            systemDiskType: "CLOUD_PREMIUM",
            restrictState: "NORMAL",
            stuck: false,
            taskRunningMs: 0,
            failsOperation: false,
          } as const);
    }),
  );
}
