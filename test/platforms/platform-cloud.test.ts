import { describe, expect, it } from "vitest";
import { PLATFORMS } from "../../src/platforms/index.ts";
import { homePlatform, PLATFORM_PROVIDER, PLATFORM_TITLE } from "../../src/platforms/platform-cloud.ts";

describe("Module: platform-cloud (the temporary platform ↔ provider lookup)", () => {
  it.each([
    { platform: "scf", provider: "tencent", title: "Tencent SCF" },
    { platform: "aws", provider: "aws", title: "AWS Lambda" },
  ] as const)("runs the $provider functions on $platform ($title), its home platform", (row) => {
    expect(PLATFORM_PROVIDER[row.platform]).toBe(row.provider);
    expect(PLATFORM_TITLE[row.platform]).toBe(row.title);
    expect(homePlatform(row.provider)).toBe(row.platform);
  });

  it("names a provider and a title for every platform of PLATFORMS", () => {
    expect(Object.keys(PLATFORM_PROVIDER).sort()).toEqual([...PLATFORMS].sort());
    expect(Object.keys(PLATFORM_TITLE).sort()).toEqual([...PLATFORMS].sort());
  });
});
