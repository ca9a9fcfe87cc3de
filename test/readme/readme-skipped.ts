/**
 * The README commands the spec does not run, each with the reason: they need a real cloud and its credentials, a
 * person, the network, or they are the suite itself. Reviewed: a new README command lands here only with a reason.
 */
import type { Skipped } from "./readme-checks.ts";

export const SKIPPED: readonly Skipped[] = [
  { command: "npm ci", skipped: "installs from the registry (network); the suite runs inside the installed tree" },
  {
    command: "npm test",
    skipped: "the whole suite, this spec among it (minutes); .ci/run runs it on a clean clone",
  },
  { command: "$EDITOR config/schedules.yaml", skipped: "opens an editor for a person" },
  {
    command:
      'tccli cam CreateRole --RoleName SCF_PowercronRole --PolicyDocument "$(cat infra/tencent/scf-trust-policy.json)" --ConsoleLogin 0',
    skipped: "creates a CAM role in a real Tencent Cloud account (tccli and the account's keys)",
  },
  {
    command:
      'tccli cam CreatePolicy --PolicyName PowercronCvmPower --PolicyDocument "$(cat infra/tencent/scf-execution-policy.json)"',
    skipped: "creates a CAM policy in a real Tencent Cloud account",
  },
  {
    command: "tccli cam AttachRolePolicy --AttachRoleName SCF_PowercronRole --PolicyName PowercronCvmPower",
    skipped: "changes a real Tencent Cloud account",
  },
  {
    command: "export TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=…",
    skipped: "a person's own deployer keys (the … are placeholders)",
  },
  {
    command: "npx powercron deploy scf",
    skipped: "deploys to the real Tencent account; the same command against the local SCF is run from step 6",
  },
  {
    command:
      "aws cloudformation deploy --template-file infra/aws/spoke-role.json --stack-name powercron-spoke --capabilities CAPABILITY_NAMED_IAM --parameter-overrides HubRoleArn=arn:aws:iam::<hub>:role/powercron-prod-functions-us-east-1 ExternalId=powercron-team-a",
    skipped: "creates a stack in a spoke AWS account (the AWS CLI and that account's credentials)",
  },
  {
    command: "npx vitest run test/integration",
    skipped: "a part of npm test: a vitest inside this vitest would run for minutes",
  },
];
