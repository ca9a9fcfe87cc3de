import { describe, expect, it } from "vitest";
import { parseInvocation } from "../../src/input/parse-invocation.ts";
import { parseScheduleConfig } from "../../src/schedule/config.ts";

const GROUP_AWS = `  - {name: team-a-nightly, provider: aws, region: us-east-1, tags: {env: test}, stop: "0 19 * * 1-5", timezone: UTC`;
const GROUP_TC = `  - {name: team-b-nightly, provider: tencent, region: ap-shanghai, tags: {env: test}, stop: "0 19 * * 1-5", timezone: Asia/Shanghai`;

function config(accounts: string, awsAccount?: string, tencentAccount?: string): string {
  return [
    "accounts:",
    accounts,
    "groups:",
    `${GROUP_AWS}${awsAccount ? `, account: ${awsAccount}` : ""}}`,
    `${GROUP_TC}${tencentAccount ? `, account: ${tencentAccount}` : ""}}`,
  ].join("\n");
}

const GOOD_ACCOUNTS = [
  "  - {name: team-a, provider: aws, roleArn: 'arn:aws:iam::111122223333:role/PowercronSpoke', externalId: powercron-a}",
  "  - {name: team-b, provider: tencent, roleArn: 'qcs::cam::uin/100000000002:roleName/PowercronSpoke'}",
].join("\n");

describe("accounts in the schedule config", () => {
  it("loads accounts and the groups' account", () => {
    const parsed = parseScheduleConfig(config(GOOD_ACCOUNTS, "team-a", "team-b"), "accounts.yaml");
    expect(parsed.accounts).toEqual([
      {
        name: "team-a",
        provider: "aws",
        roleArn: "arn:aws:iam::111122223333:role/PowercronSpoke",
        externalId: "powercron-a",
      },
      { name: "team-b", provider: "tencent", roleArn: "qcs::cam::uin/100000000002:roleName/PowercronSpoke" },
    ]);
    expect(parsed.groups.map((group) => group.accounts)).toEqual([["team-a"], ["team-b"]]);
  });

  it("a config without accounts has none, and groups without account use the function's own", () => {
    const parsed = parseScheduleConfig(config("  []"), "plain.yaml");
    expect(parsed.accounts).toEqual([]);
    expect(parsed.groups.every((group) => group.accounts === undefined)).toBe(true);
  });

  it.each([
    [
      "a malformed AWS role ARN",
      "  - {name: a, provider: aws, roleArn: 'arn:aws:iam::1234:role/X'}",
      'accounts[0] (a).roleArn: "arn:aws:iam::1234:role/X" is not an AWS role ARN',
    ],
    [
      "a Tencent ARN given as AWS",
      "  - {name: a, provider: aws, roleArn: 'qcs::cam::uin/100000000002:roleName/X'}",
      'accounts[0] (a).roleArn: "qcs::cam::uin/100000000002:roleName/X" is not an AWS role ARN',
    ],
    [
      "a Tencent role ARN by role ID rather than roleName",
      "  - {name: b, provider: tencent, roleArn: 'qcs::cam::uin/100000000002:role/4611686018427397919'}",
      'accounts[0] (b).roleArn: "qcs::cam::uin/100000000002:role/4611686018427397919" is not a Tencent role ARN (qcs::cam::uin/<uin>:roleName/<role name>)',
    ],
    [
      "a bad externalId",
      "  - {name: a, provider: aws, roleArn: 'arn:aws:iam::111122223333:role/X', externalId: 'x'}",
      'accounts[0] (a).externalId: "x" is not an ExternalId',
    ],
    [
      "two accounts of one name",
      "  - {name: a, provider: aws, roleArn: 'arn:aws:iam::111122223333:role/X'}\n  - {name: a, provider: aws, roleArn: 'arn:aws:iam::111122223334:role/X'}",
      'accounts[1].name: "a" is also the name of accounts[0]',
    ],
  ])("refuses %s, naming the field and the value", (_, accounts, message) => {
    expect(() => parseScheduleConfig(config(accounts), "bad.yaml")).toThrow(message);
  });

  it("refuses a group naming an undeclared account or one of the other cloud", () => {
    expect(() => parseScheduleConfig(config(GOOD_ACCOUNTS, "ghost"), "bad.yaml")).toThrow(
      'groups[0] (team-a-nightly).account: "ghost" names no account (accounts: team-a, team-b)',
    );
    expect(() => parseScheduleConfig(config(GOOD_ACCOUNTS, "team-b"), "bad.yaml")).toThrow(
      'groups[0] (team-a-nightly).account: "team-b" is a tencent account, but the group\'s provider is aws',
    );
  });
});

describe('a group across accounts (accounts: [..] or "*")', () => {
  const MORE = `${GOOD_ACCOUNTS}\n  - {name: team-c, provider: aws, roleArn: 'arn:aws:iam::111122223334:role/PowercronSpoke'}`;
  const withAccounts = (accounts: string, value: string) =>
    ["accounts:", accounts, "groups:", `${GROUP_AWS}, ${value}}`].join("\n");

  it.each([
    { value: "accounts: [team-c, team-a]", accounts: ["team-c", "team-a"] },
    { value: "accounts: [team-a, team-a]", accounts: ["team-a"] },
    { value: 'accounts: "*"', accounts: ["team-a", "team-c"] },
    { value: "account: team-c", accounts: ["team-c"] },
  ])("$value → the group's accounts are $accounts", ({ value, accounts }) => {
    const [group] = parseScheduleConfig(withAccounts(MORE, value), "across.yaml").groups;
    expect(group?.accounts).toEqual(accounts);
  });

  it.each([
    {
      value: "accounts: [team-a, ghost]",
      message: 'groups[0] (team-a-nightly).accounts[1]: "ghost" names no account (accounts: team-a, team-b, team-c)',
    },
    {
      value: "accounts: [team-b]",
      message:
        'groups[0] (team-a-nightly).accounts[0]: "team-b" is a tencent account, but the group\'s provider is aws',
    },
    { value: "accounts: []", message: "groups[0] (team-a-nightly).accounts" },
    { value: "accounts: all", message: 'groups[0] (team-a-nightly).accounts: "all" is not "*"' },
    { value: "account: team-a, accounts: [team-c]", message: "give account or accounts, not both" },
  ])("refuses $value, naming the field and the value", ({ value, message }) => {
    expect(() => parseScheduleConfig(withAccounts(MORE, value), "bad.yaml")).toThrow(message);
  });

  it('refuses "*" when the config declares no account of the group\'s cloud', () => {
    const tencentOnly =
      "  - {name: team-b, provider: tencent, roleArn: 'qcs::cam::uin/100000000002:roleName/PowercronSpoke'}";
    expect(() => parseScheduleConfig(withAccounts(tencentOnly, 'accounts: "*"'), "bad.yaml")).toThrow(
      'groups[0] (team-a-nightly).accounts: "*" names every declared aws account, but the config declares none',
    );
  });
});

describe("account in an event's target", () => {
  it("keeps the account on the target, and lets one region appear once per account", () => {
    const invocation = parseInvocation(
      "stop",
      {
        targets: [
          { provider: "aws", region: "us-east-1", tags: { env: "test" }, account: "team-a" },
          { provider: "aws", region: "us-east-1", tags: { env: "test" } },
        ],
      },
      {},
    );
    if (invocation.kind !== "request") throw new Error("expected a request");
    expect(invocation.request.targets.map((target) => target.account)).toEqual(["team-a", undefined]);
  });

  it("refuses a malformed account name and an account next to a group", () => {
    expect(() =>
      parseInvocation("stop", { provider: "aws", region: "us-east-1", tags: { a: "b" }, account: "1bad" }, {}),
    ).toThrow('account: "1bad" is not an account name');
    expect(() => parseInvocation("stop", { group: "g", account: "team-a" }, {})).toThrow(
      'account: "team-a" is given next to group "g"',
    );
  });

  it("refuses the same provider, region and account twice", () => {
    const target = { provider: "aws", region: "us-east-1", tags: { a: "b" }, account: "team-a" };
    expect(() => parseInvocation("stop", { targets: [target, target] }, {})).toThrow(
      "targets[1]: repeats aws us-east-1 (account team-a) of targets[0]",
    );
  });
});
