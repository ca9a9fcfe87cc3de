/** `powercron deploy <platform>`: the platform's own deploy, handed the bundler (which sits above the platforms). */
import { InvalidInputError } from "../errors.ts";
import { type DeployArgs, type Platform, platformOf } from "../platforms/index.ts";
import { buildAll } from "./bundle.ts";

export async function runDeploy(platform: Platform, args: DeployArgs): Promise<unknown> {
  const { title, deploy } = platformOf(platform);
  if (!("run" in deploy)) {
    throw new InvalidInputError(`deploy: ${title} deploys with \`${deploy.command}\`, not powercron deploy`);
  }
  return deploy.run(args, (options) => buildAll([platform], options));
}
