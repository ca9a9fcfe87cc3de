import { describe, expect, it } from "vitest";
import { outsideScope, targetsOutsideScope } from "../../src/domain/scope-guard.ts";
import type { InstanceView, ScopeGuard, Tags } from "../../src/domain/types.ts";

function view(tags: Tags, instanceId = "ins-kqf9os9x"): InstanceView {
  return { instanceId, state: "running", cloudState: "RUNNING", tags };
}

describe("Function: outsideScope", () => {
  it.each<{ case: string; tags: Tags; scope: ScopeGuard; refused: string | undefined }>([
    { case: "no guard", tags: {}, scope: {}, refused: undefined },
    {
      case: "the allowed tag",
      tags: { env: "dev" },
      scope: { allowedTag: { key: "env", value: "dev" } },
      refused: undefined,
    },
    {
      case: "another value",
      tags: { env: "prod" },
      scope: { allowedTag: { key: "env", value: "dev" } },
      refused: "lacks the tag env=dev that POWER_ALLOWED_TAG requires",
    },
    {
      case: "constructor, which the instance lacks but Object.prototype has",
      tags: { env: "dev" },
      scope: { allowedTag: { key: "constructor", value: "function Object() { [native code] }" } },
      refused: "lacks the tag constructor=function Object() { [native code] } that POWER_ALLOWED_TAG requires",
    },
    {
      case: "constructor as a real tag",
      tags: Object.fromEntries([["constructor", "yes"]]),
      scope: { allowedTag: { key: "constructor", value: "yes" } },
      refused: undefined,
    },
    {
      case: "an ID outside POWER_ALLOWED_IDS",
      tags: {},
      scope: { allowedIds: new Set(["ins-00000000"]) },
      refused: "not in POWER_ALLOWED_IDS",
    },
  ])("$case", ({ tags, scope, refused }) => {
    expect(outsideScope(view(tags), scope)).toBe(refused);
  });
});

describe("Function: targetsOutsideScope", () => {
  const targets = [
    { provider: "tencent", region: "ap-shanghai" },
    { provider: "aws", region: "us-east-1" },
    { provider: "aws", region: "ap-shanghai" },
  ] as const;

  it("lets every target through without POWER_ALLOWED_REGIONS", () => {
    expect(targetsOutsideScope(targets, {})).toEqual([]);
  });

  it("names the targets whose provider:region is not listed", () => {
    const scope = { allowedRegions: new Set(["tencent:ap-shanghai", "aws:us-east-1"]) };
    expect(targetsOutsideScope(targets, scope)).toEqual([{ provider: "aws", region: "ap-shanghai" }]);
  });
});
