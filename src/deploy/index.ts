/** Deploying: bundles per function and platform, each platform's own deploy, the files `npm run infra` writes. */
export { CONFIG_DIGEST_VARIABLE, configDigest } from "./config-digest.ts";
export { runDeploy, runRemove } from "./deploy-platform.ts";
