/**
 * A target whose cloud the function's bundle does not carry (the connector's stub throws CloudNotInBundleError): that
 * target's instances and tag selection fail with the stub's message, no call is sent for it, the other targets run.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerRequest } from "../../src/domain/types.ts";
import { runPower } from "../../src/engine/run-power.ts";
import { CloudNotInBundleError, InvalidInputError } from "../../src/errors.ts";
import { fakeEngineDeps } from "../support/fake-engine.ts";
import { FakeProvider } from "../support/fake-provider.ts";

const MESSAGE =
  "Alibaba Cloud ECS is not in this scf bundle: its config has no group of that cloud; add one and rebuild";

const REQUEST: PowerRequest = {
  action: "stop",
  targets: [
    { provider: "tencent", region: "ap-shanghai", instanceIds: ["ins-aaaaaaaa"], tags: {} },
    { provider: "alibaba", region: "cn-hangzhou", instanceIds: ["i-bp1aaaaaaaaaaaaaaaa"], tags: { env: "test" } },
  ],
  options: DEFAULT_OPTIONS,
  scope: {},
};

/** Engine deps whose factory throws `thrown` for the Alibaba target, as a bundle's connector stub does. */
function depsThrowingFor(tencent: FakeProvider, thrown: Error) {
  const deps = fakeEngineDeps([tencent], 60_000);
  return {
    ...deps,
    providers: (provider: Parameters<typeof deps.providers>[0], region: string, account?: string) => {
      if (provider === "alibaba") throw thrown;
      return deps.providers(provider, region, account);
    },
  };
}

describe("Function: runPower, a cloud the bundle does not carry", () => {
  it("fails that target's instances and tag selection with the stub's message; the other target runs", async () => {
    const tencent = new FakeProvider("tencent", "ap-shanghai", [{ instanceId: "ins-aaaaaaaa", state: "running" }]);
    const report = await runPower(REQUEST, depsThrowingFor(tencent, new CloudNotInBundleError("alibaba", MESSAGE)));
    expect(report.totals).toEqual({ instances: 3, stopped: 1, failed: 2 });
    const failed = report.instances.filter((row) => row.outcome === "failed");
    expect(failed.map((row) => [row.provider, row.region, row.instanceId, row.code, row.message])).toEqual([
      ["alibaba", "cn-hangzhou", "i-bp1aaaaaaaaaaaaaaaa", "CloudNotInBundle", MESSAGE],
      ["alibaba", "cn-hangzhou", "tags:env=test", "CloudNotInBundle", MESSAGE],
    ]);
    // Exactly the calls of the Tencent target alone: none was sent, or counted, for the Alibaba one.
    const alone = new FakeProvider("tencent", "ap-shanghai", [{ instanceId: "ins-aaaaaaaa", state: "running" }]);
    const aloneReport = await runPower(
      { ...REQUEST, targets: REQUEST.targets.slice(0, 1) },
      fakeEngineDeps([alone], 60_000),
    );
    expect(report.apiCalls).toEqual(aloneReport.apiCalls);
    expect(tencent.calls).toEqual(alone.calls);
    expect(tencent.calls.length).toBeGreaterThan(0);
  });

  it("still refuses the whole run for any other error of the factory (a bad account is the input's)", async () => {
    const tencent = new FakeProvider("tencent", "ap-shanghai", [{ instanceId: "ins-aaaaaaaa", state: "running" }]);
    const thrown = new InvalidInputError('account: "nope" is not an alibaba account of the schedule config');
    await expect(runPower(REQUEST, depsThrowingFor(tencent, thrown))).rejects.toBe(thrown);
    expect(tencent.calls).toEqual([]);
  });
});
