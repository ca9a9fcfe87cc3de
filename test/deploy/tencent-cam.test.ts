import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";
import { camPolicyFiles, scfExecutionPolicy } from "../../src/deploy/tencent-cam.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

const SOURCE = join(REPO_ROOT, "config/schedules.yaml");

async function repoConfig(edit: (text: string) => string = (text) => text) {
  return parseScheduleConfig(edit(await readFile(SOURCE, "utf8")), SOURCE);
}

describe("Function: the Tencent CAM policies of infra/tencent/", () => {
  it("are what `npm run infra` generates from config/schedules.yaml (regenerate after changing the tag)", async () => {
    const files = camPolicyFiles(await repoConfig());
    expect(Object.keys(files).sort()).toEqual([
      "deployer-policy.json",
      "scf-execution-policy.json",
      "scf-trust-policy.json",
      "spoke-policy.json",
      "spoke-trust-policy.json",
    ]);
    for (const [file, policy] of Object.entries(files)) {
      const onDisk = JSON.parse(await readFile(join(REPO_ROOT, "infra/tencent", file), "utf8"));
      expect(onDisk, file).toEqual(policy);
    }
  });

  it("lets the execution role start and stop only tagged instances in the Tencent groups' regions, and describe", async () => {
    const policy = scfExecutionPolicy(await repoConfig());
    expect(policy.statement.flatMap((statement) => statement.action).sort()).toEqual([
      "cvm:DescribeInstances",
      "cvm:StartInstances",
      "cvm:StopInstances",
    ]);
    const startStop = policy.statement.find((statement) => statement.action.includes("cvm:StopInstances"));
    expect(startStop?.resource).toEqual(["qcs::cvm:ap-guangzhou::instance/*", "qcs::cvm:ap-shanghai::instance/*"]);
    expect(startStop?.condition).toEqual({
      "for_any_value:string_equal": { "qcs:resource_tag": ["powercron:managed&true"] },
    });
  });

  it("follows deploy.aws.managementTag", async () => {
    const config = await repoConfig((text) =>
      text.replace(
        'managementTag: { key: "powercron:managed", value: "true" }',
        'managementTag: { key: "owner", value: "ops" }',
      ),
    );
    const startStop = scfExecutionPolicy(config).statement[0];
    expect(startStop?.condition?.["for_any_value:string_equal"]?.["qcs:resource_tag"]).toEqual(["owner&ops"]);
  });
});
