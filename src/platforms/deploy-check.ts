/**
 * What a deploy refuses before it builds or calls anything, on top of the schedule config's own validation: secrets
 * in the functions' environment, variables the deploy sets itself, groups whose cloud's keys the platform's functions
 * do not get, a platform with nothing to do, an SCF deploy without an execution role, a stage that cannot be in a name,
 * and AWS settings the framework would reject under another name. Pure: config in, problems out.
 */
import { InvalidInputError } from "../errors.ts";
import { isSecretVariable } from "../report/index.ts";
import type { Platform, ScheduleConfig } from "../schedule/index.ts";
import { LAMBDA_ROLE_HINT, lambdaDeployProblems } from "./lambda/lambda-deploy-check.ts";
import { PLATFORM_TITLE } from "./platform-cloud.ts";
import { SCF_ROLE_HINT, scfDeployProblems } from "./scf/scf-deploy-check.ts";

/** Each platform's own checks, and where its refusal of a secret points instead (its execution role). */
const PLATFORM_CHECKS: Readonly<
  Record<Platform, { problems: (config: ScheduleConfig) => string[]; roleHint: string }>
> = {
  scf: { problems: scfDeployProblems, roleHint: SCF_ROLE_HINT },
  aws: { problems: lambdaDeployProblems, roleHint: LAMBDA_ROLE_HINT },
};

/** Environment names that look like credentials: `*SECRET*`, `*TOKEN*`, `*PASSWORD*`, `*_KEY`. */
export function isSecretShapedName(name: string): boolean {
  return /SECRET|TOKEN|PASSWORD/i.test(name) || /_KEY$/i.test(name);
}

/** Variables the deploy writes itself, from the config: a value in `deploy.*.environment` would fight it. */
export const DEPLOY_OWNED_VARIABLES: Readonly<Record<string, string>> = {
  POWER_ALLOWED_TAG: "deploy.aws.managementTag (it applies to both clouds)",
  POWER_ALLOWED_REGIONS: "the providers and regions of the platform's groups",
  POWER_CONFIG: "the deploy (the config travels inside the zip)",
  POWERCRON_CONFIG_DIGEST: "the deploy (the digest of the config it was built from)",
  POWERCRON_CODE_SHA256: "the SCF deploy (the zip's hash)",
};

/** A stage goes into every deployed name (`powercron-<stage>-stop`, schedules, SCF triggers). */
export const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;
export const DEFAULT_STAGE = "prod";

export function stageProblems(stage: string): string[] {
  return STAGE_PATTERN.test(stage)
    ? []
    : [
        `stage: ${JSON.stringify(stage)} is not a stage name (a lower-case letter, then up to 15 lower-case letters, digits or -)`,
      ];
}

/** The problems that stop a deploy of `platform`; empty when it may go ahead. */
export function deployProblems(config: ScheduleConfig, platform: Platform): string[] {
  const problems: string[] = [];
  const settings = config.deploy[platform];
  for (const name of Object.keys(settings.environment)) {
    const path = `deploy.${platform}.environment.${name}`;
    if (isSecretShapedName(name)) {
      problems.push(
        `${path}: a secret-shaped variable is refused: function environments are shown in consoles and deploy logs; ` +
          `give the function an execution role instead (${PLATFORM_CHECKS[platform].roleHint}), whose temporary keys the platform hands it`,
      );
    }
    const owner = DEPLOY_OWNED_VARIABLES[name];
    if (owner !== undefined) problems.push(`${path}: is set by ${owner}; remove it from the environment`);
  }
  // A group of another cloud on this platform is carried by its bundle (src/deploy/bundle-clouds.ts) and reached
  // with that cloud's keys, which the deploy copies from its own environment (cloud-keys-environment.ts).
  if (!config.groups.some((group) => group.enabled && group.platform === platform)) {
    problems.push(
      `groups: no enabled group has platform ${platform}: the ${platform} functions would have nothing to do`,
    );
  }
  problems.push(...PLATFORM_CHECKS[platform].problems(config));
  return problems;
}

/** Throws one InvalidInputError listing every problem of the deploy. */
export function assertDeployable(config: ScheduleConfig, platform: Platform, stage: string): void {
  const problems = [...stageProblems(stage), ...deployProblems(config, platform)];
  if (problems.length === 0) return;
  throw new InvalidInputError(
    `Cannot deploy to ${PLATFORM_TITLE[platform]}:\n  - ${problems.join("\n  - ")}`,
    problems,
  );
}

/** `tencent:ap-guangzhou,tencent:ap-shanghai`: the providers and regions of the platform's enabled groups. */
export function allowedRegions(config: ScheduleConfig, platform: Platform): string {
  const pairs = new Set<string>();
  for (const group of config.groups) {
    if (!group.enabled || group.platform !== platform) continue;
    for (const region of group.regions) pairs.add(`${group.provider}:${region}`);
  }
  return [...pairs].sort().join(",");
}

/** The management tag as the functions' scope guard reads it: `key=value`. */
export function allowedTag(config: ScheduleConfig): string {
  const { key, value } = config.deploy.aws.managementTag;
  return `${key}=${value}`;
}

/**
 * Node's flags for a function of this much memory: source-mapped stack traces, and a heap sized to the function. A
 * large fleet's describe pages otherwise grow V8's heap well past what the run keeps (measured with
 * scripts/bench/memory-probe.ts at 100,000 instances: 2 × 50k EC2 185 MB by default, 122 MB with these flags at
 * 128 MB; 100k CVM in one region 95 MB), past the function's memory.
 */
export function nodeOptions(memoryMb: number): string {
  const oldSpace = Math.max(64, Math.floor(memoryMb * 0.62));
  return `--enable-source-maps --max-semi-space-size=2 --max-old-space-size=${oldSpace}`;
}

/**
 * glibc keeps memory the process freed unless told otherwise: compiling the AWS SDK's bundle leaves about 25 MB of
 * freed parser memory counted in the function's RSS, because glibc's mmap threshold grows after the first large block
 * is freed. Fixing the threshold at its default (128 KiB) returns large blocks to the system when freed. Measured
 * with the bench's function runner at 2 × 50,000 EC2: 94–96 MB peak instead of 122–132 MB; loading the Lambda bundle
 * alone: 75 MB instead of 98 MB. Harmless where the runtime's libc is not glibc (the variable is then not read).
 */
export const MALLOC_SETTINGS: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: "131072" };

/** The runtime variables of a function of this much memory: Node's flags and the C library's allocator. */
export function runtimeEnvironment(memoryMb: number): Record<string, string> {
  return { NODE_OPTIONS: nodeOptions(memoryMb), ...MALLOC_SETTINGS };
}

/** Every variable a deployed function gets: the user's, then the ones the deploy owns. */
export function deployedEnvironment(
  config: ScheduleConfig,
  platform: Platform,
  configDigest: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ...runtimeEnvironment(config.deploy[platform].memoryMb),
    ...config.deploy[platform].environment,
    ...extra,
    POWER_ALLOWED_TAG: allowedTag(config),
    POWER_ALLOWED_REGIONS: allowedRegions(config, platform),
    POWERCRON_CONFIG_DIGEST: configDigest,
  };
}

/**
 * The environment as deploy output shows it: every key, and every value but the secrets' (keys, tokens, signing
 * secrets, webhook URLs, URLs carrying a key: src/report/redact.ts), so that a person can review what is deployed.
 */
export function maskedEnvironment(
  variables: Readonly<Record<string, string>>,
  /** Secrets whatever their names say: the alert channels' webhook URLs and signing secrets. */
  secretNames: readonly string[] = [],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [
      key,
      isSecretVariable(key, value) || secretNames.includes(key) ? "***" : value,
    ]),
  );
}
