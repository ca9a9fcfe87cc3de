import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { type FaultSpec, parseFaultSpec, startLocalCloud } from "../../src/local-cloud/index.ts";
import { resolveOptions } from "../../src/local-cloud/options.ts";
import { TEST_FLEET } from "./support/fleet.ts";

describe("Function: resolveOptions", () => {
  it("fills in the defaults", () => {
    const resolved = resolveOptions({ fleet: TEST_FLEET });

    expect(resolved).toMatchObject({
      host: "127.0.0.1",
      port: 0,
      latencyMs: 0,
      transitionMs: 300,
      seed: 1,
      tencentDescribeUnknownIds: "omit",
      tencentStateLagMs: 100,
      hangMs: 30_000,
    });
  });

  it.each([
    { transitionMs: 40, lag: 40 },
    { transitionMs: 0, lag: 0 },
    { transitionMs: 5000, lag: 100 },
  ])("lags Tencent describe calls no longer than transitionMs $transitionMs by default", ({ transitionMs, lag }) => {
    expect(resolveOptions({ fleet: TEST_FLEET, transitionMs }).tencentStateLagMs).toBe(lag);
  });

  it.each([
    { what: "an unknown key", options: { fleet: TEST_FLEET, latency: 5 }, names: "latency" },
    { what: "a negative latency", options: { fleet: TEST_FLEET, latencyMs: -1 }, names: "latencyMs" },
    {
      what: "an unknown describe mode",
      options: { fleet: TEST_FLEET, tencentDescribeUnknownIds: "ignore" },
      names: "tencentDescribeUnknownIds",
    },
    {
      what: "fault rates adding up to more than 1",
      options: { fleet: TEST_FLEET, faults: { "*": { throttle: 0.6, hang: 0.6 } } },
      names: "add up",
    },
  ])("refuses $what, naming it", ({ options, names }) => {
    expect(() => resolveOptions(options as never)).toThrow(InvalidInputError);
    expect(() => resolveOptions(options as never)).toThrow(names);
  });

  it("refuses a fleet with a bad instance, naming the field", async () => {
    const fleet = { instances: [{ provider: "aws", region: "us-east-1", instanceId: "i-XYZ", state: "running" }] };

    await expect(startLocalCloud({ fleet: fleet as never })).rejects.toThrow(/instances\[0\]\.instanceId/);
  });
});

describe("Function: parseFaultSpec", () => {
  it.each<{ text: string; spec: FaultSpec }>([
    { text: "", spec: {} },
    {
      text: "throttle=0.2,serverError=0.05,hang=0.02",
      spec: { "*": { throttle: 0.2, serverError: 0.05, hang: 0.02 } },
    },
    {
      text: "StopInstances:throttle=0.5;*:hang=0.01",
      spec: { StopInstances: { throttle: 0.5 }, "*": { hang: 0.01 } },
    },
  ])("reads $text", ({ text, spec }) => {
    expect(parseFaultSpec(text)).toEqual(spec);
  });

  it.each(["throttle", "slow=0.1", "throttle=2", "stop instances:throttle=0.1", "throttle=0.7,hang=0.7"])(
    "refuses %s",
    (text) => {
      expect(() => parseFaultSpec(text)).toThrow(InvalidInputError);
    },
  );
});
