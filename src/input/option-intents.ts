/**
 * The run options as events, the config and the environment give them, onto the domain's intents. The intents'
 * own names (`shutdown`, `releaseComputeWhileStopped`, `hibernate`) and the older cloud words (`stopType`,
 * `stoppedMode`, `force`, and POWER_STOP_TYPE, POWER_STOPPED_MODE, POWER_FORCE) are all accepted; within one source
 * (the event, the config group, the environment) an intent's own name wins over the old words, and a later source
 * wins over an earlier one as for every option.
 */
import type { PowerOptions, ShutdownMode } from "../domain/index.ts";
import { STOP_TYPE_WORDS, STOPPED_MODE_WORDS } from "../settings/index.ts";

export type StopTypeWord = (typeof STOP_TYPE_WORDS)[number];
export type StoppedModeWord = (typeof STOPPED_MODE_WORDS)[number];

/** The old `stopType` words: a clean shutdown, pulling the plug, or clean with the plug pulled if that fails. */
export const SHUTDOWN_OF_STOP_TYPE: Readonly<Record<StopTypeWord, ShutdownMode>> = {
  SOFT: "graceful",
  HARD: "forced",
  SOFT_FIRST: "graceful-then-forced",
};

/** The old `stoppedMode` words: keep paying for the compute while stopped, or release it. */
export const RELEASE_OF_STOPPED_MODE: Readonly<Record<StoppedModeWord, boolean>> = {
  KEEP_CHARGING: false,
  STOP_CHARGING: true,
};

/** The stop options of one source, in any of the accepted words. */
export interface StopOptionWords {
  readonly shutdown?: ShutdownMode | undefined;
  readonly releaseComputeWhileStopped?: boolean | undefined;
  readonly stopType?: StopTypeWord | undefined;
  readonly stoppedMode?: StoppedModeWord | undefined;
  readonly force?: boolean | undefined;
}

/**
 * One source's shutdown: `shutdown` if given; else `force: true` (forced); else `stopType`; else `force: false`
 * (not forced: the default, graceful then forced); else nothing, leaving it to the earlier sources.
 */
function shutdownOf(words: StopOptionWords): ShutdownMode | undefined {
  if (words.shutdown !== undefined) return words.shutdown;
  if (words.force === true) return "forced";
  if (words.stopType !== undefined) return SHUTDOWN_OF_STOP_TYPE[words.stopType];
  if (words.force === false) return "graceful-then-forced";
  return undefined;
}

/** One source's stop options as intents, with only the keys it sets. */
export function stopIntents(
  words: StopOptionWords,
): Partial<Pick<PowerOptions, "shutdown" | "releaseComputeWhileStopped">> {
  const shutdown = shutdownOf(words);
  const release =
    words.releaseComputeWhileStopped ??
    (words.stoppedMode === undefined ? undefined : RELEASE_OF_STOPPED_MODE[words.stoppedMode]);
  return {
    ...(shutdown === undefined ? {} : { shutdown }),
    ...(release === undefined ? {} : { releaseComputeWhileStopped: release }),
  };
}
