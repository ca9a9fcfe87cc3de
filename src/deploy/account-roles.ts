/**
 * Many accounts, on the deploy side: the hub's permission to assume exactly the config's account roles (Lambda role
 * and SCF execution role), and the spoke templates each other account installs: an AWS CloudFormation role trusting
 * only the hub's function role with an ExternalId, and the Tencent CAM role's trust and policy. Both spokes may start
 * and stop only instances that carry the management tag (deploy.aws.managementTag, as in the hub), and describe.
 */
import type { ProviderName } from "../domain/index.ts";
import {
  awsAssumeRoleStatements as assumeAwsRoles,
  tencentAssumeRoleStatements as assumeTencentRoles,
  awsSpokeTemplate as awsSpokeRoleTemplate,
  type CamPolicy,
  type CamStatement,
  cvmStatements,
  type IamStatement,
  tencentSpokeTrustPolicy as tencentSpokeTrust,
} from "../providers/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";

/** The role name the spoke templates create by default (the config's roleArn must name it). */
export const SPOKE_ROLE_NAME = "PowercronSpoke";

function roleArns(config: ScheduleConfig, provider: ProviderName): string[] {
  return [...new Set(config.accounts.filter((a) => a.provider === provider).map((a) => a.roleArn))].sort();
}

/** The Lambda role's `sts:AssumeRole` on exactly the configured AWS roles; none without AWS accounts. */
export function awsAssumeRoleStatements(config: ScheduleConfig): IamStatement[] {
  return assumeAwsRoles(roleArns(config, "aws"));
}

/** The SCF execution role's `sts:AssumeRole` on exactly the configured Tencent roles; none without Tencent accounts. */
export function tencentAssumeRoleStatements(config: ScheduleConfig): CamStatement[] {
  return assumeTencentRoles(roleArns(config, "tencent"));
}

/**
 * infra/aws/spoke-role.json: deploy it in each other AWS account (`aws cloudformation deploy --template-file ...
 * --parameter-overrides HubRoleArn=... ExternalId=... --capabilities CAPABILITY_NAMED_IAM`).
 */
export function awsSpokeTemplate(config: ScheduleConfig): Record<string, unknown> {
  return awsSpokeRoleTemplate(config.deploy.aws.managementTag, SPOKE_ROLE_NAME);
}

/**
 * infra/tencent/spoke-trust-policy.json: the trust of the spoke role in each other Tencent account. Replace
 * `<hub-uin>` with the hub account's uin and `<external-id>` with the config's accounts[].externalId for this account.
 */
export function tencentSpokeTrustPolicy(config: ScheduleConfig): CamPolicy {
  return tencentSpokeTrust(config.deploy.scf.role ?? "SCF_PowercronRole");
}

/** infra/tencent/spoke-policy.json: start/stop only CVM instances with the management tag (any region), describe. */
export function tencentSpokePolicy(config: ScheduleConfig): CamPolicy {
  return {
    version: "2.0",
    statement: cvmStatements({ managementTag: config.deploy.aws.managementTag, regions: "any" }),
  };
}
