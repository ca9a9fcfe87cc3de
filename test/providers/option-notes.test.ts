/** The notes of options an instance cannot take read in the run's tense: done, or on a dry run, would be done. */
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type InstanceView, type PowerOptions } from "../../src/domain/types.ts";
import { ec2OptionFallback, ec2OptionsFor } from "../../src/providers/aws/ec2-failures.ts";
import type { OptionFallback } from "../../src/providers/compute-provider.ts";
import { tencentOptionFallback } from "../../src/providers/tencent/tencent-failures.ts";

const NOT_HIBERNATING: InstanceView = {
  instanceId: "i-0abc12345678def90",
  state: "running",
  cloudState: "running",
  tags: {},
  canHibernate: false,
};

type NoteOf = (options: PowerOptions) => OptionFallback | undefined;

const NOTES: { source: string; noteOf: NoteOf; options: Partial<PowerOptions>; done: string; wouldDo: string }[] = [
  {
    source: "EC2 optionsFor, hibernation not configured",
    noteOf: (options) => ec2OptionsFor(NOT_HIBERNATING, "stop", options),
    options: { hibernate: true },
    done: "hibernation not configured; stopped without hibernating",
    wouldDo: "hibernation not configured; would stop without hibernating",
  },
  {
    source: "EC2 fallback, hibernation refused",
    noteOf: (options) => ec2OptionFallback("UnsupportedHibernationConfiguration", "stop", options),
    options: { hibernate: true },
    done: "hibernation refused by the cloud (UnsupportedHibernationConfiguration); stopped without hibernating",
    wouldDo: "hibernation refused by the cloud (UnsupportedHibernationConfiguration); would stop without hibernating",
  },
  {
    source: "CVM fallback, STOP_CHARGING refused",
    noteOf: (options) => tencentOptionFallback("UnsupportedOperation.StoppedModeStopCharging", "stop", options),
    options: { releaseComputeWhileStopped: true },
    done: "STOP_CHARGING refused by the cloud; stopped with KEEP_CHARGING instead",
    wouldDo: "STOP_CHARGING refused by the cloud; would stop with KEEP_CHARGING instead",
  },
];

describe("Option fallback notes", () => {
  describe.each(NOTES)("$source", ({ noteOf, options, done, wouldDo }) => {
    it(`reads "${done}" on a run`, () => {
      expect(noteOf({ ...DEFAULT_OPTIONS, ...options, dryRun: false })?.note).toBe(done);
    });

    it(`reads "${wouldDo}" on a dry run, never in the past tense`, () => {
      const note = noteOf({ ...DEFAULT_OPTIONS, ...options, dryRun: true })?.note;
      expect(note).toBe(wouldDo);
      expect(note).not.toMatch(/\b(stopped|started)\b/);
    });
  });
});
