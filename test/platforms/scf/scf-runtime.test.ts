/** The SCF runtime: Node 22 by default, the bundle built for it, older Node refused. */
import { describe, expect, it } from "vitest";
import { SCF_BUNDLE } from "../../../src/platforms/scf/scf-bundle.ts";
import { SCF_NEWEST_NODE_RUNTIME, scfDeployProblems } from "../../../src/platforms/scf/scf-deploy-check.ts";
import { loadScheduleConfig } from "../../../src/schedule/config.ts";

describe("SCF runtime", () => {
  it("defaults to Nodejs22.21, and the bundle targets that Node", () => {
    expect(SCF_NEWEST_NODE_RUNTIME).toBe("Nodejs22.21");
    expect(SCF_BUNDLE.target).toBe(`node${/^Nodejs(\d+)\./.exec(SCF_NEWEST_NODE_RUNTIME)?.[1]}`);
  });

  it("is what the sample config deploys", async () => {
    const config = await loadScheduleConfig("config/schedules.yaml");
    expect(config.deploy.scf.runtime).toBe(SCF_NEWEST_NODE_RUNTIME);
  });

  it.each([
    { runtime: "Nodejs22.21", refused: false },
    { runtime: "Nodejs24.11", refused: false },
    { runtime: "Nodejs20.19", refused: true },
    { runtime: "Nodejs18.15", refused: true },
    { runtime: "Python3.9", refused: true },
  ])("$runtime is refused: $refused", async ({ runtime, refused }) => {
    const config = await loadScheduleConfig("config/schedules.yaml");
    const problems = scfDeployProblems({
      ...config,
      deploy: { ...config.deploy, scf: { ...config.deploy.scf, runtime } },
    });
    expect(problems.some((problem) => problem.startsWith("deploy.scf.runtime:"))).toBe(refused);
  });
});
