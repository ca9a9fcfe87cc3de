import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerOptions } from "../../src/domain/index.ts";
import { ec2StopParameters } from "../../src/providers/aws/ec2-stop-options.ts";
import { cvmStopParameters } from "../../src/providers/tencent/tencent-stop-options.ts";

const stop = (intents: Partial<PowerOptions>): PowerOptions => ({ ...DEFAULT_OPTIONS, ...intents });

describe("Adapters: stop intents → each cloud's StopInstances parameters", () => {
  it.each<{ intents: Partial<PowerOptions>; cvm: ReturnType<typeof cvmStopParameters>; ec2: object }>([
    { intents: {}, cvm: { StopType: "SOFT_FIRST", StoppedMode: "KEEP_CHARGING" }, ec2: {} },
    { intents: { shutdown: "graceful" }, cvm: { StopType: "SOFT", StoppedMode: "KEEP_CHARGING" }, ec2: {} },
    { intents: { shutdown: "forced" }, cvm: { StopType: "HARD", StoppedMode: "KEEP_CHARGING" }, ec2: { Force: true } },
    {
      intents: { releaseComputeWhileStopped: true },
      cvm: { StopType: "SOFT_FIRST", StoppedMode: "STOP_CHARGING" },
      ec2: {},
    },
    {
      intents: { hibernate: true },
      cvm: { StopType: "SOFT_FIRST", StoppedMode: "KEEP_CHARGING" },
      ec2: { Hibernate: true },
    },
    {
      intents: { hibernate: true, shutdown: "forced" },
      cvm: { StopType: "HARD", StoppedMode: "KEEP_CHARGING" },
      ec2: { Hibernate: true, Force: true },
    },
  ])("$intents → CVM $cvm, EC2 $ec2", ({ intents, cvm, ec2 }) => {
    expect(cvmStopParameters(stop(intents))).toEqual(cvm);
    expect(ec2StopParameters(stop(intents))).toEqual(ec2);
  });
});
