import { InvalidInputError } from "../../../errors.ts";
import { readTencentCredential } from "../../../providers/index.ts";
import { loadScheduleConfig } from "../../../schedule/index.ts";
import { assertDeployable, DEFAULT_STAGE } from "../../deploy-check.ts";
import type { BuildBundles, DeployArgs } from "../../platform-descriptor.ts";
import { type ScfApi, TencentScfApi } from "./scf-api.ts";
import { deployScf, type ScfDeployResult } from "./scf-deploy.ts";

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

function hasCredentials(env: Env): boolean {
  return Boolean(
    (env.TENCENTCLOUD_SECRET_ID ?? env.TENCENTCLOUD_SECRETID) &&
      (env.TENCENTCLOUD_SECRET_KEY ?? env.TENCENTCLOUD_SECRETKEY),
  );
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
      if (!args.dryRun) {
        throw new InvalidInputError(
          "Tencent credentials missing: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary keys)",
        );
      }
      log("no Tencent credentials: planning against an empty account");
      api = EMPTY_ACCOUNT;
    } else {
      const endpoint = args.env.TENCENTCLOUD_SCF_ENDPOINT;
      api = new TencentScfApi({
        region: settings.region,
        namespace: settings.namespace,
        credential: () => readTencentCredential(args.env),
        ...(endpoint ? { endpoint } : {}),
      });
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
    ...(args.pollMs !== undefined ? { pollMs: args.pollMs } : {}),
  });
}
