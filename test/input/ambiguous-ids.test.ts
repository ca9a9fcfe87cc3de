/**
 * When two clouds' IDs share a prefix (Alibaba's and AWS's both start with `i-`), the registry infers no provider from
 * such an ID: a target naming one must name its provider. The registry is made to answer so here.
 */
import { describe, expect, it, vi } from "vitest";
import { AWS_ID, invalidInput, requestOf, TENCENT_ID } from "./parse-helpers.ts";

vi.mock("../../src/providers/registry.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/providers/registry.ts")>();
  return {
    ...original,
    inferProviderOfId: (id: string) =>
      id.startsWith("i-") ? { kind: "ambiguous", providers: ["aws", "tencent"] } : original.inferProviderOfId(id),
  };
});

describe("Input: an ID that could belong to two clouds", () => {
  it("must name its provider: the error names the field and the value", () => {
    const error = invalidInput({ region: "us-east-1", instanceIds: [AWS_ID] });
    expect(error.message).toContain(
      `instanceIds[0]: "${AWS_ID}" could be an AWS instance ID or a Tencent instance ID: name the provider (aws or tencent) in provider`,
    );
  });

  it("is accepted once the target names its provider", () => {
    expect(requestOf({ provider: "aws", region: "us-east-1", instanceIds: [AWS_ID] }).targets[0]?.provider).toBe("aws");
  });

  it("does not stop an unambiguous ID from being inferred", () => {
    expect(requestOf({ region: "ap-shanghai", instanceIds: [TENCENT_ID] }).targets[0]?.provider).toBe("tencent");
  });
});
