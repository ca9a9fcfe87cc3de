/** What an SCF deploy refuses on top of the shared checks (../deploy-check.ts): no execution role, an old Node. */
import type { ScheduleConfig } from "../../schedule/index.ts";

/**
 * The default SCF runtime (deploy.scf.runtime; src/schedule/deploy-section.ts gives the same literal): Node 22, in
 * maintenance LTS, where Node 18 (the newest in tencentcloud-sdk-nodejs-scf's CreateFunction `Runtime` list, SDK
 * 4.1.x) and Node 20 are past their end of life. What was found: CloudBase's runtime page (docs.cloudbase.net/
 * cloud-function/runtime-support; CloudBase functions are SCF functions) lists Node.js 24.11, 22.21, 20.19, 18.15 and
 * 16.13; deploy configs and SCF CreateFunction calls in public repositories use the identifiers `Nodejs20.19`,
 * `Nodejs22.21` and `Nodejs24.11`, with reports of `Nodejs22.21` functions running v22.21.1 and of one environment
 * refusing `Nodejs24.11` at creation. So `Nodejs22.21` is the newest accepted everywhere reported; the bundle targets
 * node22 (src/platforms/scf/scf-bundle.ts). Where a region refuses it, set deploy.scf.runtime: Nodejs20.19.
 */
export const SCF_NEWEST_NODE_RUNTIME = "Nodejs22.21";

/** The oldest Node major powercron's SCF bundle runs on: its esbuild target. */
export const SCF_MIN_NODE_MAJOR = 22;

/** Where a secret-shaped variable's refusal points instead. */
export const SCF_ROLE_HINT = "deploy.scf.role, see infra/tencent/";

export function scfDeployProblems(config: ScheduleConfig): string[] {
  const problems: string[] = [];
  if (config.deploy.scf.role === undefined) {
    problems.push(
      "deploy.scf.role: missing: without an execution role the functions get no credentials and every run fails; " +
        "create the role with infra/tencent/scf-trust-policy.json and attach infra/tencent/scf-execution-policy.json " +
        "(README, Deploying, Tencent SCF, step 1), then set deploy.scf.role to its name",
    );
  }
  const runtime = /^Nodejs(\d+)\.(\d+)$/.exec(config.deploy.scf.runtime);
  if (!runtime || Number(runtime[1]) < SCF_MIN_NODE_MAJOR) {
    problems.push(
      `deploy.scf.runtime: ${JSON.stringify(config.deploy.scf.runtime)} is not a Node runtime powercron runs on: give ${SCF_NEWEST_NODE_RUNTIME} (the default) or a newer NodejsMAJOR.MINOR`,
    );
  }
  return problems;
}
