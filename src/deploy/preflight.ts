/**
 * What a deploy checks against the world outside the config, after the config itself passed (platforms/deploy-check):
 * the committed infra/ files are what `npm run infra` writes from this config now, and every variable the alert
 * channels reference is set in the deploy's environment. A dry run (or `serverless package`) warns; a deploy refuses
 * (InvalidInputError, exit 2), naming each file or variable and what to do.
 */
import { InvalidInputError } from "../errors.ts";
import { copiedEnvironment, type Platform, platformOf } from "../platforms/index.ts";
import type { ScheduleConfig } from "../schedule/index.ts";
import { type ReadText, staleInfraFiles, staleInfraProblems } from "./infra-check.ts";

export interface PreflightOptions {
  readonly configFile: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Warn instead of refusing. */
  readonly dryRun: boolean;
  readonly warn: (line: string) => void;
  /** For tests: where infra/ is, and how a file is read. */
  readonly root?: string;
  readonly read?: ReadText;
}

export async function deployPreflight(
  config: ScheduleConfig,
  platform: Platform,
  options: PreflightOptions,
): Promise<void> {
  const stale = await staleInfraFiles(config, platform, {
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(options.read === undefined ? {} : { read: options.read }),
  });
  const refusing = [
    ...staleInfraProblems(stale.own, options.configFile),
    ...copiedEnvironment(config, platform, options.env).missing,
  ];
  // Another cloud's files do not stop this platform's deploy.
  for (const problem of staleInfraProblems(stale.others, options.configFile)) options.warn(`warning: ${problem}`);
  if (refusing.length === 0) return;
  const title = platformOf(platform).title;
  if (options.dryRun) {
    for (const problem of refusing) options.warn(`warning: ${problem}`);
    options.warn(`warning: a deploy to ${title} refuses (exit 2) until the above is fixed`);
    return;
  }
  throw new InvalidInputError(`Cannot deploy to ${title}:\n  - ${refusing.join("\n  - ")}`, refusing);
}
