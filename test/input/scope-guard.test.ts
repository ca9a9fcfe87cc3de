import { describe, expect, it } from "vitest";
import type { ScopeGuard } from "../../src/domain/types.ts";
import { AWS_ID, AWS_ID_SHORT, type Env, invalidInput, requestOf, TENCENT_ID } from "./parse-helpers.ts";

const EVENT = { region: "ap-shanghai", instanceIds: [TENCENT_ID] };

describe("Function: parseInvocation, scope guard", () => {
  it.each<{ case: string; env: Env; scope: ScopeGuard }>([
    { case: "no guard variable", env: {}, scope: {} },
    { case: "blank guard variables", env: { POWER_ALLOWED_TAG: " ", POWER_ALLOWED_IDS: "" }, scope: {} },
    {
      case: "POWER_ALLOWED_TAG",
      env: { POWER_ALLOWED_TAG: "env=dev" },
      scope: { allowedTag: { key: "env", value: "dev" } },
    },
    {
      case: "POWER_ALLOWED_TAG with spaces",
      env: { POWER_ALLOWED_TAG: " powercron = allowed " },
      scope: { allowedTag: { key: "powercron", value: "allowed" } },
    },
    {
      case: "POWER_ALLOWED_TAG with an empty value",
      env: { POWER_ALLOWED_TAG: "sandbox=" },
      scope: { allowedTag: { key: "sandbox", value: "" } },
    },
    {
      case: "POWER_ALLOWED_IDS of both clouds",
      env: { POWER_ALLOWED_IDS: `${TENCENT_ID}, ${AWS_ID} ${AWS_ID_SHORT}` },
      scope: { allowedIds: new Set([TENCENT_ID, AWS_ID, AWS_ID_SHORT]) },
    },
    {
      case: "POWER_ALLOWED_IDS as a JSON array",
      env: { POWER_ALLOWED_IDS: JSON.stringify([TENCENT_ID]) },
      scope: { allowedIds: new Set([TENCENT_ID]) },
    },
    {
      case: "both variables",
      env: { POWER_ALLOWED_TAG: "env=dev", POWER_ALLOWED_IDS: TENCENT_ID },
      scope: { allowedTag: { key: "env", value: "dev" }, allowedIds: new Set([TENCENT_ID]) },
    },
  ])("reads $case", ({ env, scope }) => {
    expect(requestOf(EVENT, env).scope).toEqual(scope);
  });

  it("is not lifted by an event: scope is not an event key", () => {
    const error = invalidInput({ ...EVENT, scope: {} }, { POWER_ALLOWED_TAG: "env=dev" });
    expect(error.message).toContain("scope: unknown key");
  });

  it("refuses an empty POWER_ALLOWED_IDS rather than silently lifting the guard", () => {
    const error = invalidInput(EVENT, { POWER_ALLOWED_IDS: " , " });
    expect(error.message).toContain('POWER_ALLOWED_IDS: "," lists no instance IDs');
  });
});
