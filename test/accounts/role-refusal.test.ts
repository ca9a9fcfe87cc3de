import { describe, expect, it } from "vitest";
import type { CloudAccount } from "../../src/domain/index.ts";
import { CloudApiError } from "../../src/errors.ts";
import { accountLabel, namingRefusals } from "../../src/providers/accounts/role-refusal.ts";

const TEAM_C: CloudAccount = { name: "team-c", provider: "aws", roleArn: "arn:aws:iam::333333333333:role/Spoke" };
const TEAM_D: CloudAccount = {
  name: "team-d",
  provider: "tencent",
  roleArn: "qcs::cam::uin/100000000004:roleName/Spoke",
};

describe("Function: accountLabel", () => {
  it.each([
    { account: TEAM_C, label: 'account "team-c" (AWS account 333333333333)' },
    { account: TEAM_D, label: 'account "team-d" (Tencent Cloud uin 100000000004)' },
  ])("names $account.name with its ID", ({ account, label }) => {
    expect(accountLabel(account)).toBe(label);
  });
});

describe("Function: namingRefusals", () => {
  it("rethrows a refusal with the account, its ID and the role in the message, keeping STS's code and details", async () => {
    const refusal = new CloudApiError("AccessDenied", "not authorized to perform sts:AssumeRole", {
      action: "AssumeRole",
      requestId: "r-1",
    });
    const error = await namingRefusals(TEAM_C, () => Promise.reject(refusal))().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({
      code: "AccessDenied",
      details: { action: "AssumeRole", requestId: "r-1" },
      message:
        'account "team-c" (AWS account 333333333333): AccessDenied when assuming arn:aws:iam::333333333333:role/Spoke: not authorized to perform sts:AssumeRole',
      cause: refusal,
    });
  });

  it("passes credentials through untouched", async () => {
    const keys = { keyId: "k", secret: "s", token: "t", expiresAt: 1 };
    await expect(namingRefusals(TEAM_D, async () => keys)()).resolves.toBe(keys);
  });
});
