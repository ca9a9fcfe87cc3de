import { describe, expect, it } from "vitest";
import type { PowerOptions } from "../../src/domain/types.ts";
import { type Env, options, requestOf, TENCENT_ID } from "./parse-helpers.ts";

const INSTANCES: Env = { POWER_INSTANCE_IDS: TENCENT_ID, POWER_REGION: "ap-shanghai" };

function optionsFrom(env: Env, eventOptions?: Record<string, unknown>): PowerOptions {
  return requestOf(eventOptions === undefined ? undefined : { options: eventOptions }, { ...INSTANCES, ...env })
    .options;
}

describe("Function: parseInvocation, options", () => {
  it("uses DEFAULT_OPTIONS when neither the event nor the environment sets any", () => {
    expect(optionsFrom({})).toEqual(options());
  });

  it.each<{ variable: string; raw: string; expected: Partial<PowerOptions> }>([
    { variable: "POWER_DRY_RUN", raw: "true", expected: { dryRun: true } },
    { variable: "POWER_STOP_TYPE", raw: "HARD", expected: { shutdown: "forced" } },
    { variable: "POWER_STOP_TYPE", raw: "soft", expected: { shutdown: "graceful" } },
    { variable: "POWER_STOP_TYPE", raw: "soft_first", expected: { shutdown: "graceful-then-forced" } },
    { variable: "POWER_STOPPED_MODE", raw: "STOP_CHARGING", expected: { releaseComputeWhileStopped: true } },
    { variable: "POWER_STOPPED_MODE", raw: "keep_charging", expected: { releaseComputeWhileStopped: false } },
    { variable: "POWER_HIBERNATE", raw: "true", expected: { hibernate: true } },
    { variable: "POWER_FORCE", raw: "true", expected: { shutdown: "forced" } },
    { variable: "POWER_WAIT", raw: "true", expected: { wait: true } },
    { variable: "POWER_MAX_CALLS_PER_SECOND", raw: "25", expected: { maxCallsPerSecond: 25 } },
    { variable: "POWER_MAX_CALLS_PER_SECOND", raw: " 1 ", expected: { maxCallsPerSecond: 1 } },
    { variable: "POWER_MAX_CALLS_PER_SECOND", raw: "100", expected: { maxCallsPerSecond: 100 } },
    { variable: "POWER_MAX_CALLS_PER_SECOND", raw: "5.0", expected: { maxCallsPerSecond: 5 } },
    { variable: "POWER_DRY_RUN", raw: "", expected: {} },
  ])("reads $variable=$raw", ({ variable, raw, expected }) => {
    expect(optionsFrom({ [variable]: raw })).toEqual(options(expected));
  });

  it.each([
    ...["true", "TRUE", "True", "1", "yes", "YES", " yes "].map((raw) => ({ raw, value: true })),
    ...["false", "FALSE", "0", "no", "No"].map((raw) => ({ raw, value: false })),
  ])("reads the boolean spelling $raw as $value", ({ raw, value }) => {
    const env = { POWER_DRY_RUN: raw, POWER_HIBERNATE: raw, POWER_FORCE: raw, POWER_WAIT: raw };
    const shutdown = value ? "forced" : "graceful-then-forced";
    expect(optionsFrom(env)).toEqual(options({ dryRun: value, hibernate: value, shutdown, wait: value }));
  });

  it.each<{
    word: string;
    option: keyof PowerOptions;
    variable: string;
    envRaw: string;
    envValue: unknown;
    eventWord: unknown;
    eventValue: unknown;
  }>([
    {
      word: "dryRun",
      option: "dryRun",
      variable: "POWER_DRY_RUN",
      envRaw: "no",
      envValue: false,
      eventWord: true,
      eventValue: true,
    },
    {
      word: "stopType",
      option: "shutdown",
      variable: "POWER_STOP_TYPE",
      envRaw: "HARD",
      envValue: "forced",
      eventWord: "SOFT",
      eventValue: "graceful",
    },
    {
      word: "stoppedMode",
      option: "releaseComputeWhileStopped",
      variable: "POWER_STOPPED_MODE",
      envRaw: "STOP_CHARGING",
      envValue: true,
      eventWord: "KEEP_CHARGING",
      eventValue: false,
    },
    {
      word: "hibernate",
      option: "hibernate",
      variable: "POWER_HIBERNATE",
      envRaw: "1",
      envValue: true,
      eventWord: false,
      eventValue: false,
    },
    {
      word: "force",
      option: "shutdown",
      variable: "POWER_FORCE",
      envRaw: "true",
      envValue: "forced",
      eventWord: false,
      eventValue: "graceful-then-forced",
    },
    {
      word: "wait",
      option: "wait",
      variable: "POWER_WAIT",
      envRaw: "false",
      envValue: false,
      eventWord: true,
      eventValue: true,
    },
    {
      word: "maxCallsPerSecond",
      option: "maxCallsPerSecond",
      variable: "POWER_MAX_CALLS_PER_SECOND",
      envRaw: "3",
      envValue: 3,
      eventWord: 7,
      eventValue: 7,
    },
  ])(
    "takes $word from the event over $variable over the default (as $option)",
    ({ word, option, variable, envRaw, envValue, eventWord, eventValue }) => {
      const env = { [variable]: envRaw };
      expect(optionsFrom({})[option]).toBe(options()[option]);
      expect(optionsFrom(env)[option]).toBe(envValue);
      expect(optionsFrom(env, { [word]: eventWord })[option]).toBe(eventValue);
      expect(optionsFrom(env, {})[option]).toBe(envValue);
    },
  );

  it.each([
    { case: "the event's own options", event: { region: "ap-shanghai", instanceIds: [TENCENT_ID] } },
    { case: "the environment's instances", event: {} },
    { case: "a JSON string", event: JSON.stringify({ region: "ap-shanghai", instanceIds: [TENCENT_ID] }) },
  ])(
    "keeps POWER_DRY_RUN=true over an event's dryRun false: an event may only make a run safer ($case)",
    ({ event }) => {
      const env = { POWER_DRY_RUN: "true", POWER_INSTANCE_IDS: TENCENT_ID, POWER_REGION: "ap-shanghai" };
      const withOptions =
        typeof event === "string"
          ? JSON.stringify({ ...JSON.parse(event), options: { dryRun: false } })
          : { ...event, options: { dryRun: false } };
      expect(
        requestOf(
          withOptions,
          event === undefined || (typeof event === "object" && !("instanceIds" in event))
            ? env
            : { POWER_DRY_RUN: "true" },
        ).options.dryRun,
      ).toBe(true);
    },
  );

  it("merges option by option: an event option leaves the environment's others in place", () => {
    const env = { POWER_DRY_RUN: "true", POWER_STOP_TYPE: "HARD" };
    expect(optionsFrom(env, { stopType: "SOFT", wait: true })).toEqual(
      options({ dryRun: true, shutdown: "graceful", wait: true }),
    );
  });

  it("applies the environment's options to an event that names its own instances", () => {
    const request = requestOf({ region: "ap-shanghai", instanceIds: [TENCENT_ID] }, { POWER_WAIT: "yes" });
    expect(request.options).toEqual(options({ wait: true }));
  });
});
