/** Organisation discovery goes into a platform's bundles only when that platform's config has a group that uses it. */
import { describe, expect, it } from "vitest";
import { leftOutOrganization } from "../../src/deploy/bundle-organization.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

const group = (accounts: string) =>
  parseScheduleConfig(
    `groups:\n  - {name: g, provider: tencent, ${accounts} region: ap-guangzhou, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}\n`,
    "g.yaml",
  );

describe("leftOutOrganization", () => {
  it("stubs the discovery, the listings, the form and the formats for a platform whose groups list no organisation", () => {
    const stubs = leftOutOrganization("scf", group(""));
    expect(stubs.map((stub) => stub.file)).toEqual([
      "src/runtime/organization-fire.ts",
      "src/runtime/organization-discovery.ts",
      "src/providers/aws/aws-organization-lister.ts",
      "src/providers/tencent/tencent-organization.ts",
      "src/providers/aws/aws-organization-format.ts",
      "src/providers/tencent/tencent-organization-format.ts",
      "src/schedule/organization-source.ts",
    ]);
    expect(stubs[0]?.message).toBe("not in this scf bundle: no group has accounts: {organization}");
  });

  it("leaves everything in when a group of the platform uses it; the other platform keeps the form (it parses the whole config)", () => {
    const config = group("accounts: {organization: {role: PowercronSpoke}},");
    expect(leftOutOrganization("scf", config)).toEqual([]);
    expect(leftOutOrganization("aws", config).map((stub) => stub.file)).toEqual([
      "src/runtime/organization-fire.ts",
      "src/runtime/organization-discovery.ts",
      "src/providers/aws/aws-organization-lister.ts",
      "src/providers/tencent/tencent-organization.ts",
    ]);
  });
});
