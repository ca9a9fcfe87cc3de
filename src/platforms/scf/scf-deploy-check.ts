/** What an SCF deploy refuses on top of the shared checks (../deploy-check.ts): no execution role, an old Node. */
import type { ScheduleConfig } from "../../schedule/index.ts";

/**
 * The newest Node runtime identifier the SCF API documents (its SDK's list). The console also lists Node.js 20.19,
 * whose API identifier no primary source states; set deploy.scf.runtime to it once confirmed (the SCF bundle targets
 * Node 18, so it runs on both).
 */
export const SCF_NEWEST_NODE_RUNTIME = "Nodejs18.15";

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
  if (!runtime || Number(runtime[1]) < 18) {
    problems.push(
      `deploy.scf.runtime: ${JSON.stringify(config.deploy.scf.runtime)} is not a Node runtime powercron runs on: give ${SCF_NEWEST_NODE_RUNTIME} (the newest the SCF API documents) or a newer NodejsMAJOR.MINOR`,
    );
  }
  return problems;
}
