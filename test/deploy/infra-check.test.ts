/**
 * A deploy compares the committed infra/ files with what `npm run infra` would write from the config it deploys: a
 * stale policy (a new group's region the role may not act in) is named with the command that rewrites it; the
 * platform's own cloud's files stop a deploy (a dry run warns), another cloud's only warn.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";
import { staleInfraFiles, staleInfraProblems } from "../../src/deploy/infra-check.ts";
import { infraFiles } from "../../src/deploy/infra-files.ts";
import { deployPreflight } from "../../src/deploy/preflight.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { scfTrustPolicy } from "../../src/platforms/scf/scf-policies.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";

const SOURCE = join(REPO_ROOT, "config/schedules.yaml");
const GUANGZHOU_GROUP = "    region: ap-guangzhou\n    tags: { team: search";

async function repoConfig(edit: (text: string) => string = (text) => text): Promise<ScheduleConfig> {
  return parseScheduleConfig(edit(await readFile(SOURCE, "utf8")), SOURCE);
}

/** The search-dev group moved to Beijing: the SCF role must now act in ap-beijing. */
const toBeijing = (text: string) => {
  expect(text).toContain(GUANGZHOU_GROUP);
  return text.replace(GUANGZHOU_GROUP, "    region: ap-beijing\n    tags: { team: search");
};

/** infra/ as `npm run infra` writes it from `config`, in memory, with files left out or replaced. */
function infraOf(config: ScheduleConfig, changes: Record<string, string | undefined> = {}) {
  const files = new Map(
    Object.entries(infraFiles(config)).map(([file, document]) => [
      join("/repo/infra", file),
      JSON.stringify(document, null, 2),
    ]),
  );
  for (const [file, text] of Object.entries(changes)) {
    if (text === undefined) files.delete(join("/repo/infra", file));
    else files.set(join("/repo/infra", file), text);
  }
  return { root: "/repo", read: async (path: string) => files.get(path) };
}

describe("Function: staleInfraFiles", () => {
  it("finds nothing stale in the repository's own infra/ for its config", async () => {
    const stale = await staleInfraFiles(await repoConfig(), "scf");
    expect(stale).toEqual({ own: [], others: [] });
  });

  it("names the SCF execution policy that lacks a new group's region, and what it still allows", async () => {
    const stale = await staleInfraFiles(await repoConfig(toBeijing), "scf", infraOf(await repoConfig()));
    expect(stale.others).toEqual([]);
    expect(stale.own).toContainEqual({
      file: "infra/tencent/scf-execution-policy.json",
      lacks: ["qcs::cvm:ap-beijing::instance/*"],
      extra: ["qcs::cvm:ap-guangzhou::instance/*"],
    });
  });

  it.each([
    {
      case: "a file that is missing",
      changes: { "tencent/deployer-policy.json": undefined },
      own: [{ file: "infra/tencent/deployer-policy.json", lacks: ["the whole file (it does not exist)"], extra: [] }],
      others: [],
    },
    {
      case: "a file that is not JSON",
      changes: { "tencent/scf-trust-policy.json": "{ not json" },
      own: [{ file: "infra/tencent/scf-trust-policy.json", lacks: ["valid JSON"], extra: [] }],
      others: [],
    },
    {
      case: "another cloud's spoke file, for an SCF deploy",
      changes: { "aws/spoke-role.json": "{}" },
      own: [],
      others: [expect.objectContaining({ file: "infra/aws/spoke-role.json", extra: [] })],
    },
    {
      case: "a file laid out differently that says the same",
      changes: { "tencent/scf-trust-policy.json": JSON.stringify(scfTrustPolicy()) },
      own: [],
      others: [],
    },
  ])("tells $case", async ({ changes, own, others }) => {
    const config = await repoConfig();
    expect(await staleInfraFiles(config, "scf", infraOf(config, changes))).toEqual({ own, others });
  });

  it("counts the Lambda deploy's own cloud as AWS: there the Tencent files only warn", async () => {
    const config = await repoConfig(toBeijing);
    const stale = await staleInfraFiles(config, "aws", infraOf(await repoConfig()));
    expect(stale.own).toEqual([]);
    expect(stale.others.map((file) => file.file)).toContain("infra/tencent/scf-execution-policy.json");
  });
});

describe("Function: staleInfraProblems", () => {
  it("names the file, how it differs and `npm run infra` (with POWER_CONFIG for another config)", () => {
    const file = { file: "infra/tencent/scf-execution-policy.json", lacks: ["a", "b", "c", "d"], extra: ["x"] };
    expect(staleInfraProblems([file], SOURCE)).toEqual([
      'infra/tencent/scf-execution-policy.json is out of date with config/schedules.yaml: it lacks "a", "b", "c" and 1 more and still has "x"; run `npm run infra`, commit it and update the policy installed from it (README, Deploying)',
    ]);
    expect(staleInfraProblems([file], "/tmp/other.yaml")[0]).toContain("out of date with /tmp/other.yaml: it lacks");
    expect(staleInfraProblems([file], "/tmp/other.yaml")[0]).toContain(
      "run `POWER_CONFIG=/tmp/other.yaml npm run infra`",
    );
  });
});

describe("Function: deployPreflight", () => {
  async function preflight(dryRun: boolean, changes: Record<string, string | undefined>, edit = toBeijing) {
    const warnings: string[] = [];
    const config = await repoConfig(edit);
    const outcome = await deployPreflight(config, "scf", {
      configFile: SOURCE,
      env: {},
      dryRun,
      warn: (line) => warnings.push(line),
      ...infraOf(await repoConfig(), changes),
    }).then(
      () => "went ahead",
      (error: unknown) => error,
    );
    return { outcome, warnings };
  }

  it("warns on a dry run, naming the file and npm run infra, and goes ahead", async () => {
    const { outcome, warnings } = await preflight(true, {});
    expect(outcome).toBe("went ahead");
    expect(warnings[0]).toMatch(
      /^warning: infra\/tencent\/scf-execution-policy\.json is out of date .*`npm run infra`/,
    );
    expect(warnings.at(-1)).toBe("warning: a deploy to Tencent SCF refuses (exit 2) until the above is fixed");
  });

  it("refuses a deploy with an InvalidInputError (exit 2) naming the file", async () => {
    const { outcome, warnings } = await preflight(false, {});
    expect(outcome).toBeInstanceOf(InvalidInputError);
    expect((outcome as InvalidInputError).message).toMatch(
      /^Cannot deploy to Tencent SCF:\n {2}- infra\/tencent\/scf-execution-policy\.json is out of date/,
    );
    expect(warnings).toEqual([]);
  });

  it("lets a deploy go ahead when only another cloud's file is stale, with a warning", async () => {
    const { outcome, warnings } = await preflight(false, { "aws/spoke-role.json": "{}" }, (text) => text);
    expect(outcome).toBe("went ahead");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: infra\/aws\/spoke-role\.json is out of date/);
  });
});
