/** Deploying: bundles per function and platform, the SCF deploy, the Serverless Framework settings, IAM and CAM. */
export { scheduleName } from "./aws-serverless.ts";
export { CONFIG_DIGEST_VARIABLE, configDigest } from "./config-digest.ts";
export { stageProblems } from "./deploy-check.ts";
export { runDeployScf } from "./deploy-scf-command.ts";
export { scfTimerName } from "./scf-plan.ts";
