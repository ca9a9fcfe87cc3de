/**
 * The Tencent CAM policies of infra/tencent/, generated from the schedule config (`npm run infra` writes them; a test
 * checks that the files match the config): the SCF execution role may start and stop only CVM instances that carry
 * the management tag (deploy.aws.managementTag, the same as on AWS and in the functions' POWER_ALLOWED_TAG), only in
 * the regions of the config's Tencent groups, and describe instances; the deployer may manage only the powercron
 * functions and their triggers, and pass only the execution role. Only the actions powercron calls.
 */
import { type CamPolicy, cvmStatements } from "../providers/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";
import { tencentAssumeRoleStatements, tencentSpokePolicy, tencentSpokeTrustPolicy } from "./account-roles.ts";

export type { CamPolicy, CamStatement } from "../providers/index.ts";

/** The regions of the enabled Tencent groups deployed on SCF. */
export function tencentRegions(config: ScheduleConfig): string[] {
  const regions = new Set<string>();
  for (const group of config.groups) {
    if (group.enabled && group.platform === "scf" && group.provider === "tencent") {
      for (const region of group.regions) regions.add(region);
    }
  }
  return [...regions].sort();
}

export function scfTrustPolicy(): CamPolicy {
  return {
    version: "2.0",
    statement: [{ effect: "allow", action: ["name/sts:AssumeRole"], principal: { service: ["scf.qcloud.com"] } }],
  };
}

export function scfExecutionPolicy(config: ScheduleConfig): CamPolicy {
  return {
    version: "2.0",
    statement: [
      ...cvmStatements({ managementTag: config.deploy.aws.managementTag, regions: tencentRegions(config) }),
      // The config's Tencent accounts: exactly their roles, nothing else.
      ...tencentAssumeRoleStatements(config),
    ],
  };
}

export function deployerPolicy(config: ScheduleConfig): CamPolicy {
  const { region, namespace, role } = config.deploy.scf;
  return {
    version: "2.0",
    statement: [
      {
        effect: "allow",
        action: [
          "scf:CreateFunction",
          "scf:UpdateFunctionCode",
          "scf:UpdateFunctionConfiguration",
          "scf:GetFunction",
          "scf:ListTriggers",
          "scf:CreateTrigger",
          "scf:DeleteTrigger",
        ],
        // Every stage: powercron-<stage>-start / -stop.
        resource: [`qcs::scf:${region}::namespace/${namespace}/function/powercron-*`],
      },
      { effect: "allow", action: ["cam:PassRole"], resource: [`qcs::cam:::roleName/${role ?? "SCF_PowercronRole"}`] },
    ],
  };
}

/** infra/tencent/<file> → its policy, as `npm run infra` writes it. */
export function camPolicyFiles(config: ScheduleConfig): Record<string, CamPolicy> {
  return {
    "scf-trust-policy.json": scfTrustPolicy(),
    "scf-execution-policy.json": scfExecutionPolicy(config),
    "deployer-policy.json": deployerPolicy(config),
    "spoke-trust-policy.json": tencentSpokeTrustPolicy(config),
    "spoke-policy.json": tencentSpokePolicy(config),
  };
}
