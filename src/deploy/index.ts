/** Deploying: bundles per function and platform, each platform's own deploy, the IAM and CAM policies. */
export { CONFIG_DIGEST_VARIABLE, configDigest } from "./config-digest.ts";
export { runDeploy } from "./deploy-platform.ts";
