import { describe, expect, it } from "vitest";
import { fakeIds } from "../support/fake-provider.ts";
import { outcomes, targetParts } from "./target-parts.ts";

const ids = fakeIds("i", 8);
const fleet = ids.map((instanceId) => ({ instanceId, state: "running" as const }));

describe("InstanceReader: describing instances by their IDs", () => {
  it("returns only the views of the IDs asked for", async () => {
    const { reader } = targetParts({ cloud: "aws", fleet });
    const page = await reader.describeIds(ids.slice(0, 3));
    expect(page.views.map((v) => v.instanceId)).toEqual(ids.slice(0, 3));
    expect(page.error).toBeUndefined();
  });

  it("isolates unknown IDs that fail the call by halving, and settles them not-found with the cloud's code", async () => {
    const { reader, ledger, provider } = targetParts({ cloud: "aws", fleet });
    provider.unknownIdsOnDescribe = "error";
    const page = await reader.describeIds([...ids, "i-unknown"]);
    expect(page.views).toHaveLength(8);
    expect(outcomes(ledger)).toEqual({ "i-unknown": "not-found InvalidInstanceID.NotFound" });
    expect(provider.calls.length).toBeGreaterThan(1);
  });

  it("returns any other failure, after the retries, for the caller to decide on", async () => {
    const { reader, provider } = targetParts({ cloud: "aws", fleet, policy: { maxAttempts: 1 } });
    provider.failNext.push("AuthFailure");
    const page = await reader.describeIds(ids);
    expect(page).toMatchObject({ views: [], error: { code: "AuthFailure" } });
  });

  it("describes many IDs in pages of maxIdsPerCall, all at once", async () => {
    const many = fakeIds("i", 250);
    const { reader, provider } = targetParts({
      cloud: "aws",
      fleet: many.map((instanceId) => ({ instanceId, state: "stopped" as const })),
    });
    const { views, unanswered } = await reader.describeMany(many);
    expect(views.size).toBe(250);
    expect(unanswered.size).toBe(0);
    expect(provider.calls.map((c) => c.instanceIds.length)).toEqual([100, 100, 50]);
  });

  it("names each ID of a page that did not answer, with the failure", async () => {
    const many = fakeIds("i", 150);
    const { reader, provider } = targetParts({
      cloud: "aws",
      fleet: many.map((instanceId) => ({ instanceId, state: "stopped" as const })),
      policy: { maxAttempts: 1 },
    });
    provider.failNext.push("AuthFailure");
    const { views, unanswered } = await reader.describeMany(many);
    expect(views.size).toBe(50);
    expect(unanswered.size).toBe(100);
    expect([...unanswered.values()].every((error) => error.code === "AuthFailure")).toBe(true);
  });
});
