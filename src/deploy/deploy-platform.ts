/**
 * `powercron deploy <platform>` and `powercron deploy <platform> --remove`: the platform's own deploy, handed the
 * bundler (which sits above the platforms), after the checks against the repository (preflight.ts); a platform that
 * another tool deploys is named with that tool's commands.
 */
import { InvalidInputError } from "../errors.ts";
import {
  assertDeployable,
  DEFAULT_STAGE,
  type DeployArgs,
  type Platform,
  type PlatformDeploy,
  platformOf,
} from "../platforms/index.ts";
import { loadScheduleConfig } from "../schedule/index.ts";
import { buildAll } from "./bundle.ts";
import { deployPreflight } from "./preflight.ts";

type ToolDeploy = Extract<PlatformDeploy, { command: string }>;

/** The refusal for a platform powercron does not deploy: the commands that do. */
function deployedElsewhere(platform: Platform, deploy: ToolDeploy, remove: boolean): InvalidInputError {
  const [wanted, other] = remove
    ? [`\`${deploy.removeCommand}\` removes it (\`${deploy.command}\` deploys it)`, ""]
    : [`\`${deploy.command}\` deploys it`, `, \`${deploy.removeCommand}\` removes it`];
  return new InvalidInputError(
    `deploy ${platform}${remove ? " --remove" : ""}: ${platformOf(platform).title} is deployed by ${deploy.tool}, ` +
      `not by powercron: ${wanted}${other} (--stage as usual)`,
  );
}

export async function runDeploy(platform: Platform, args: DeployArgs): Promise<unknown> {
  const { deploy } = platformOf(platform);
  if (!("run" in deploy)) throw deployedElsewhere(platform, deploy, false);
  const config = await loadScheduleConfig(args.configFile);
  assertDeployable(config, platform, args.stage ?? DEFAULT_STAGE);
  await deployPreflight(config, platform, {
    configFile: args.configFile,
    env: args.env,
    dryRun: args.dryRun,
    warn: args.log ?? console.log,
  });
  return deploy.run(args, (options) => buildAll([platform], options));
}

/** Deletes the stage's functions and their triggers (`--dry-run`: lists them, deletes nothing). */
export async function runRemove(platform: Platform, args: DeployArgs): Promise<unknown> {
  const { deploy } = platformOf(platform);
  if (!("run" in deploy)) throw deployedElsewhere(platform, deploy, true);
  return deploy.remove(args);
}
