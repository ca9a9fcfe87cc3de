/** `powercron deploy <platform>`: the platform's own deploy, handed the bundler (which sits above the platforms). */
import { InvalidInputError } from "../errors.ts";
import { type DeployArgs, type Platform, platformOf } from "../platforms/index.ts";
import { buildAll } from "./bundle.ts";

export async function runDeploy(platform: Platform, args: DeployArgs): Promise<unknown> {
  const descriptor = platformOf(platform);
  if (descriptor.deploy === undefined) {
    throw new InvalidInputError(
      `deploy: ${descriptor.title} is not deployed by powercron itself (see README, Deploying)`,
    );
  }
  return descriptor.deploy.run(args, (options) => buildAll([platform], options));
}
