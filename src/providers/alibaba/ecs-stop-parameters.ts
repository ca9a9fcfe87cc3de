import type { PowerOptions } from "../../domain/index.ts";

/** ECS StopInstances' own words for how to stop: the only place that maps powercron's options onto them. */
export interface EcsStopParameters {
  /** `StopCharging` (economical mode: vCPU, memory, GPU and image-licence billing stop) or `KeepCharging`. */
  readonly StoppedMode: "StopCharging" | "KeepCharging";
  /** Like pulling the plug: no graceful shutdown of the operating system. */
  readonly ForceStop: boolean;
}

/**
 * The intents → ECS: releasing compute billing while stopped → StopCharging, else KeepCharging (always sent, so the
 * account's economical-mode default never decides for us); a forced shutdown → ForceStop. Graceful-then-forced has no
 * ECS equivalent: ECS's graceful stop is sent.
 */
export function ecsStopParameters(options: PowerOptions): EcsStopParameters {
  return {
    StoppedMode: options.releaseComputeWhileStopped ? "StopCharging" : "KeepCharging",
    ForceStop: options.shutdown === "forced",
  };
}
