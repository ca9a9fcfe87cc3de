/** The domain's stop intent → CVM StopInstances' StopType and StoppedMode. */
import type { PowerOptions, ShutdownMode } from "../../domain/index.ts";

/** StopType: SOFT (a clean shutdown), HARD (pull the plug), SOFT_FIRST (clean, forced when the guest does not stop). */
export const CVM_STOP_TYPES: Readonly<Record<ShutdownMode, "SOFT" | "HARD" | "SOFT_FIRST">> = {
  graceful: "SOFT",
  forced: "HARD",
  "graceful-then-forced": "SOFT_FIRST",
};

/**
 * StopInstances' options for these intents. STOP_CHARGING is refused for instances that cannot release their billing
 * (tencent-failures.ts falls back to KEEP_CHARGING with a note); hibernation does not exist on CVM.
 */
export function cvmStopParameters(options: PowerOptions): {
  StopType: "SOFT" | "HARD" | "SOFT_FIRST";
  StoppedMode: "KEEP_CHARGING" | "STOP_CHARGING";
} {
  return {
    StopType: CVM_STOP_TYPES[options.shutdown],
    StoppedMode: options.releaseComputeWhileStopped ? "STOP_CHARGING" : "KEEP_CHARGING",
  };
}
