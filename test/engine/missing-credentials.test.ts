/** The engine asks every target's provider for its credentials before the first call of any target. */
import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, type PowerRequest } from "../../src/domain/types.ts";
import { runPower } from "../../src/engine/run-power.ts";
import { MissingCredentialsError } from "../../src/errors.ts";
import { fakeEngineDeps } from "../support/fake-engine.ts";
import { FakeProvider } from "../support/fake-provider.ts";

const REQUEST: PowerRequest = {
  action: "stop",
  targets: [
    { provider: "tencent", region: "ap-shanghai", instanceIds: ["ins-aaaaaaaa"], tags: {} },
    { provider: "aws", region: "us-east-1", instanceIds: ["i-0abc12345678def90"], tags: {} },
  ],
  options: DEFAULT_OPTIONS,
  scope: {},
};

/** A fake whose credential check refuses, as a connector without keys does. */
class KeylessProvider extends FakeProvider {
  async checkCredentials(): Promise<void> {
    throw new MissingCredentialsError("aws", ["AWS_ACCESS_KEY_ID"], "AWS credentials missing: set AWS_ACCESS_KEY_ID");
  }
}

describe("Function: runPower, credentials", () => {
  it("refuses the whole run with the provider's MissingCredentialsError before any target sends a call", async () => {
    const tencent = new FakeProvider("tencent", "ap-shanghai", [{ instanceId: "ins-aaaaaaaa", state: "running" }]);
    const aws = new KeylessProvider("aws", "us-east-1", [{ instanceId: "i-0abc12345678def90", state: "running" }]);
    await expect(runPower(REQUEST, fakeEngineDeps([tencent, aws], 60_000))).rejects.toBeInstanceOf(
      MissingCredentialsError,
    );
    expect([tencent.calls, aws.calls]).toEqual([[], []]);
  });

  it("runs as before when every provider's check passes or has none", async () => {
    const tencent = new FakeProvider("tencent", "ap-shanghai", [{ instanceId: "ins-aaaaaaaa", state: "running" }]);
    const aws = new FakeProvider("aws", "us-east-1", [{ instanceId: "i-0abc12345678def90", state: "running" }]);
    const report = await runPower(REQUEST, fakeEngineDeps([tencent, aws], 60_000));
    expect(report.totals).toMatchObject({ instances: 2, stopped: 2 });
  });
});
