/**
 * infra/ is what `npm run infra` writes from config/schedules.yaml, asked of the registries: each platform's policy
 * files and each cloud's spoke files, one folder per cloud; and the SCF deploy's CAM policies follow the config.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/deploy/bundle.ts";
import { infraFiles, keysPolicyFiles, SPOKE_ROLE_NAME, spokeFiles } from "../../src/deploy/infra-files.ts";
import { allPlatforms } from "../../src/platforms/index.ts";
import { scfExecutionPolicy } from "../../src/platforms/scf/scf-policies.ts";
import { allDescriptors, toolingOf } from "../../src/providers/index.ts";
import { parseScheduleConfig, type ScheduleConfig } from "../../src/schedule/config.ts";

const SOURCE = join(REPO_ROOT, "config/schedules.yaml");
const SCOPE = { managementTag: { key: "k", value: "v" }, roleName: "r", hubRole: "h" };

async function repoConfig(edit: (text: string) => string = (text) => text) {
  return parseScheduleConfig(edit(await readFile(SOURCE, "utf8")), SOURCE);
}

/** The files of infra/tencent/, by file name, as `npm run infra` writes them. */
function camPolicyFiles(config: ScheduleConfig): Record<string, object> {
  const prefix = "tencent/";
  return Object.fromEntries(
    Object.entries(infraFiles(config))
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, document]) => [path.slice(prefix.length), document]),
  );
}

async function checkedIn(): Promise<string[]> {
  const entries = await readdir(join(REPO_ROOT, "infra"), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(join(REPO_ROOT, "infra/").length))
    .sort();
}

describe("Function: infraFiles", () => {
  it("writes exactly the files checked in under infra/, each as generated from config/schedules.yaml", async () => {
    const files = infraFiles(await repoConfig());
    expect(Object.keys(files).sort()).toEqual(await checkedIn());
    for (const [path, document] of Object.entries(files)) {
      // `npm run infra` formats the files with biome: compare what they say, not their layout.
      const onDisk = JSON.parse(await readFile(join(REPO_ROOT, "infra", path), "utf8"));
      expect(onDisk, path).toEqual(document);
    }
  });

  it("writes each platform's policy files in its cloud's folder, then each cloud's keys policy and spoke files in its own", async () => {
    const config = await repoConfig();
    const expected = [
      ...allPlatforms().flatMap((platform) =>
        Object.keys(platform.policyFiles(config)).map((file) => `${platform.provider}/${file}`),
      ),
      ...allDescriptors().flatMap((descriptor) => {
        const keysPolicy = toolingOf(descriptor.name).keysPolicy;
        return keysPolicy === undefined ? [] : [`${descriptor.name}/${keysPolicy.file}`];
      }),
      ...allDescriptors().flatMap((descriptor) =>
        Object.keys(
          toolingOf(descriptor.name).spokeFiles({
            managementTag: { key: "k", value: "v" },
            roleName: "r",
            hubRole: "h",
          }),
        ).map((file) => `${descriptor.name}/${file}`),
      ),
    ];
    expect(Object.keys(infraFiles(config))).toEqual(expected);
  });

  it("gives every cloud's spoke files the management tag and the default spoke role name", async () => {
    const config = await repoConfig((text) =>
      text.replace(
        'managementTag: { key: "powercron:managed", value: "true" }',
        'managementTag: { key: "owner", value: "ops" }',
      ),
    );
    const files = spokeFiles(config);
    // A cloud declares its spoke files in its tooling; one that declares none (yet) gets none.
    const withSpokes = allDescriptors().filter(
      (descriptor) => Object.keys(toolingOf(descriptor.name).spokeFiles(SCOPE)).length > 0,
    );
    expect(withSpokes.length).toBeGreaterThan(0);
    for (const descriptor of withSpokes) {
      const own = Object.entries(files).filter(([path]) => path.startsWith(`${descriptor.name}/`));
      expect(own.length, descriptor.name).toBeGreaterThan(0);
      expect(JSON.stringify(own), descriptor.name).toContain("owner");
    }
    expect(JSON.stringify(files)).toContain(SPOKE_ROLE_NAME);
  });
});

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

  it("lets the execution role start, stop and stamp only tagged instances in the Tencent groups' regions, and describe", async () => {
    const policy = scfExecutionPolicy(await repoConfig());
    expect(policy.statement.flatMap((statement) => statement.action).sort()).toEqual([
      "cvm:DescribeInstances",
      "cvm:StartInstances",
      "cvm:StopInstances",
      "scf:InvokeFunction",
      "tag:AttachResourcesTag",
      "tag:DetachResourcesTag",
    ]);
    // The fan-out's workers: powercron's own two functions of its region and namespace, nothing else.
    const invoke = policy.statement.find((statement) => statement.action.includes("scf:InvokeFunction"));
    expect(invoke?.resource).toEqual([
      "qcs::scf:ap-guangzhou::namespace/default/function/powercron-*-start",
      "qcs::scf:ap-guangzhou::namespace/default/function/powercron-*-stop",
    ]);
    const stamps = policy.statement.find((statement) => statement.action.includes("tag:AttachResourcesTag"));
    expect(stamps?.resource).toEqual(["qcs::cvm:ap-guangzhou::instance/*", "qcs::cvm:ap-shanghai::instance/*"]);
    expect(stamps?.condition).toEqual({
      "for_any_value:string_equal": { "qcs:resource_tag": ["powercron:managed&true"] },
    });
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

const OWNER_TAG = (text: string) =>
  text.replace(
    'managementTag: { key: "powercron:managed", value: "true" }',
    'managementTag: { key: "owner", value: "ops" }',
  );

/** The repo's config with this group added first, these accounts added, and the text edited. */
async function withAlibaba(group: string, accounts = "", edit = (text: string) => text): Promise<ScheduleConfig> {
  return repoConfig((text) => edit(`${accounts}${text.replace("groups:\n", `groups:\n${group}`)}`));
}

const ALIBABA_GROUP = `  - {name: ecs-test, provider: alibaba, regions: [cn-shanghai, cn-hangzhou], tags: {env: test}, stop: "0 21 * * *", timezone: Asia/Shanghai}
`;

describe("Function: the Alibaba RAM policies of infra/alibaba/", () => {
  it("are what `npm run infra` generates: the keys' policy, then the spoke role's trust and policy", async () => {
    const files = Object.keys(infraFiles(await repoConfig())).filter((path) => path.startsWith("alibaba/"));
    expect(files).toEqual(["alibaba/ram-policy.json", "alibaba/spoke-trust-policy.json", "alibaba/spoke-policy.json"]);
  });

  it("lets the keys start and stop only instances with the management tag (acs:ResourceTag), and describe all", async () => {
    const onDisk = JSON.parse(await readFile(join(REPO_ROOT, "infra/alibaba/ram-policy.json"), "utf8"));
    expect(onDisk).toEqual({
      Version: "1",
      Statement: [
        {
          Effect: "Allow",
          Action: ["ecs:StartInstances", "ecs:StopInstances"],
          // The repo's config has no Alibaba group: any region (the events name theirs).
          Resource: ["acs:ecs:*:*:instance/*"],
          Condition: { StringEquals: { "acs:ResourceTag/powercron:managed": ["true"] } },
        },
        {
          Effect: "Allow",
          Action: ["ecs:TagResources", "ecs:UntagResources"],
          Resource: ["acs:ecs:*:*:instance/*"],
          Condition: { StringEquals: { "acs:ResourceTag/powercron:managed": ["true"] } },
        },
        { Effect: "Allow", Action: ["ecs:DescribeInstances"], Resource: "*" },
      ],
    });
  });

  it("narrows start and stop to the regions of the Alibaba groups, and follows the management tag", async () => {
    const config = await withAlibaba(ALIBABA_GROUP, "", OWNER_TAG);
    const policy = keysPolicyFiles(config)["alibaba/ram-policy.json"] as { Statement: object[] };
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["ecs:StartInstances", "ecs:StopInstances"],
        Resource: ["acs:ecs:cn-hangzhou:*:instance/*", "acs:ecs:cn-shanghai:*:instance/*"],
        Condition: { StringEquals: { "acs:ResourceTag/owner": ["ops"] } },
      },
      {
        Effect: "Allow",
        Action: ["ecs:TagResources", "ecs:UntagResources"],
        Resource: ["acs:ecs:cn-hangzhou:*:instance/*", "acs:ecs:cn-shanghai:*:instance/*"],
        Condition: { StringEquals: { "acs:ResourceTag/owner": ["ops"] } },
      },
      { Effect: "Allow", Action: ["ecs:DescribeInstances"], Resource: "*" },
    ]);
  });

  it("lets the keys assume exactly the config's Alibaba account roles, and no other cloud's", async () => {
    const role = "acs:ram::1000000000000002:role/PowercronSpoke";
    const config = await withAlibaba(
      ALIBABA_GROUP,
      `accounts:\n  - {name: ecs-team, provider: alibaba, roleArn: "${role}", externalId: ext-ecs}\n  - {name: aws-team, provider: aws, roleArn: "arn:aws:iam::222233334444:role/PowercronSpoke"}\n`,
    );
    const policy = keysPolicyFiles(config)["alibaba/ram-policy.json"] as { Statement: object[] };
    expect(policy.Statement).toContainEqual({ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [role] });
    expect(JSON.stringify(policy)).not.toContain("arn:aws");
  });

  it("gives each other Alibaba account a role that trusts only the hub's RAM user with the ExternalId", async () => {
    const files = spokeFiles(await repoConfig(OWNER_TAG));
    expect(files["alibaba/spoke-trust-policy.json"]).toEqual({
      Version: "1",
      Statement: [
        {
          Effect: "Allow",
          Action: ["sts:AssumeRole"],
          Principal: { RAM: ["acs:ram::<hub-uid>:user/<hub-ram-user>"] },
          Condition: { StringEquals: { "sts:ExternalId": ["<external-id>"] } },
        },
      ],
    });
    expect(files["alibaba/spoke-policy.json"]).toEqual({
      Version: "1",
      Statement: [
        {
          Effect: "Allow",
          Action: ["ecs:StartInstances", "ecs:StopInstances"],
          Resource: ["acs:ecs:*:*:instance/*"],
          Condition: { StringEquals: { "acs:ResourceTag/owner": ["ops"] } },
        },
        {
          Effect: "Allow",
          Action: ["ecs:TagResources", "ecs:UntagResources"],
          Resource: ["acs:ecs:*:*:instance/*"],
          Condition: { StringEquals: { "acs:ResourceTag/owner": ["ops"] } },
        },
        { Effect: "Allow", Action: ["ecs:DescribeInstances"], Resource: "*" },
      ],
    });
  });
});
