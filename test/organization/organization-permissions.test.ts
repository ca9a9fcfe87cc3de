/**
 * The functions' permissions for groups whose accounts come from their organisation: listing (only when the function
 * lists with its own keys), and the spoke role's name in any member; the SCF execution role in CAM's grammar.
 * The Lambda role is checked by the IAM simulator in test/platforms/lambda/iam-simulate.test.ts.
 */
import { describe, expect, it } from "vitest";
import { accountRoleArns, organizationListStatements } from "../../src/platforms/account-roles.ts";
import { scfExecutionPolicy } from "../../src/platforms/scf/scf-policies.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

const configOf = (source: string) =>
  parseScheduleConfig(
    `
accounts:
  - {name: tc-admin, provider: tencent, roleArn: "qcs::cam::uin/100000000009:roleName/PowercronLister"}
groups:
  - {name: fleet-tc, provider: tencent, accounts: ${source}, region: ap-guangzhou, tags: {env: test}, stop: "0 19 * * *", timezone: UTC}
`,
    "org.yaml",
  );

describe("permissions of an organisation group (Tencent, SCF)", () => {
  it("lets the SCF role list the members and assume the spoke role's name in any member", () => {
    const policy = scfExecutionPolicy(configOf("{organization: {role: PowercronSpoke}}"));
    expect(policy.statement).toContainEqual({
      effect: "allow",
      action: ["organization:DescribeOrganizationMembers"],
      resource: ["*"],
    });
    expect(policy.statement).toContainEqual({
      effect: "allow",
      action: ["sts:AssumeRole"],
      resource: ["qcs::cam::uin/*:roleName/PowercronSpoke", "qcs::cam::uin/100000000009:roleName/PowercronLister"],
    });
  });

  it("lists through `via`: the function role gets no listing permission, only the roles", () => {
    const config = configOf("{organization: {role: PowercronSpoke, via: tc-admin}}");
    expect(organizationListStatements(config, "tencent")).toEqual([]);
    expect(accountRoleArns(config, "tencent")).toEqual([
      "qcs::cam::uin/*:roleName/PowercronSpoke",
      "qcs::cam::uin/100000000009:roleName/PowercronLister",
    ]);
  });
});
