/**
 * `accounts: {organization: ...}` in the schedule config: the accounts of a group found from its cloud's organisation
 * at fire time. Each value is checked against the group's cloud's formats; errors name the field and the value.
 */
import { describe, expect, it } from "vitest";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

const ACCOUNTS = [
  "accounts:",
  "  - {name: management, provider: aws, roleArn: 'arn:aws:iam::999999999999:role/PowercronLister'}",
  "  - {name: tc-admin, provider: tencent, roleArn: 'qcs::cam::uin/100000000009:roleName/PowercronLister'}",
].join("\n");
const AWS_GROUP = `  - {name: fleet, provider: aws, region: us-east-1, tags: {env: test}, stop: "0 19 * * *", timezone: UTC`;
const TC_GROUP = `  - {name: fleet-tc, provider: tencent, region: ap-shanghai, tags: {env: test}, stop: "0 19 * * *", timezone: UTC`;
const ALI_GROUP = `  - {name: fleet-ali, provider: alibaba, region: cn-hangzhou, tags: {env: test}, stop: "0 19 * * *", timezone: UTC`;

const configOf = (group: string, accounts: string) =>
  [ACCOUNTS, "groups:", `${group}, accounts: ${accounts}}`].join("\n");
const parse = (group: string, accounts: string) => parseScheduleConfig(configOf(group, accounts), "org.yaml");

describe("accounts: {organization: ...}", () => {
  it.each([
    {
      form: "{organization: {role: PowercronSpoke}}",
      group: AWS_GROUP,
      source: { role: "PowercronSpoke" },
    },
    {
      form: "{organization: {role: PowercronSpoke, ous: [ou-ab12-cd34ef56, r-ab12], exclude: ['222222222222'], via: management, externalId: powercron-x}}",
      group: AWS_GROUP,
      source: {
        units: ["ou-ab12-cd34ef56", "r-ab12"],
        exclude: ["222222222222"],
        role: "PowercronSpoke",
        externalId: "powercron-x",
        via: "management",
      },
    },
    {
      form: "{organization: {role: PowercronSpoke, ous: [1234, 1234], exclude: [100000000003]}}",
      group: TC_GROUP,
      source: { units: ["1234"], exclude: ["100000000003"], role: "PowercronSpoke" },
    },
  ])("$form is the group's organisation source, no account listed", ({ form, group, source }) => {
    const [parsed] = parse(group, form).groups;
    expect(parsed?.organization).toEqual(source);
    expect(parsed?.accounts).toBeUndefined();
  });

  it.each([
    {
      form: "{organization: {}}",
      group: AWS_GROUP,
      message: "groups[0] (fleet).accounts.organization.role: missing",
    },
    {
      form: "{organization: {role: X, ou: [ou-ab12-cd34ef56]}}",
      group: AWS_GROUP,
      message: "groups[0] (fleet).accounts.organization.ou: unknown key",
    },
    {
      form: "{organization: {role: X, ous: [ou-1]}}",
      group: AWS_GROUP,
      message:
        'groups[0] (fleet).accounts.organization.ous[0]: "ou-1" is not AWS Organizations unit (ou-<root>-<8 to 32> or r-<root>)',
    },
    {
      form: "{organization: {role: X, exclude: ['1234']}}",
      group: AWS_GROUP,
      message:
        'groups[0] (fleet).accounts.organization.exclude[0]: "1234" is not AWS Organizations member (a 12-digit account ID)',
    },
    {
      form: "{organization: {role: 'bad role'}}",
      group: AWS_GROUP,
      message: 'groups[0] (fleet).accounts.organization.role: "bad role" is not a role name',
    },
    {
      form: "{organization: {role: X, ous: [ou-ab12-cd34ef56]}}",
      group: TC_GROUP,
      message:
        'groups[0] (fleet-tc).accounts.organization.ous[0]: "ou-ab12-cd34ef56" is not Tencent Cloud Organization unit (a department NodeId (digits))',
    },
    {
      form: "{organization: {role: X, via: ghost}}",
      group: AWS_GROUP,
      message: 'groups[0] (fleet).accounts.organization.via: "ghost" names no account (accounts: management, tc-admin)',
    },
    {
      form: "{organization: {role: X, via: tc-admin}}",
      group: AWS_GROUP,
      message:
        'groups[0] (fleet).accounts.organization.via: "tc-admin" is a tencent account, but the group\'s provider is aws',
    },
    {
      form: "{organization: {role: X}}",
      group: ALI_GROUP,
      message: "groups[0] (fleet-ali).accounts.organization",
    },
    {
      form: "5",
      group: AWS_GROUP,
      message:
        'groups[0] (fleet).accounts: 5 is not "*" (every declared account of the group\'s cloud), a list of account names or {organization: {role: ...}}',
    },
  ])("refuses $form on $group.name, naming the field and the value", ({ form, group, message }) => {
    expect(() => parse(group, form)).toThrow(message);
  });

  it("refuses an Alibaba group's organisation source, saying why", () => {
    expect(() => parse(ALI_GROUP, "{organization: {role: X}}")).toThrow(/is not available for Alibaba Cloud groups/);
  });
});
