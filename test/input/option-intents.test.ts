import { describe, expect, it } from "vitest";
import type { PowerOptions } from "../../src/domain/types.ts";
import { type Env, options, requestOf, TENCENT_ID } from "./parse-helpers.ts";

const INSTANCES: Env = { POWER_INSTANCE_IDS: TENCENT_ID, POWER_REGION: "ap-shanghai" };

type Intents = Pick<PowerOptions, "shutdown" | "releaseComputeWhileStopped" | "hibernate">;
const DEFAULT_INTENTS: Intents = {
  shutdown: "graceful-then-forced",
  releaseComputeWhileStopped: false,
  hibernate: false,
};

function intentsOf(event: Record<string, unknown> | undefined, env: Env = {}): Intents {
  const { shutdown, releaseComputeWhileStopped, hibernate } = requestOf(
    event === undefined ? undefined : { options: event },
    { ...INSTANCES, ...env },
  ).options;
  return { shutdown, releaseComputeWhileStopped, hibernate };
}

describe("Option forms → intents: every form valid before the intents still works", () => {
  it.each<{ form: Record<string, unknown>; intents: Partial<Intents> }>([
    { form: {}, intents: {} },
    { form: { stopType: "SOFT" }, intents: { shutdown: "graceful" } },
    { form: { stopType: "HARD" }, intents: { shutdown: "forced" } },
    { form: { stopType: "SOFT_FIRST" }, intents: { shutdown: "graceful-then-forced" } },
    { form: { force: true }, intents: { shutdown: "forced" } },
    { form: { force: false }, intents: { shutdown: "graceful-then-forced" } },
    { form: { stopType: "SOFT", force: true }, intents: { shutdown: "forced" } },
    { form: { stopType: "SOFT", force: false }, intents: { shutdown: "graceful" } },
    { form: { stoppedMode: "STOP_CHARGING" }, intents: { releaseComputeWhileStopped: true } },
    { form: { stoppedMode: "KEEP_CHARGING" }, intents: { releaseComputeWhileStopped: false } },
    { form: { hibernate: true }, intents: { hibernate: true } },
    { form: { shutdown: "graceful" }, intents: { shutdown: "graceful" } },
    { form: { shutdown: "graceful", stopType: "HARD", force: true }, intents: { shutdown: "graceful" } },
    { form: { releaseComputeWhileStopped: true }, intents: { releaseComputeWhileStopped: true } },
    {
      form: { releaseComputeWhileStopped: false, stoppedMode: "STOP_CHARGING" },
      intents: { releaseComputeWhileStopped: false },
    },
  ])("event options $form → $intents", ({ form, intents }) => {
    expect(intentsOf(form)).toEqual({ ...DEFAULT_INTENTS, ...intents });
  });

  it.each<{ env: Env; intents: Partial<Intents> }>([
    { env: { POWER_STOP_TYPE: "SOFT" }, intents: { shutdown: "graceful" } },
    { env: { POWER_STOP_TYPE: "hard" }, intents: { shutdown: "forced" } },
    { env: { POWER_STOP_TYPE: "SOFT_FIRST" }, intents: { shutdown: "graceful-then-forced" } },
    { env: { POWER_FORCE: "true" }, intents: { shutdown: "forced" } },
    { env: { POWER_FORCE: "no" }, intents: { shutdown: "graceful-then-forced" } },
    { env: { POWER_FORCE: "1", POWER_STOP_TYPE: "SOFT" }, intents: { shutdown: "forced" } },
    { env: { POWER_STOPPED_MODE: "STOP_CHARGING" }, intents: { releaseComputeWhileStopped: true } },
    { env: { POWER_STOPPED_MODE: "keep_charging" }, intents: { releaseComputeWhileStopped: false } },
    { env: { POWER_HIBERNATE: "yes" }, intents: { hibernate: true } },
  ])("environment $env → $intents", ({ env, intents }) => {
    expect(intentsOf(undefined, env)).toEqual({ ...DEFAULT_INTENTS, ...intents });
  });

  it("takes the event's words over the environment's, whichever words each uses", () => {
    expect(intentsOf({ stopType: "SOFT" }, { POWER_FORCE: "true" }).shutdown).toBe("graceful");
    expect(intentsOf({ shutdown: "forced" }, { POWER_STOP_TYPE: "SOFT" }).shutdown).toBe("forced");
    expect(intentsOf({ force: false }, { POWER_FORCE: "true" }).shutdown).toBe("graceful-then-forced");
    expect(intentsOf({}, { POWER_STOPPED_MODE: "STOP_CHARGING" }).releaseComputeWhileStopped).toBe(true);
  });

  it("keeps the other options as they are", () => {
    expect(requestOf({ options: { stopType: "HARD", wait: true } }, INSTANCES).options).toEqual(
      options({ shutdown: "forced", wait: true }),
    );
  });
});
