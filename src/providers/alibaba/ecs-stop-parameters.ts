import type { PowerOptions } from "../../domain/index.ts";

/** ECS StopInstances' own words for how to stop: the only place that maps powercron's options onto them. */
export interface EcsStopParameters {
  /** `StopCharging` (economical mode: vCPU, memory, GPU and image-licence billing stop) or `KeepCharging`. */
  readonly StoppedMode: "StopCharging" | "KeepCharging";
  /** Like pulling the plug: no graceful shutdown of the operating system. */
  readonly ForceStop: boolean;
}

/**
 * Today's options → ECS: `stoppedMode` STOP_CHARGING → StopCharging, KEEP_CHARGING → KeepCharging (always sent, so
 * the account's economical-mode default never decides for us); `force`, or Tencent's `stopType: "HARD"`, → ForceStop.
 * SOFT_FIRST (graceful, then forced after a timeout) has no ECS equivalent: ECS's graceful stop is sent.
 * Issue 20's intents ("release compute billing while stopped", "forced stop") will replace these three fields here.
 */
export function ecsStopParameters(options: PowerOptions): EcsStopParameters {
  return {
    StoppedMode: options.stoppedMode === "STOP_CHARGING" ? "StopCharging" : "KeepCharging",
    ForceStop: options.force || options.stopType === "HARD",
  };
}
