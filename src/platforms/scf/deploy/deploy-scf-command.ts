import { InvalidInputError } from "../../../errors.ts";
import { readTencentCredential } from "../../../providers/index.ts";
import { loadScheduleConfig, type ScheduleConfig } from "../../../schedule/index.ts";
import { copiedEnvironment } from "../../cloud-keys-environment.ts";
import { assertDeployable, DEFAULT_STAGE, stageProblems } from "../../deploy-check.ts";
import type { BuildBundles, DeployArgs } from "../../platform-descriptor.ts";
import { type ScfApi, TencentScfApi } from "./scf-api.ts";
import { deployScf, type ScfDeployResult } from "./scf-deploy.ts";
import { removeScf, type ScfRemoveResult } from "./scf-remove.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface DeployScfArgs extends DeployArgs {
  /** For tests: an SCF client instead of the SDK's. */
  readonly api?: ScfApi;
}

/** An account with nothing in it: what --dry-run plans against when no credentials are set. */
const EMPTY_ACCOUNT: ScfApi = {
  getFunction: async () => undefined,
  listTimers: async () => [],
  mutate: async () => {
    throw new Error("the empty account of a dry run takes no calls");
  },
};

const MISSING_CREDENTIALS =
  "Tencent credentials missing: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary keys)";

function hasCredentials(env: Env): boolean {
  return Boolean(
    (env.TENCENTCLOUD_SECRET_ID ?? env.TENCENTCLOUD_SECRETID) &&
      (env.TENCENTCLOUD_SECRET_KEY ?? env.TENCENTCLOUD_SECRETKEY),
  );
}

/** The SDK's SCF client for the config's region and namespace (TENCENTCLOUD_SCF_ENDPOINT overrides the endpoint). */
function scfApiOf(config: ScheduleConfig, env: Env): ScfApi {
  const settings = config.deploy.scf;
  const endpoint = env.TENCENTCLOUD_SCF_ENDPOINT;
  return new TencentScfApi({
    region: settings.region,
    namespace: settings.namespace,
    credential: () => readTencentCredential(env),
    ...(endpoint ? { endpoint } : {}),
  });
}

/** `powercron deploy scf`: load the config, build the SCF bundles, create or update the functions, sync the timers. */
export async function runDeployScf(args: DeployScfArgs, build: BuildBundles): Promise<ScfDeployResult> {
  const log = args.log ?? console.log;
  const stage = args.stage ?? DEFAULT_STAGE;
  const config = await loadScheduleConfig(args.configFile);
  for (const warning of config.warnings) log(`warning: ${warning}`);
  assertDeployable(config, "scf", stage);
  const settings = config.deploy.scf;
  const bundles = await build({
    configFile: args.configFile,
    ...(args.distDir ? { distDir: args.distDir } : {}),
  });
  for (const bundle of bundles) log(`built ${bundle.zip} (${(bundle.zipBytes / 1024).toFixed(1)} KB)`);

  let api = args.api;
  if (!api) {
    if (!hasCredentials(args.env)) {
      if (!args.dryRun) throw new InvalidInputError(MISSING_CREDENTIALS);
      log("no Tencent credentials: planning against an empty account");
      api = EMPTY_ACCOUNT;
    } else {
      api = scfApiOf(config, args.env);
    }
  }
  log(`${args.dryRun ? "dry run: " : ""}SCF ${settings.region}, namespace ${settings.namespace}, stage ${stage}`);
  return deployScf({
    config,
    stage,
    bundles,
    api,
    dryRun: args.dryRun,
    log,
    notify: copiedEnvironment(config, "scf", args.env),
    ...(args.pollMs !== undefined ? { pollMs: args.pollMs } : {}),
  });
}

/**
 * `powercron deploy scf --remove`: delete the stage's functions and their triggers in the config's region and
 * namespace. Reading the account needs credentials, a dry run's too (it lists what is there to go).
 */
export async function runRemoveScf(args: DeployScfArgs): Promise<ScfRemoveResult> {
  const log = args.log ?? console.log;
  const stage = args.stage ?? DEFAULT_STAGE;
  const problems = stageProblems(stage);
  if (problems.length > 0) throw new InvalidInputError(problems.join("; "), problems);
  const config = await loadScheduleConfig(args.configFile);
  if (!args.api && !hasCredentials(args.env)) throw new InvalidInputError(MISSING_CREDENTIALS);
  const api = args.api ?? scfApiOf(config, args.env);
  const { region, namespace } = config.deploy.scf;
  log(`${args.dryRun ? "dry run: " : ""}remove from SCF ${region}, namespace ${namespace}, stage ${stage}`);
  return removeScf({
    stage,
    api,
    dryRun: args.dryRun,
    log,
    ...(args.pollMs !== undefined ? { pollMs: args.pollMs } : {}),
  });
}
