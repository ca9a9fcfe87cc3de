/** What a Lambda deploy refuses on top of the shared checks (../deploy-check.ts): settings osls would reject. */
import type { ScheduleConfig } from "../../schedule/index.ts";

/** The retention values CloudWatch Logs accepts (osls checks the same list as `logRetentionInDays`). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Where a secret-shaped variable's refusal points instead. */
export const LAMBDA_ROLE_HINT = "the Lambda role the template creates";

export function lambdaDeployProblems(config: ScheduleConfig): string[] {
  const days = config.deploy.aws.logRetentionDays;
  if ((LOG_RETENTION_DAYS as readonly number[]).includes(days)) return [];
  return [
    `deploy.aws.logRetentionDays: ${days} is not a retention CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(", ")})`,
  ];
}
