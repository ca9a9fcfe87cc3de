/**
 * The CAM policies the SCF deploy needs, generated from the schedule config (`npm run infra` writes them to
 * infra/<SCF's cloud>/; a test checks that the files match the config): the SCF execution role may start and stop only
 * instances that carry the management tag (deploy.aws.managementTag, the same as on AWS and in the functions'
 * POWER_ALLOWED_TAG), only in the regions of the config's groups deployed on SCF, and describe instances, each in
 * its cloud's statements (its descriptor's `permissions`); the deployer may manage only the powercron functions and
 * their triggers, and pass only the execution role. Only the actions powercron calls.
 */
import { type CamPolicy, type CamStatement, descriptorOf } from "../../providers/index.ts";
import type { ScheduleConfig } from "../../schedule/index.ts";
import { accountRoleArns, managementTag, organizationListStatements } from "../account-roles.ts";
import { PLATFORM_PROVIDER } from "../platform-cloud.ts";

/** The role the SCF functions run as when deploy.scf.role names none. */
export const DEFAULT_SCF_ROLE = "SCF_PowercronRole";

/** The SCF execution role's name: the role the spoke accounts of SCF's cloud trust. */
export function scfRoleName(config: ScheduleConfig): string {
  return config.deploy.scf.role ?? DEFAULT_SCF_ROLE;
}

/** The regions of the enabled groups deployed on SCF. */
export function scfRegions(config: ScheduleConfig): string[] {
  const regions = new Set<string>();
  for (const group of config.groups) {
    if (group.enabled && group.platform === "scf" && group.provider === PLATFORM_PROVIDER.scf) {
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
  const { permissions } = descriptorOf(PLATFORM_PROVIDER.scf);
  const scope = { managementTag: managementTag(config), regions: scfRegions(config), diskKeys: [] };
  return {
    version: "2.0",
    statement: [
      ...(permissions.compute(scope) as CamStatement[]),
      // The config's accounts of this cloud: exactly their roles, nothing else.
      ...(permissions.assumeRoles(accountRoleArns(config, PLATFORM_PROVIDER.scf)) as CamStatement[]),
      // Groups whose accounts come from the organisation, listed with the function's own keys.
      ...(organizationListStatements(config, PLATFORM_PROVIDER.scf) as CamStatement[]),
      workerInvokeStatement(config),
    ],
  };
}

/**
 * The fan-out: a function invokes its workers, itself (POWER_WORKER_FUNCTION), synchronously. The execution role is
 * the two functions' one role, and CAM has no condition on the calling function: it may invoke powercron's start and
 * stop functions of its region and namespace, no other function.
 */
export function workerInvokeStatement(config: ScheduleConfig): CamStatement {
  const { region, namespace } = config.deploy.scf;
  return {
    effect: "allow",
    action: ["scf:InvokeFunction"],
    resource: ["start", "stop"].map(
      (name) => `qcs::scf:${region}::namespace/${namespace}/function/powercron-*-${name}`,
    ),
  } as CamStatement;
}

export function deployerPolicy(config: ScheduleConfig): CamPolicy {
  const { region, namespace } = config.deploy.scf;
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
          // `powercron deploy scf --remove`.
          "scf:DeleteFunction",
        ],
        // Every stage: powercron-<stage>-start / -stop.
        resource: [`qcs::scf:${region}::namespace/${namespace}/function/powercron-*`],
      },
      { effect: "allow", action: ["cam:PassRole"], resource: [`qcs::cam:::roleName/${scfRoleName(config)}`] },
    ],
  };
}

/** The policy files of the SCF deploy (file name in infra/<SCF's cloud>/ → policy), as `npm run infra` writes them. */
export function scfPolicyFiles(config: ScheduleConfig): Record<string, CamPolicy> {
  return {
    "scf-trust-policy.json": scfTrustPolicy(),
    "scf-execution-policy.json": scfExecutionPolicy(config),
    "deployer-policy.json": deployerPolicy(config),
  };
}
